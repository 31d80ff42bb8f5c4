import IomapEngine

// MARK: - The index page: summary, failures, chapters, the series, the switches, every scenario

extension HTMLReport {
    /// Passed and failed scenarios and tables of a chapter, and its spec errors.
    func counts(_ c: Chapter) -> (passed: Int, failed: Int, errors: Int) {
        let ids = Set(c.scenarios.map(\.id) + c.parameterTables.map(\.id))
        let s = run.scenarios.filter { ids.contains($0.id) }
        let p = run.parameters.filter { ids.contains($0.id) }
        let errors = spec.diagnostics.filter { $0.location.file == c.file }.count
        return (s.filter(run.passed).count + p.filter(\.passed).count, s.filter { !run.passed($0) }.count + p.filter { !$0.passed }.count, errors)
    }

    /// `index.html`.
    func index() -> String {
        var b = HTML.element(.h1, [:], "iomapspec: the stale-iomap fix series, as an executable spec") + .newline
        b += .element(.p, [:], "Linux 6.2 iomap/XFS buffered-write series (Dave Chinner, Nov 2022). Every scenario below was run against the model; "
                      + "each chapter page shows the scenario tables with their outcome per row.") + .newline
        b += .element(.p, [.id: "summary", .class: run.succeeded ? "pass" : "fail"], .text(run.summary)) + .newline
        let reverted = run.revertedRed
        if !reverted.isEmpty {
            let allRed = reverted.allSatisfy(\.isRed)
            b += .element(.p, [.id: "reverted-red", .class: allRed ? "pass" : "fail"], .text((allRed ? "✓ " : "✗ ") + run.revertedRedLine)) + .newline
        }
        if !run.explorations.isEmpty {
            let allPassed = run.explorations.allSatisfy(\.passed)
            b += .element(.p, [.id: "explore", .class: allPassed ? "pass" : "fail"], .text((allPassed ? "✓ " : "✗ ") + run.exploreLine)) + .newline
        }
        b += .element(.p, [:], "Find: ", .link(searchPageName, "search sections, scenarios, kernel functions and fstests"),
                      " · ", .link("#scenario-index", "every scenario"), " · ", .link("#series", "the series"),
                      " · ", .link("#chapters", "chapters")) + .newline
        b += failureListHTML(chapter: nil)
        b += .element(.h2, [.id: "chapters"], "Chapters") + .newline + chapterTableHTML()
        b += seriesTableHTML()
        b += switchTableHTML(reverted: reverted)
        b += scenarioIndexHTML()
        if !spec.diagnostics.isEmpty {
            b += .element(.h2, [.id: "spec-errors"], "Spec errors") + .newline + diagnosticsHTML(spec.diagnostics)
        }
        b += legendHTML()
        return page(title: "iomapspec report", nav: topNav(current: "index.html"), body: b)
    }

    /// The chapters table: one row per chapter with its counts; failure counts link to the chapter's failure list.
    func chapterTableHTML() -> HTML {
        let header = HTML.element(.tr, [:], .join(["§", "chapter", "scenarios and tables", "passed", "failed", "spec errors",
                                                   "bug scenarios red when reverted"].map { .element(.th, [:], .text($0)) }))
        let rows = spec.chapters.map { chapterRow($0, reverted: run.revertedRed) + .newline }
        return scrolling(.element(.table, [.class: "summary"], header, .newline, .join(rows))) + .newline
    }

    /// One chapter's row of the chapters table.
    func chapterRow(_ c: Chapter, reverted: [RevertedRedResult]) -> HTML {
        let n = counts(c)
        let total = c.scenarios.count + c.parameterTables.count
        let ids = Set(c.scenarios.map(\.id))
        let bugs = reverted.filter { ids.contains($0.id) }
        let red = bugs.filter(\.isRed).count
        func number(_ value: String, failing: Bool) -> HTML {
            .element(.td, [.class: failing ? "num fail" : "num"], failing ? .link(c.page + "#failures", .text(value)) : .text(value))
        }
        return .element(.tr, [.id: "chapter-\(c.number)"],
            .element(.td, [:], .text("\(c.number)")),
            .element(.td, [:], .link(c.page, .text(c.title)), " ", sourceLink(c.file, text: c.file)),
            .element(.td, [.class: "num"], .text("\(total)")),
            .element(.td, [.class: "num pass"], .text("\(n.passed)")),
            number("\(n.failed)", failing: n.failed > 0),
            number("\(n.errors)", failing: n.errors > 0),
            number(bugs.isEmpty ? "—" : "\(red) of \(bugs.count)", failing: red < bugs.count))
    }

    // MARK: The switch table

    /// Every engine switch: its kind, commits, chapter, and how many of its bug scenarios go red when it is flipped.
    func switchTableHTML(reverted: [RevertedRedResult]) -> HTML {
        var b = HTML.element(.h2, [.id: "switches"], "Switches") + .newline
        b += .element(.p, [:], "A series patch or counterfactual is on in the series run (6.2) and a ", .element(.code, [:], "without"),
                      " column turns it off; a later fix is off in 6.2 and a ", .element(.code, [:], "with"),
                      " column turns it on. A counterfactual is no upstream patch: it removes a property 6.2 has, to show what it protects.")
            + .newline
        let header = HTML.element(.tr, [:], .join(["switch", "kind", "commit", "chapter", "bug scenarios", "red when flipped"]
            .map { .element(.th, [:], .text($0)) }))
        let rows = Patch.allCases.map { switchRow($0, reverted: reverted) + .newline }
        b += scrolling(.element(.table, [.class: "summary", .id: "switch-table"], header, .newline, .join(rows))) + .newline
        return b
    }

    /// One switch's row: name and subject, kind, commits, chapter link, its bug scenarios and how many are red.
    func switchRow(_ p: Patch, reverted: [RevertedRedResult]) -> HTML {
        let bugs = reverted.filter { $0.patch == p }
        let red = bugs.filter(\.isRed).count
        let chapter = spec.chapters.first { $0.number == p.chapter }
        let chapterCell: HTML = chapter.map { .link($0.page, .text("\($0.number) \($0.title)")) } ?? .text("\(p.chapter)")
        let scenarios = HTML.join(bugs.map { .element(.code, [:], .text($0.id)) + .br })
        return .element(.tr, [:],
            .element(.td, [:], .element(.code, [:], .text(p.rawValue)), .br, .element(.span, [.class: "settings"], .text(p.subject))),
            .element(.td, [.class: "kind"], .text(p.kind.rawValue)),
            .element(.td, [:], .text(p.commits.isEmpty ? "—" : p.commits.joined(separator: ", "))),
            .element(.td, [:], chapterCell),
            .element(.td, [:], bugs.isEmpty ? .text("—") : scenarios),
            .element(.td, [.class: red < bugs.count || bugs.isEmpty ? "num fail" : "num"],
                     .text(bugs.isEmpty ? "none" : "\(red) of \(bugs.count)")))
    }
}
