import Testing
@testable import SpecKit

// MARK: - HTML report: complete, anchored, deterministic, self-contained

let sampleChapter = """
# Sample {#sample}

Intro with `code`.

## Part one

```scenario sample/impossible
| step | actor | action | expect |
|---|---|---|---|
| 1 | - | fsync | ret=12345 |
```

### Deeper {#sample/deeper}

```excerpt SpecKit/Run/SpecRun.swift spec-run-summary
ignored body
```
"""

func sampleRun() -> SpecRun {
    SpecRun.run(SpecLoader.load(files: [("Spec/07-sample.md", sampleChapter)], root: packageRoot))
}

@Test func reportIsDeterministic() {
    let a = HTMLReport(run: sampleRun()).pages(), b = HTMLReport(run: sampleRun()).pages()
    #expect(a.map(\.name) == b.map(\.name))
    #expect(a.map(\.html) == b.map(\.html))
}

@Test func reportAnchorsSectionsAndScenarios() throws {
    let run = sampleRun()
    #expect(run.spec.diagnostics.isEmpty, "\(run.spec.diagnostics)")
    let pages = HTMLReport(run: run).pages()
    let page = try #require(pages.first { $0.name == "07-sample.html" }).html
    for id in ["sample", "sample/part-one", "sample/deeper", "sample/impossible"] {
        #expect(page.contains("id=\"\(id)\""), "missing anchor \(id)")
        #expect(page.contains("href=\"#\(id)\""), "missing permalink \(id)")
    }
    #expect(page.contains("§7.1.1"))
    #expect(!page.contains("{#sample/deeper}"))
    #expect(page.contains("public var summary: String"))       // the live excerpt, not the ignored body
    #expect(!page.contains("ignored body"))
}

@Test func reportShowsFailuresWithExpectedAndActual() throws {
    let run = sampleRun()
    #expect(run.failedCount == 1)
    let page = try #require(HTMLReport(run: run).pages().first { $0.name == "07-sample.html" }).html
    #expect(page.contains("expected ret=12345"))
    #expect(page.contains("badge fail"))
    let index = try #require(HTMLReport(run: run).pages().first { $0.name == "index.html" }).html
    #expect(index.contains("href=\"07-sample.html\""))
    #expect(index.contains("0 passed, 1 failed"))
}

@Test func reportNeedsNoScriptsOrNetwork() {
    for p in HTMLReport(run: sampleRun()).pages() {
        #expect(!p.html.contains("<script"), "\(p.name)")
        #expect(!p.html.contains("src=\"http"), "\(p.name)")
        #expect(!p.html.contains("href=\"http"), "\(p.name)")
    }
}

/// The real spec: every chapter gets a page and every section and scenario an anchor.
@Test func reportCoversTheWholeSpec() {
    let run = SpecRun(spec: loadedSpec, scenarios: [], parameters: [])
    let pages = Dictionary(uniqueKeysWithValues: HTMLReport(run: run).pages().map { ($0.name, $0.html) })
    for c in loadedSpec.chapters {
        guard let html = pages[c.page] else { Issue.record("no page for \(c.file)"); continue }
        #expect(pages["index.html"]?.contains("href=\"\(c.page)\"") == true)
        for id in c.sections.map(\.id) + c.scenarios.map(\.id) + c.parameterTables.map(\.id) {
            #expect(html.contains("id=\"\(HTML.escape(id))\""), "\(c.page) lacks anchor \(id)")
        }
    }
}
