import Foundation
import Testing
@testable import SpecKit

// MARK: - Citations from Sources/ and excerpts resolve

/// Every `(spec: ID)` in a comment of a Swift file under Sources/, with its file and line.
func citationsInSources() -> [(file: String, line: Int, id: String)] {
    var out: [(String, Int, String)] = []
    let base = packageRoot + "/Sources/"
    guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
    var files: [String] = []
    while let p = e.nextObject() as? String { if p.hasSuffix(".swift") { files.append(p) } }
    for p in files.sorted() {
        guard let text = try? String(contentsOfFile: base + p, encoding: .utf8) else { continue }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let slashes = line.range(of: "//") else { continue }  // citations live in comments
            var rest = line[slashes.upperBound...]
            while let r = rest.range(of: "(spec: ") {
                let after = rest[r.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                out.append(("Sources/" + p, i + 1, String(after[..<close])))
                rest = after[close...]
            }
        }
    }
    return out
}

@Test func everyCitationResolves() {
    let cites = citationsInSources()
    for c in cites where loadedSpec.resolve(c.id) == nil {
        Issue.record("\(c.file):\(c.line): (spec: \(c.id)) names no section, scenario or parameter table")
    }
}

/// Every `// excerpt: NAME` region in Sources/ has an end marker, and every excerpt block in the spec resolved.
@Test func everyExcerptResolves() {
    for (path, region) in ExcerptResolver.allRegions(root: packageRoot) {
        if case .failure(let e) = ExcerptResolver.resolve(root: packageRoot, path: path, region: region) {
            Issue.record("Sources/\(path): \(e.message)")
        }
    }
    for c in loadedSpec.chapters { for e in c.excerpts { #expect(e.text != nil, "\(e.location)") } }
}

/// A citation id that does not exist is caught (the check above can fail).
@Test func unknownCitationDoesNotResolve() {
    #expect(loadedSpec.resolve("no-such-chapter/no-such-section") == nil)
    #expect(loadedSpec.resolve("overview") != nil)
}

// MARK: - Ids start with their chapter's slug; former ids stay aliases

/// Every scenario and parameter-table id is `<chapter-slug>/...`; every section id is the slug or starts with it.
@Test func blockIdsStartWithTheirChapterSlug() {
    for c in loadedSpec.chapters {
        for (id, loc) in c.scenarios.map({ ($0.id, $0.location) }) + c.parameterTables.map({ ($0.id, $0.location) })
        where !id.hasPrefix(c.slug + "/") {
            Issue.record("\(loc): id '\(id)' does not start with the chapter slug '\(c.slug)/'")
        }
        for s in c.sections where s.id != c.slug && !s.id.hasPrefix(c.slug + "/") {
            Issue.record("\(s.location): section id '\(s.id)' does not start with the chapter slug '\(c.slug)/'")
        }
    }
}

/// The 34 renamed section ids (`byte-range-punch/`, `seek-data-scan/`, `validity-cookie/`) resolve as aliases.
@Test func sectionAliasesResolveToTheirSection() throws {
    let renamed = loadedSpec.sections.filter { !$0.aliases.isEmpty }
    #expect(renamed.count == 34, "sections with aliases: \(renamed.count)")
    for s in renamed {
        for a in s.aliases {
            #expect(loadedSpec.resolve(a)?.id == s.id, "alias \(a)")
        }
    }
    let t = try #require(loadedSpec.resolve("byte-range-punch/arithmetic"))
    #expect(loadedSpec.citation(t).hasSuffix("#byte-range-punching/arithmetic\nalso known as byte-range-punch/arithmetic"))
}

/// `{#id aka=OLD,...}` on a heading: aliases on the model, links to them reach the id's anchor, the report keeps
/// an anchor per former id (old permalinks still land) and says "also known as".
@Test func headingAkaDeclaresAliases() throws {
    let a = "# A\n\nSee [it](#old/top), [again](#older/top) and [here](#old/here).\n\n## Here {#a/here aka=old/here}\n"
    let b = "# B {#b/top aka=old/top,older/top}\n\nText.\n"
    let spec = SpecLoader.load(files: [("Spec/01-a.md", a), ("Spec/02-b.md", b)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    #expect(spec.chapters[1].sections.first?.aliases == ["old/top", "older/top"])
    #expect(spec.resolve("older/top")?.id == "b/top")
    let pages = HTMLReport(run: SpecRun(spec: spec, scenarios: [], parameters: [])).pages()
    let pageA = try #require(pages.first { $0.name == "01-a.html" }).html
    #expect(pageA.contains("href=\"02-b.html#b/top\"") && !pageA.contains("#old/top\""))
    #expect(pageA.contains("href=\"#a/here\"") && pageA.contains("id=\"old/here\""))
    let pageB = try #require(pages.first { $0.name == "02-b.html" }).html
    #expect(pageB.contains("also known as") && pageB.contains("id=\"old/top\"") && pageB.contains("id=\"older/top\""))
    #expect(!pageB.contains("aka="))
}

/// A heading's `{#id aka=...}` with a bad word is reported where the heading is.
@Test func malformedHeadingAkaIsAnError() {
    #expect(diagnostics("# T {#t/top aka=bad id}\n").map(\.description)
            == ["Spec/99-test.md:1:1: expected an explicit id {#id} or {#id aka=OLD,...} of letters, digits and _-./, found '{#t/top aka=bad id}'"])
    #expect(diagnostics("# T {#t/top aka=ok,b@d}\n").map(\.description)
            == ["Spec/99-test.md:1:1: expected aka= ids of letters, digits and _-./, found 'b@d' in '{#t/top aka=ok,b@d}'"])
}

/// A `(spec: ID)` citation in Sources/ names an id itself, not an alias kept for old references.
@Test func citationsUseCurrentIds() {
    for c in citationsInSources() {
        if let t = loadedSpec.resolve(c.id), t.id != c.id {
            Issue.record("\(c.file):\(c.line): (spec: \(c.id)) is an alias; cite \(t.id)")
        }
    }
}

/// Every alias resolves to the block that declares it: `cite`, citations, `run --id`, `IOMAPSPEC_SCENARIO`.
@Test func aliasesResolveToTheirBlock() throws {
    let scenarios = loadedSpec.scenarios.filter { !$0.aliases.isEmpty }
    let tables = loadedSpec.parameterTables.filter { !$0.aliases.isEmpty }
    #expect(scenarios.count + tables.count == 29, "blocks with aliases: \(scenarios.count + tables.count)")
    for s in scenarios {
        for a in s.aliases {
            #expect(loadedSpec.resolve(a)?.id == s.id, "alias \(a)")
            #expect(loadedSpec.scenario(named: a)?.id == s.id, "alias \(a)")
            #expect(loadedSpec.citation(try #require(loadedSpec.resolve(a))) == loadedSpec.citation(try #require(loadedSpec.resolve(s.id))))
        }
    }
    for t in tables { for a in t.aliases { #expect(loadedSpec.parameterTable(named: a)?.id == t.id, "alias \(a)") } }
    let old = try #require(scenarios.first?.aliases.first)
    let run = SpecRun.run(loadedSpec, selection: Selection(id: old))
    #expect(run.scenarios.map(\.id) == [scenarios[0].id] && run.parameters.isEmpty)
}

/// `aka=` on scenario and params blocks: parsed onto the model, linked to the id's anchor, unique like ids.
@Test func akaSettingDeclaresAliases() throws {
    let a = "# A\n\nSee [it](#old/two) and [table](#old/table).\n"
    let b = "# B\n\n" + scenarioBlock("scenario b/two aka=old/two,older/two", H + row("fsync", "ret=0"))
        + "\n```params b/table fn=write-punch-range-bytes aka=old/table\n| offset | length | written | bs | start |\n|---|---|---|---|---|\n| 0 | 4096 | 0 | 4096 | 0 |\n```\n"
    let spec = SpecLoader.load(files: [("Spec/01-a.md", a), ("Spec/02-b.md", b)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    #expect(spec.scenarios.first?.aliases == ["old/two", "older/two"])
    #expect(spec.parameterTables.first?.aliases == ["old/table"])
    let page = try #require(HTMLReport(run: SpecRun(spec: spec, scenarios: [], parameters: [])).pages().first { $0.name == "01-a.html" }).html
    #expect(page.contains("href=\"02-b.html#b/two\"") && page.contains("href=\"02-b.html#b/table\""))
}

/// An alias that equals another block's id (or alias) is a duplicate id.
@Test func aliasCollidingWithAnIdIsAnError() {
    let md = scenarioBlock(H + row("fsync", "ret=0")) + "\n" + scenarioBlock("scenario t/two aka=t/one", H + row("fsync", "ret=0"))
    #expect(diagnostics(md).map(\.description) == ["Spec/99-test.md:7:1: duplicate id 't/one' (first defined at Spec/99-test.md:1:1): expected ids unique across all chapters; add an explicit {#id} or rename"])
}
