// MARK: - search.html: everything a reader looks things up by, filterable, and a plain list without JavaScript

/// The search page's file name.
let searchPageName = "search.html"

/// One thing the search page lists: its kind, a link, what it shows and the words it is found by.
struct SearchEntry {
    var kind: String
    var href: String
    var label: HTML
    var detail: HTML
    var keys: String
}

extension HTMLReport {
    /// Sections, scenarios and tables, kernel functions and fstests names, each linked to where it is.
    func searchEntries() -> [SearchEntry] {
        var out: [SearchEntry] = []
        for c in spec.chapters {
            for s in c.sections {
                out.append(SearchEntry(kind: "section", href: c.page + "#" + s.id, label: .text("§\(s.number) \(s.title)"),
                                       detail: " " + .element(.code, [:], .text(s.id)), keys: "\(s.number) \(s.title) \(s.id) \(s.aliases.joined(separator: " "))"))
            }
        }
        for e in spec.catalog {
            out.append(SearchEntry(kind: e.kind.rawValue, href: e.page + "#" + e.id, label: .element(.code, [:], .text(e.id)),
                                   detail: .text(" §\(e.sectionNumber) — \(e.summary)" + (e.fstests.isEmpty ? "" : " (\(e.fstests.joined(separator: ", ")))")),
                                   keys: ([e.id, e.summary, e.sectionTitle] + e.aliases + e.switches + e.fstests).joined(separator: " ")))
        }
        for (name, places) in kernelNames() {
            out.append(SearchEntry(kind: "kernel function", href: places[0].href, label: .element(.code, [:], .text(name)),
                                   detail: placeLinks(places), keys: name + " " + places.map(\.label).joined(separator: " ")))
        }
        for (name, places) in fstestsPlaces() {
            out.append(SearchEntry(kind: "fstests", href: places[0].href, label: .text(name),
                                   detail: placeLinks(places), keys: name + " " + places.map(\.label).joined(separator: " ")))
        }
        return out
    }

    /// ` §5.1, §5.4`: each place as a link.
    func placeLinks(_ places: [(label: String, href: String)]) -> HTML {
        " " + .join(places.map { HTML.link($0.href, .text($0.label)) }, separator: ", ")
    }

    /// Kernel identifiers (code spans with an underscore, `name` or `name()` or `->name`) and the sections naming them.
    func kernelNames() -> [(String, [(label: String, href: String)])] {
        var places: [String: [(label: String, href: String)]] = [:]
        for c in spec.chapters {
            var section = c.sections.first
            for block in c.blocks {
                let html: String
                switch block.content {
                case .heading(let k, let title): section = c.sections[k]; html = title.html
                case .prose(let p): html = p.html
                default: continue
                }
                for name in codeSpans(html).compactMap(kernelIdentifier) {
                    guard let s = section else { continue }
                    let place = (label: "§\(s.number)", href: c.page + "#" + s.id)
                    if !(places[name] ?? []).contains(where: { $0.href == place.href }) { places[name, default: []].append(place) }
                }
            }
        }
        return places.keys.sorted().map { ($0, places[$0]!) }
    }

    /// fstests names and the scenarios and sections that name them.
    func fstestsPlaces() -> [(String, [(label: String, href: String)])] {
        var places: [String: [(label: String, href: String)]] = [:]
        for e in spec.catalog { for n in e.fstests { places[n, default: []].append((e.id, e.page + "#" + e.id)) } }
        for c in spec.chapters {
            var section = c.sections.first
            for block in c.blocks {
                switch block.content {
                case .heading(let k, _): section = c.sections[k]
                case .prose(let p):
                    guard let s = section else { continue }
                    for n in fstestsNames(in: HTML.plainText(p.html)) where !(places[n] ?? []).contains(where: { $0.href == c.page + "#" + s.id }) {
                        places[n, default: []].append(("§\(s.number)", c.page + "#" + s.id))
                    }
                default: continue
                }
            }
        }
        return places.keys.sorted().map { ($0, places[$0]!) }
    }

    /// `search.html`: a filter box (JavaScript) over a plain list of every entry, grouped by kind.
    func searchPage() -> String {
        let entries = searchEntries()
        var b = HTML.element(.h1, [:], "Search") + .newline
        b += .element(.p, [:], "Sections, scenarios, parameter tables and explore blocks, kernel functions the chapters discuss, and fstests names. ",
                      "Without JavaScript this is the plain list of all of them; with it, type to filter.") + .newline
        b += .element(.p, [.class: "search", .id: "search-box", .hidden: ""],
                      .element(.label, [.for: "q"], "Filter: "),
                      .void(.input, [.id: "q", .type: "search", .placeholder: "e.g. xfs/559, iomap_write_begin, 5.2, cookie"]),
                      " ", .element(.span, [.id: "count", .class: "settings"], "")) + .newline
        for kind in ["section", "scenario", "params", "explore", "kernel function", "fstests"] {
            let group = entries.filter { $0.kind == kind }
            guard !group.isEmpty else { continue }
            let items = group.map { e in
                HTML.element(.li, [.dataKeys: e.keys.lowercased()], .link(e.href, e.label), e.detail)
            }
            b += .element(.section, [.class: "search-group", .id: "all-" + ChapterParser.slug(kind)],
                          .element(.h2, [:], .text("\(groupTitles[kind] ?? kind) (\(group.count))")),
                          .element(.ul, [:], .join(items.map { $0 + .newline }))) + .newline
        }
        b += .script(searchScript)
        return page(title: "Search — iomapspec", nav: topNav(current: searchPageName), body: b)
    }
}

/// The heading of each group of the search page.
let groupTitles = ["section": "sections", "scenario": "scenarios", "params": "parameter tables", "explore": "explore blocks",
                   "kernel function": "kernel functions", "fstests": "fstests"]

/// Shows the filter box and hides list items whose keys lack any typed word; offline, no requests.
let searchScript: StaticString = """
(function () {
  var box = document.getElementById("search-box"), q = document.getElementById("q"), count = document.getElementById("count");
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-keys]"));
  box.hidden = false;
  function filter() {
    var words = q.value.toLowerCase().split(/\\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    items.forEach(function (li) {
      var keys = li.getAttribute("data-keys");
      var hit = words.every(function (w) { return keys.indexOf(w) >= 0; });
      li.hidden = !hit;
      if (hit) shown++;
    });
    document.querySelectorAll("section.search-group").forEach(function (s) {
      s.hidden = s.querySelector("li:not([hidden])") === null;
    });
    count.textContent = words.length ? shown + " of " + items.length : "";
  }
  q.addEventListener("input", filter);
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { q.value = initial; filter(); }
})();
"""

/// The contents of every `<code>...</code>` in cmark's HTML, unescaped.
func codeSpans(_ html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let open = rest.range(of: "<code>"), let close = rest[open.upperBound...].range(of: "</code>") {
        out.append(HTML.unescape(String(rest[open.upperBound..<close.lowerBound])))
        rest = rest[close.upperBound...]
    }
    return out
}

/// `iomap_write_begin`, `iomap_write_begin()`, `->iomap_valid` → the identifier; nil for anything else.
func kernelIdentifier(_ span: String) -> String? {
    var s = Substring(span)
    if s.hasPrefix("->") { s = s.dropFirst(2) }
    if s.hasSuffix("()") { s = s.dropLast(2) }
    guard s.count >= 4, s.contains("_"), let first = s.first, first.isLetter || first == "_",
          s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
          s.contains(where: { $0.isLowercase }) else { return nil }
    return String(s)
}
