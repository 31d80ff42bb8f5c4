import Foundation
import Testing
@testable import SpecKit

// MARK: - The report as a reviewer reads it: finding things, failures first, pictures, offline

/// The whole spec's pages without results, and chapter 5's pages with them.
let unrunPages = Dictionary(uniqueKeysWithValues: HTMLReport(run: SpecRun(spec: loadedSpec, scenarios: [], parameters: [])).allPages().map { ($0.name, $0.html) })
let chapter5Pages = Dictionary(uniqueKeysWithValues: HTMLReport(run: chapter5Run).allPages().map { ($0.name, $0.html) })

/// The index links every scenario, parameter table and explore block (at its anchor); the search page's
/// no-JS list does too, plus every section.
@Test func indexAndSearchLinkEveryId() throws {
    let index = try #require(unrunPages["index.html"])
    let search = try #require(unrunPages[searchPageName])
    let indexLinks = Set(attributes("href", in: index)), searchLinks = Set(attributes("href", in: search))
    for c in loadedSpec.chapters {
        for id in c.scenarios.map(\.id) + c.parameterTables.map(\.id) + c.explorations.map(\.id) {
            #expect(indexLinks.contains(c.page + "#" + id), "index.html does not link \(id)")
            #expect(searchLinks.contains(c.page + "#" + id), "search.html does not link \(id)")
        }
        for s in c.sections { #expect(searchLinks.contains(c.page + "#" + s.id), "search.html does not link \(s.id)") }
    }
    #expect(index.contains("id=\"series\"") && index.contains("9c7babf94a0d") && index.contains("xfs,iomap: move delalloc punching to iomap"))
    #expect(index.contains("<td>xfs/559</td>"), "the scenario index names xfs/559")
    for name in ["iomap_write_begin", "xfs_iomap_valid", "xfs/559", "generic/346"] {
        #expect(search.contains("data-keys=\"\(name.lowercased())"), "search.html has no entry \(name)")
    }
}

/// Every chapter page opens with a table of contents that links every section of the chapter.
@Test func everyChapterHasATableOfContents() throws {
    for c in loadedSpec.chapters {
        let page = try #require(unrunPages[c.page])
        guard let start = page.range(of: "<nav class=\"toc\""), let end = page[start.upperBound...].range(of: "</nav>") else {
            Issue.record("\(c.page) has no table of contents"); continue
        }
        let toc = String(page[start.lowerBound..<end.upperBound])
        for s in c.sections.dropFirst() { #expect(toc.contains("href=\"#\(s.id)\""), "\(c.page): contents lack \(s.id)") }
        for s in c.scenarios { #expect(toc.contains("href=\"#\(s.id)\""), "\(c.page): contents lack \(s.id)") }
    }
}

/// Every `Spec/NN-slug.md:line[:column]` the pages show is inside a link to that line of the source page.
@Test func everySourceLocationIsALink() throws {
    var checked = 0
    for pages in [unrunPages, chapter5Pages, Dictionary(uniqueKeysWithValues: HTMLReport(run: awkwardRun()).allPages().map { ($0.name, $0.html) })] {
        for (name, html) in pages where !name.hasSuffix(".source.html") {
            var rest = html[...]
            while let r = rest.range(of: #"Spec/[0-9]{2}-[a-z0-9-]+\.md:[0-9]+(:[0-9]+)?"#, options: .regularExpression) {
                let before = html[..<r.lowerBound]
                // An attribute value (a tooltip) is not shown text.
                if let lt = before.lastIndex(of: "<"), before.lastIndex(of: ">").map({ $0 < lt }) ?? true {
                    rest = html[r.upperBound...]; continue
                }
                let open = before.range(of: "<a ", options: .backwards), close = before.range(of: "</a>", options: .backwards)
                let inLink = open != nil && (close == nil || open!.lowerBound > close!.lowerBound)
                let tag = open.map { String(html[$0.lowerBound...].prefix(while: { $0 != ">" })) } ?? ""
                let line = html[r].split(separator: ":")[1]
                #expect(inLink && tag.contains(".source.html#L\(line)\""), "\(name): \(html[r]) is not a link to its line (\(tag))")
                checked += 1
                rest = html[r.upperBound...]
            }
        }
    }
    #expect(checked > 100, "only \(checked) source locations")
    let source = try #require(chapter5Pages["05-validity-cookies.source.html"])
    #expect(source.contains("id=\"L205\""))
    #expect(source.contains("```scenario validity-cookies/xfs-559-race"))
}

/// No page loads anything from outside the report; only the search page has a script, and it makes no requests.
@Test func everyPageIsOffline() {
    for pages in [unrunPages, chapter5Pages] {
        for (name, html) in pages {
            for bad in ["http://", "https://", "src=", "//cdn", "@import", "url(", "<link", "<iframe", "<img"] {
                #expect(!html.contains(bad), "\(name) contains \(bad)")
            }
            for href in attributes("href", in: html) { #expect(!href.hasPrefix("//") && !href.contains(":"), "\(name): external link \(href)") }
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == (name == searchPageName ? 1 : 0), "\(name) has \(scripts) scripts")
        }
    }
    let search = unrunPages[searchPageName] ?? ""
    for call in ["fetch(", "XMLHttpRequest", "import(", "WebSocket", "navigator.sendBeacon"] { #expect(!search.contains(call)) }
    // The filter box is hidden until the script shows it: without JavaScript the page is the plain list.
    #expect(search.contains("<p class=\"search\" id=\"search-box\" hidden=\"\">"))
}

@Test func allPagesAreDeterministic() {
    let a = HTMLReport(run: chapter5Run).allPages(), b = HTMLReport(run: chapter5Run).allPages()
    #expect(a.map(\.name) == b.map(\.name) && a.map(\.html) == b.map(\.html))
    let again = SpecRun.run(loadedSpec, selection: Selection(chapter: "validity-cookies"))
    #expect(HTMLReport(run: again).allPages().map(\.html) == a.map(\.html))
}

/// A failure is listed at the top of its chapter page with its first mismatch and linked from the index,
/// whose failure count links to that list.
@Test func failuresComeFirst() throws {
    let pages = Dictionary(uniqueKeysWithValues: HTMLReport(run: sampleRun()).allPages().map { ($0.name, $0.html) })
    let page = try #require(pages["07-sample.html"]), index = try #require(pages["index.html"])
    let list = try #require(page.range(of: "<section id=\"failures\""))
    let box = try #require(page.range(of: "<section class=\"scenario\" id=\"sample/impossible\""))
    #expect(list.lowerBound < box.lowerBound)
    let failures = String(page[list.lowerBound..<box.lowerBound])
    #expect(failures.contains("href=\"#sample/impossible\""))
    #expect(failures.contains("expected ret=12345, actual ret=0"))
    #expect(index.contains("href=\"07-sample.html#sample/impossible\""))
    #expect(index.contains("<a href=\"07-sample.html#failures\">1</a>"))
}

/// Step rows have their own anchors; the first step where a `without` column differs from `expect` is marked
/// with its differing cells; `=` cells say "same as expect" instead of repeating expectations; the pictures
/// have a ruler; red when reverted reads as the good outcome.
@Test func scenarioTablesReadWell() throws {
    let page = try #require(chapter5Pages["05-validity-cookies.html"])
    let s = try #require(loadedSpec.scenario(named: "validity-cookies/xfs-559-race"))
    for step in s.steps { #expect(page.contains("id=\"validity-cookies/xfs-559-race/step-\(step.label)\"")) }
    guard let start = page.range(of: "id=\"validity-cookies/xfs-559-race/step-6\""),
          let end = page.range(of: "id=\"validity-cookies/xfs-559-race/step-7\"") else { Issue.record("no step rows"); return }
    let row6 = String(page[start.lowerBound..<end.lowerBound])
    #expect(row6.contains("<td class=\"first-diff\">") && row6.contains("first difference from expect"))
    #expect(row6.contains("class=\"c-dirty fs diff\" title=\"block 1 @4k: uptodate, dirty; differs from expect\""), "the differing cache cells are outlined")
    let row1 = String(page[page.range(of: "id=\"validity-cookies/xfs-559-race/step-1\"")!.lowerBound...].prefix(6000))
    let without = String(row1[row1.range(of: "= same as expect")!.lowerBound...].prefix(400))
    #expect(!without.contains("size=40960") && without.contains("same state as expect"))
    #expect(page.contains("<span class=\"pic ruler\""))
    #expect(page.contains("class=\"reverted good\""))
    #expect(!page.contains("class=\"reverted red\""))
    #expect(page.contains("<div class=\"legend box-legend\">"))
    let table = try #require(loadedSpec.parameterTable(named: "validity-cookies/cookie-composition"))
    for k in table.rows.indices { #expect(page.contains("id=\"validity-cookies/cookie-composition/row-\(k + 1)\"")) }
}

// MARK: - Colours: WCAG AA for every picture cell and status colour

/// Relative luminance of `#rrggbb` (WCAG 2.1).
func luminance(_ hex: String) -> Double {
    let v = Int(hex.dropFirst(), radix: 16) ?? 0
    func channel(_ c: Int) -> Double {
        let s = Double(c) / 255
        return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(v >> 16) + 0.7152 * channel((v >> 8) & 0xff) + 0.0722 * channel(v & 0xff)
}

/// Contrast ratio of two colours.
func contrast(_ a: String, _ b: String) -> Double {
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
}

@Test func pictureColoursReachAA() throws {
    let css = reportCSS.description
    var pairs = 0
    for rule in css.split(separator: "}") {
        let parts = rule.split(separator: "{", maxSplits: 1)
        guard parts.count == 2 else { continue }
        let selector = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
        guard selector.hasPrefix(".c-") || selector.hasPrefix(".e-") || selector.hasPrefix(".badge.") else { continue }
        func value(_ key: String) -> String? {
            for decl in parts[1].split(separator: ";") {
                let kv = decl.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, kv[0] == key, let hex = kv[1].split(separator: "!").first, hex.hasPrefix("#") else { continue }
                if hex.count == 7 { return String(hex) }
                Issue.record("\(selector): write \(key) as #rrggbb so its contrast is checked, not \(hex)")
            }
            return nil
        }
        guard let bg = value("background") else { continue }
        let fg = value("color") ?? "#1d2228"
        #expect(contrast(fg, bg) >= 4.5, Comment(rawValue: "\(selector): \(fg) on \(bg)"))
        pairs += 1
    }
    #expect(pairs >= 13, "only \(pairs) colour pairs checked")
    // dirty and dirty-not-uptodate differ by more than the letter's case
    #expect(css.contains(".c-dnu{background:#e76f51") && css.contains("repeating-linear-gradient"))
}

// MARK: - Finding ids from the command line

@Test func lookupSuggestsAndTakesSectionNumbers() throws {
    #expect(loadedSpec.suggestions(for: "validity-cookie/xfs-559-rac").first == "validity-cookies/xfs-559-race")
    #expect(loadedSpec.suggestions(for: "validity-cookies/xfs-559-racee").first == "validity-cookies/xfs-559-race")
    #expect(loadedSpec.suggestions(for: "xfs-559-rac").contains("validity-cookies/xfs-559-race"))
    #expect(loadedSpec.suggestions(for: "validity-cookies/xfs").contains("validity-cookies/xfs-559-race"), "prefix")
    #expect(loadedSpec.suggestions(for: "no-such-thing-at-all").isEmpty)
    #expect(loadedSpec.lookup("§5.2")?.id == "validity-cookies/iomap-fix")
    #expect(loadedSpec.lookup("5.2")?.id == "validity-cookies/iomap-fix")
    let t = try #require(loadedSpec.lookup("validity-cookies/cookie-composition"))
    #expect(loadedSpec.kindDescription(t).hasPrefix("parameter table validity-cookies/cookie-composition (fn="))
    let list = SpecIndexList(loadedSpec)
    #expect(list.ids.count == loadedSpec.sections.count + loadedSpec.scenarios.count + loadedSpec.parameterTables.count
            + loadedSpec.chapters.flatMap(\.explorations).count)
    #expect(list.ids.first { $0.id == "validity-cookies/xfs-559-race" }?.fstests == ["xfs/559"])
}
