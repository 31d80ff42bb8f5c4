import Foundation
import IomapEngine

// MARK: - The HTML report: index + one page per chapter

/// Renders the spec and its run results as self-contained HTML pages (no JS, no network; deterministic bytes).
public struct HTMLReport {
    public var run: SpecRun
    public init(run: SpecRun) { self.run = run }
    var spec: Spec { run.spec }

    /// File name → page contents.
    public func pages() -> [(name: String, html: String)] {
        [("index.html", index())] + spec.chapters.enumerated().map { i, c in (c.page, chapterPage(c, index: i)) }
    }

    /// Writes every page into `dir` (created if missing); returns the index path.
    public func write(to dir: String) throws -> String {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for p in pages() {
            try Data(p.html.utf8).write(to: URL(fileURLWithPath: dir + "/" + p.name))
        }
        return dir + "/index.html"
    }

    // MARK: Index

    func counts(_ c: Chapter) -> (passed: Int, failed: Int, errors: Int) {
        let ids = Set(c.scenarios.map(\.id) + c.parameterTables.map(\.id))
        let s = run.scenarios.filter { ids.contains($0.id) }
        let p = run.parameters.filter { ids.contains($0.id) }
        let errors = spec.diagnostics.filter { $0.location.file == c.file }.count
        return (s.filter(\.passed).count + p.filter(\.passed).count, s.filter { !$0.passed }.count + p.filter { !$0.passed }.count, errors)
    }

    func index() -> String {
        var b = "<h1>iomapspec: the stale-iomap fix series, as an executable spec</h1>\n"
        b += "<p>Linux 6.2 iomap/XFS buffered-write series (Dave Chinner, Nov 2022). Every scenario below was run against the model; "
        b += "each chapter page shows the scenario tables with their outcome per row.</p>\n"
        let cls = run.succeeded ? "pass" : "fail"
        b += "<p id=\"summary\" class=\"\(cls)\">\(esc(run.summary))</p>\n"
        let reverted = run.revertedRed
        if !reverted.isEmpty {
            let allRed = reverted.allSatisfy(\.isRed)
            b += "<p id=\"reverted-red\" class=\"\(allRed ? "pass" : "fail")\">\(esc(run.revertedRedLine))</p>\n"
        }
        b += "<table class=\"summary\"><tr><th>§</th><th>chapter</th><th>scenarios and tables</th><th>passed</th><th>failed</th><th>spec errors</th>"
        b += "<th>bug scenarios red when reverted</th></tr>\n"
        for c in spec.chapters {
            let n = counts(c)
            let total = c.scenarios.count + c.parameterTables.count
            let ids = Set(c.scenarios.map(\.id))
            let bugs = reverted.filter { ids.contains($0.id) }
            let red = bugs.filter(\.isRed).count
            b += "<tr><td>\(c.number)</td><td><a href=\"\(c.page)\">\(esc(c.title))</a> <code>\(esc(c.file))</code></td>"
            b += "<td class=\"num\">\(total)</td><td class=\"num pass\">\(n.passed)</td><td class=\"num\(n.failed > 0 ? " fail" : "")\">\(n.failed)</td>"
            b += "<td class=\"num\(n.errors > 0 ? " fail" : "")\">\(n.errors)</td>"
            b += "<td class=\"num\(red < bugs.count ? " fail" : "")\">\(bugs.isEmpty ? "—" : "\(red) of \(bugs.count)")</td></tr>\n"
        }
        b += "</table>\n"
        if !spec.diagnostics.isEmpty {
            b += "<h2 id=\"spec-errors\">Spec errors</h2>\n<div class=\"diag\">" + spec.diagnostics.map { esc($0.description) }.joined(separator: "\n") + "</div>\n"
        }
        b += legend()
        return page(title: "iomapspec report", nav: "<a href=\"index.html\">index</a>", body: b)
    }

    func legend() -> String {
        "<p class=\"legend\">Pictures, one cell per block. Page cache: " + pictureHTML("-.uDdWL", kind: "cache")
            + " no folio, folio not uptodate, uptodate clean, uptodate dirty, dirty not uptodate, writeback, locked. Extents: "
            + pictureHTML("hduw", kind: "extents") + " hole, delalloc, unwritten, written.</p>\n"
    }

    // MARK: Chapter pages

    func chapterPage(_ c: Chapter, index i: Int) -> String {
        var nav = "<a href=\"index.html\">index</a>"
        if i > 0 { let p = spec.chapters[i - 1]; nav += "<a href=\"\(p.page)\">← §\(p.number) \(esc(p.title))</a>" }
        if i + 1 < spec.chapters.count { let n = spec.chapters[i + 1]; nav += "<a href=\"\(n.page)\">§\(n.number) \(esc(n.title)) →</a>" }
        let doc = MarkdownDocument(c.source)
        let sections = Dictionary(c.sections.map { ($0.location.line, $0) }, uniquingKeysWith: { a, _ in a })
        let scenarios = Dictionary(c.scenarios.map { ($0.location.line, $0) }, uniquingKeysWith: { a, _ in a })
        let tables = Dictionary(c.parameterTables.map { ($0.location.line, $0) }, uniquingKeysWith: { a, _ in a })
        let excerpts = Dictionary(c.excerpts.map { ($0.location.line, $0) }, uniquingKeysWith: { a, _ in a })
        let diags = spec.diagnostics.filter { $0.location.file == c.file }
        var b = ""
        let blocks = doc.blocks
        for (k, block) in blocks.enumerated() {
            let nextLine = k + 1 < blocks.count ? blocks[k + 1].line : Int.max
            let here = diags.filter { $0.location.line >= block.line && $0.location.line < nextLine }
            switch block.kind {
            case .heading(let level):
                guard let s = sections[block.line] else { b += block.html; continue }
                if ChapterParser.explicitId(block.plainText).id != nil {
                    block.stripTrailingText("{#\(s.id)}")
                }
                let tag = "h\(min(level, 6))"
                b += "<\(tag) id=\"\(esc(s.id))\"><a class=\"anchor\" href=\"#\(esc(s.id))\">§\(s.number)</a>\(block.innerHTML)</\(tag)>\n"
            case .codeBlock:
                if let s = scenarios[block.line] { b += scenarioHTML(s) }
                else if let t = tables[block.line] { b += parameterHTML(t) }
                else if let e = excerpts[block.line] {
                    b += "<figure class=\"excerpt\"><figcaption><code>Sources/\(esc(e.path)):\(e.sourceLine)</code> region <code>\(esc(e.region))</code></figcaption>"
                    b += "<pre><code class=\"language-swift\">\(esc(e.text ?? ""))</code></pre></figure>\n"
                } else { b += block.html }
            case .other:
                b += block.html
            }
            if !here.isEmpty {
                b += "<div class=\"diag\">" + here.map { esc($0.description) }.joined(separator: "\n") + "</div>\n"
            }
        }
        b += legend()
        return page(title: "§\(c.number) \(c.title) — iomapspec", nav: nav, body: crossChapterLinks(b, chapter: c))
    }

    /// Prose links `[text](#ID)` to a section, scenario or table of another chapter point at that chapter's page.
    ///
    /// Authors cite any spec id as `#ID`; on the page it is only an anchor when the id is in this chapter.
    func crossChapterLinks(_ html: String, chapter c: Chapter) -> String {
        var out = ""
        var rest = html[...]
        let key = "href=\"#"
        while let r = rest.range(of: key) {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            guard let close = after.firstIndex(of: "\"") else { rest = rest[r.lowerBound...]; break }
            var id = String(after[..<close])
            var page = ""
            if let target = spec.resolve(id) {
                if target.chapter.file != c.file { page = target.chapter.page }
                id = target.id  // an alias links to the anchor of the id it stands for
            }
            out += "href=\"" + page + "#" + id + "\""
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    // MARK: Scenario tables

    func scenarioHTML(_ s: Scenario) -> String {
        let r = run.result(for: s.id)
        var b = "<section class=\"scenario\" id=\"\(esc(s.id))\">\n<h5><a class=\"anchor\" href=\"#\(esc(s.id))\">scenario</a><code>\(esc(s.id))</code>"
        if let r { b += r.passed ? "<span class=\"badge pass\">passed</span>" : "<span class=\"badge fail\">failed</span>" }
        else { b += "<span class=\"badge\">not run</span>" }
        b += "</h5>\n"
        let st = s.settings
        var settings = ["bs=\(formatSize(st.blockSize))", "folio=\(formatSize(st.folioSize))",
                        "patches=" + (st.patchesOff.isEmpty ? "series" : st.patchesOff.map { "-" + $0.rawValue }.joined(separator: ",")),
                        "device=\(st.device.rawValue)"]
        if !st.tags.isEmpty { settings.append("tags=" + st.tags.joined(separator: ",")) }
        b += "<div class=\"settings\">\(esc(settings.joined(separator: " "))) · <code>\(esc(s.location.description))</code></div>\n"
        b += "<table><tr><th>step</th><th>actor</th><th>action</th>"
        for (v, name) in s.variantNames.enumerated() {
            let vr = r?.variants[v]
            let mark = vr.map { $0.passed ? " <span class=\"pass\">✓</span>" : " <span class=\"fail\">✗</span>" } ?? ""
            b += "<th>\(esc(name))\(mark)<br><span class=\"settings\">\(esc(vr?.patches ?? ""))</span>"
            if v > 0 { b += revertedHeaderHTML(s, variant: v, result: r) }
            b += "</th>"
        }
        b += "</tr>\n"
        for (i, step) in s.steps.enumerated() {
            let rowPassed = r.map { res in res.variants.allSatisfy { $0.steps.count > i && $0.steps[i].passed } } ?? true
            b += "<tr class=\"\(rowPassed ? "pass-row" : "fail-row")\"><td>\(esc(step.label))</td><td>\(esc(step.actor))</td><td><code>\(esc(step.actionText))</code></td>"
            for (v, cell) in step.cells.enumerated() {
                b += "<td>"
                let sr = r?.variants[v].steps[i]
                if v > 0 && cell.text == "=" { b += "<div class=\"exp\">= <span class=\"settings\">(as expect)</span></div>" }
                for (k, e) in cell.expectations.enumerated() {
                    let check = sr.flatMap { k < $0.checks.count ? $0.checks[k] : nil }
                    let mark = check.map { $0.passed ? "<span class=\"pass\">✓</span> " : "<span class=\"fail\">✗</span> " } ?? ""
                    b += "<div class=\"exp\">\(mark)\(esc(e.text))</div>"
                    if let c = check, !c.passed {
                        b += "<div class=\"mism\">expected \(esc(c.expected))<br>actual&nbsp;&nbsp; \(esc(c.actual))</div>"
                    }
                }
                if let sr {
                    for u in sr.unexpectedViolations { b += "<div class=\"mism\">unexpected violation \(esc(u))</div>" }
                    b += stateHTML(sr.snapshot)
                }
                b += "</td>"
            }
            b += "</tr>\n"
        }
        b += "</table>\n"
        for x in r?.revertedRed ?? [] where x.isRed { b += revertedMismatchesHTML(x) }
        b += "</section>\n"
        return b
    }

    // MARK: Red when reverted

    /// Under a `without` column's header: how the series' `expect` column fares with that switch reverted.
    func revertedHeaderHTML(_ s: Scenario, variant v: Int, result r: ScenarioResult?) -> String {
        let patch = s.without[v - 1]
        if !s.bugColumns.contains(v) {
            return "<br><span class=\"settings\">every row <code>=</code>: the series outcome</span>"
        }
        guard let x = r?.revertedRed.first(where: { $0.patch == patch }) else { return "" }
        return "<br><span class=\"reverted \(x.isRed ? "red" : "fail")\">\(esc(x.headline))</span>"
    }

    /// The `expect` checks that fail with the switch reverted: the outcome the patch prevents.
    func revertedMismatchesHTML(_ x: RevertedRedResult) -> String {
        var b = "<div class=\"reverted-list\">With <code>\(esc(x.patch.rawValue))</code> reverted, the <code>expect</code> column fails:"
        for step in x.run.steps {
            for c in step.checks where !c.passed {
                b += "<div class=\"mism\">step \(esc(step.label)): expected \(esc(c.expected)), actual \(esc(c.actual))</div>"
            }
            for u in step.unexpectedViolations {
                b += "<div class=\"mism\">step \(esc(step.label)): unexpected violation \(esc(u))</div>"
            }
        }
        return b + "</div>\n"
    }

    func stateHTML(_ s: StepSnapshot) -> String {
        var b = "<div class=\"state\">\(esc(s.status))<br>"
        b += "cache \(pictureHTML(s.cache, kind: "cache"))<br>"
        b += "data&nbsp; \(pictureHTML(s.extents, kind: "extents"))<br>"
        if s.cow.contains(where: { $0 != "h" }) { b += "cow&nbsp;&nbsp; \(pictureHTML(s.cow, kind: "extents"))<br>" }
        b += "disk \(esc(s.disk))<br>size=\(esc(formatSize(s.size))) reserved=\(s.reserved) seq \(esc(s.seq))"
        if !s.iomap.isEmpty { b += "<br>iomap = \(esc(s.iomap))" }
        return b + "</div>"
    }

    // MARK: Parameter tables

    func parameterHTML(_ t: ParameterTable) -> String {
        let r = run.parameterResult(for: t.id)
        var b = "<section class=\"scenario\" id=\"\(esc(t.id))\">\n<h5><a class=\"anchor\" href=\"#\(esc(t.id))\">params</a><code>\(esc(t.id))</code> fn=<code>\(esc(t.function))</code>"
        if let r { b += r.passed ? "<span class=\"badge pass\">passed</span>" : "<span class=\"badge fail\">failed</span>" }
        b += "</h5>\n<table><tr>" + t.columns.map { "<th>\(esc($0))</th>" }.joined() + "<th></th></tr>\n"
        for (i, row) in t.rows.enumerated() {
            let rr = r.flatMap { $0.rows.count > i ? $0.rows[i] : nil }
            let ok = rr?.mismatches.isEmpty ?? true
            b += "<tr class=\"\(ok ? "pass-row" : "fail-row")\">"
            for col in t.columns {
                let want = row.values[col] ?? 0
                if let m = rr?.mismatches.first(where: { $0.text == col }) {
                    b += "<td><span class=\"fail\">\(want)</span><div class=\"mism\">actual \(esc(m.actual))</div></td>"
                } else { b += "<td>\(want)</td>" }
            }
            b += "<td>\(rr == nil ? "" : ok ? "<span class=\"pass\">✓</span>" : "<span class=\"fail\">✗</span>")</td></tr>\n"
        }
        return b + "</table>\n</section>\n"
    }
}
