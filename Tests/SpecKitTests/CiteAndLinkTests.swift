import Foundation
import Testing
@testable import SpecKit

// MARK: - `iomapspec cite` resolves every id; the written report's links all land

/// Every id a chapter defines, with what it should resolve to.
struct SpecIdCase: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable { case section, scenario, parameters, exploration }
    var id: String
    var kind: Kind
    var chapter: Int
    var testDescription: String { id }
}

let specIdCases: [SpecIdCase] = loadedSpec.chapters.flatMap { c in
    c.sections.map { SpecIdCase(id: $0.id, kind: .section, chapter: c.number) }
        + c.scenarios.map { SpecIdCase(id: $0.id, kind: .scenario, chapter: c.number) }
        + c.parameterTables.map { SpecIdCase(id: $0.id, kind: .parameters, chapter: c.number) }
        + c.explorations.map { SpecIdCase(id: $0.id, kind: .exploration, chapter: c.number) }
}

/// `cite ID` (`Spec.citation(resolve(ID))`): the right kind and chapter, a file:line that holds the heading or
/// block, and a permalink whose page has that anchor.
@Test func citeResolvesEveryId() throws {
    #expect(specIdCases.count > 100, "only \(specIdCases.count) ids")
    let pages = Dictionary(uniqueKeysWithValues: HTMLReport(run: SpecRun(spec: loadedSpec, scenarios: [], parameters: [])).pages().map { ($0.name, $0.html) })
    for c in specIdCases {
        guard let target = loadedSpec.resolve(c.id) else { Issue.record("cite \(c.id): names nothing"); continue }
        let chapter: Chapter, kind: SpecIdCase.Kind, marker: String
        switch target {
        case .section(let s, let ch): (chapter, kind, marker) = (ch, .section, s.title)
        case .scenario(let s, let ch): (chapter, kind, marker) = (ch, .scenario, "scenario \(s.id)")
        case .parameters(let p, let ch): (chapter, kind, marker) = (ch, .parameters, "params \(p.id)")
        case .exploration(let x, let ch): (chapter, kind, marker) = (ch, .exploration, "explore \(x.id)")
        }
        #expect(kind == c.kind && chapter.number == c.chapter, "cite \(c.id): resolved to a \(kind) of chapter \(chapter.number)")
        let lines = loadedSpec.citation(target).split(separator: "\n").map(String.init)
        let aliases = target.aliases
        guard lines.count == (aliases.isEmpty ? 3 : 4) else { Issue.record("cite \(c.id): \(lines)"); continue }
        if !aliases.isEmpty { #expect(lines[3] == "also known as " + aliases.joined(separator: ", ")) }
        for a in aliases {
            #expect(pages[chapter.page]?.contains("id=\"\(HTML.escape(a))\"") == true, "cite \(c.id): no anchor for its alias \(a)")
        }
        #expect(lines[0].hasPrefix("§\(chapter.number)"), "cite \(c.id): \(lines[0])")
        let fileLine = lines[1].split(separator: ":")
        let src = chapter.source.split(separator: "\n", omittingEmptySubsequences: false)
        if fileLine.count == 2, String(fileLine[0]) == chapter.file, let n = Int(fileLine[1]), n >= 1, n <= src.count {
            #expect(src[n - 1].contains(marker), "cite \(c.id): \(lines[1]) is '\(src[n - 1])'")
        } else {
            Issue.record("cite \(c.id): bad location \(lines[1])")
        }
        #expect(lines[2] == "Docs/report/\(chapter.page)#\(c.id)")
        #expect(pages[chapter.page]?.contains("id=\"\(HTML.escape(c.id))\"") == true, "cite \(c.id): \(chapter.page) has no anchor")
    }
}

/// Every `href` and `id` attribute value of an HTML page.
func attributes(_ name: String, in html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    let key = " \(name)=\""
    while let r = rest.range(of: key) {
        let after = rest[r.upperBound...]
        guard let close = after.firstIndex(of: "\"") else { break }
        out.append(String(after[..<close]))
        rest = after[close...]
    }
    return out
}

/// The report written to disk: the index links every chapter page, which exists, and every link on every page
/// (`page.html`, `page.html#id`, `#id`) lands on an existing page and anchor.
@Test func writtenReportLinksResolve() throws {
    let dir = NSTemporaryDirectory() + "iomapspec-links-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = SpecRun(spec: loadedSpec, scenarios: [], parameters: [])
    let indexPath = try HTMLReport(run: run).write(to: dir)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".html") }.sorted()
    var html: [String: String] = [:]
    for n in names { html[n] = try String(contentsOfFile: dir + "/" + n, encoding: .utf8) }
    let index = try String(contentsOfFile: indexPath, encoding: .utf8)
    let indexLinks = Set(attributes("href", in: index))
    for c in loadedSpec.chapters {
        #expect(indexLinks.contains(c.page), "index.html does not link \(c.page)")
        #expect(html[c.page] != nil, "\(c.page) was not written")
    }
    // index, search, and per chapter its page and its source page
    #expect(names.count == 2 * loadedSpec.chapters.count + 2, "\(names)")
    let anchors = html.mapValues { Set(attributes("id", in: $0)) }
    var checked = 0
    for (name, page) in html {
        for href in attributes("href", in: page) {
            let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let target = parts[0].isEmpty ? name : parts[0]
            guard let ids = anchors[target] else { Issue.record("\(name): link \(href) to a missing page"); continue }
            if parts.count == 2 {
                // href text is HTML-escaped like the id attributes, so compare escaped forms.
                #expect(ids.contains(parts[1]), "\(name): link \(href) has no anchor \(parts[1]) in \(target)")
            }
            checked += 1
        }
    }
    #expect(checked > specIdCases.count)
}

/// The README's command examples (`cite ID`, `trace ID`, `run --id ID`, `IOMAPSPEC_SCENARIO=ID`, `make scenario
/// ID=...`) name ids that exist.
@Test func readmeExamplesResolve() throws {
    let text = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
    var ids: [String] = []
    var cited: [String] = []
    for line in text.split(separator: "\n") {
        let words = line.split(separator: " ").map(String.init)
        for (i, w) in words.enumerated() {
            if ["cite", "trace", "--id"].contains(w), i > 0, i + 1 < words.count,
               words[..<i].contains("iomapspec") {
                if w == "cite" { cited.append(words[i + 1]) } else { ids.append(words[i + 1]) }
            }
            for prefix in ["IOMAPSPEC_SCENARIO=", "ID="] where w.hasPrefix(prefix) && w.count > prefix.count {
                let v = String(w.dropFirst(prefix.count))
                if v.first?.isLetter == true { ids.append(v) }
            }
        }
    }
    #expect(ids.count + cited.count >= 4, "\(ids)")
    for id in ids where id != "ID" {
        #expect(loadedSpec.resolve(id) != nil, "README.md: example id '\(id)' names nothing")
    }
    // `cite` also takes a section number (§5.2), as `iomapspec cite` resolves it.
    #expect(cited.count >= 2, "\(cited)")
    for id in cited { #expect(loadedSpec.lookup(id) != nil, "README.md: example citation '\(id)' names nothing") }
}
