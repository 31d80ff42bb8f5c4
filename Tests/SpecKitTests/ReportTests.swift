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

// MARK: - The HTML builder escapes by construction

@Test func htmlBuilderEscapesTextAndAttributes() {
    let nasty = "a<b>&\"c\"'d'"
    let escaped = "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;"
    #expect(HTML.text(nasty).markup == escaped)
    let literal: HTML = "<&>\"'"
    #expect(literal.markup == "&lt;&amp;&gt;&quot;&#39;")
    let e = HTML.element(.a, [.href: nasty, .title: "'"], .text(nasty))
    #expect(e.markup == "<a href=\"\(escaped)\" title=\"&#39;\">\(escaped)</a>")
    #expect(HTML.void(.br).markup == "<br>")
    #expect((HTML.text("x") + .entity(.nbsp)).markup == "x&nbsp;")
}

/// cmark's HTML is the only markup that enters unescaped, and it is cmark's safe rendering (raw HTML omitted).
@Test func proseIsCmarksSafeHTML() throws {
    let md = "# T {#t}\n\nA <b onclick=\"x\">bold</b> & [link](#t) 'q'.\n"
    let spec = SpecLoader.load(files: [("Spec/08-t.md", md)], root: packageRoot)
    let page = try #require(HTMLReport(run: SpecRun(spec: spec, scenarios: [], parameters: [])).pages().first { $0.name == "08-t.html" }).html
    #expect(!page.contains("<b onclick"))
    #expect(page.contains("<p>A <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> &amp; <a href=\"#t\">link</a> 'q'.</p>"))
}

// MARK: - One parse: the report comes from the chapter model

/// The report takes the parsed `Spec` and never reads the Markdown again: pages are the same with every
/// chapter's source text emptied.
@Test func reportDoesNotParseTheMarkdownAgain() {
    var spec = loadedSpec
    for i in spec.chapters.indices { spec.chapters[i].source = "" }
    let from = { (s: Spec) in HTMLReport(run: SpecRun(spec: s, scenarios: [], parameters: [])).pages().map(\.html) }
    let pages = from(spec)
    #expect(pages == from(loadedSpec))
    #expect(pages.count == loadedSpec.chapters.count + 1)
    #expect(pages.dropFirst().allSatisfy { $0.contains("<p>") })
}

/// `[text](#ID)` links point at the chapter that defines ID: a page of its own for another chapter, the
/// anchor alone on the same page, unchanged for an id that names nothing. Resolved on the cmark tree, so
/// text that merely looks like a link stays as written.
@Test func crossChapterLinksPointAtTheirPage() throws {
    let a = "# A {#a}\n\n[to b](#b/part) [to a](#a) [none](#no/such) `href=\"#b/part\"`\n"
    let b = "# B {#b}\n\n## Part\n\n[back](#a)\n"
    let spec = SpecLoader.load(files: [("Spec/08-a.md", a), ("Spec/09-b.md", b)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let pages = Dictionary(uniqueKeysWithValues: HTMLReport(run: SpecRun(spec: spec, scenarios: [], parameters: [])).pages().map { ($0.name, $0.html) })
    let pageA = try #require(pages["08-a.html"]), pageB = try #require(pages["09-b.html"])
    #expect(pageA.contains("<a href=\"09-b.html#b/part\">to b</a>"))
    #expect(pageA.contains("<a href=\"#a\">to a</a>"))
    #expect(pageA.contains("<a href=\"#no/such\">none</a>"))
    #expect(pageA.contains("<code>href=&quot;#b/part&quot;</code>"))
    #expect(pageB.contains("<a href=\"08-a.html#a\">back</a>"))
    #expect(!pageB.contains("{#b}"))
}

/// A report directory that cannot be made names the path and the system's reason, not Foundation's error text.
@Test func unwritableReportDirectoryIsAClearError() throws {
    let report = HTMLReport(run: SpecRun(spec: loadedSpec, scenarios: [], parameters: []))
    #expect(throws: ReportWriteError.self) { _ = try report.write(to: "/dev/null/report") }
    do { _ = try report.write(to: "/dev/null/report") } catch {
        #expect(error.description == "cannot write the report to /dev/null/report: Not a directory (errno 20)")
    }
}
