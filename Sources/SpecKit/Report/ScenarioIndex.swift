// MARK: - The index of every scenario and parameter table

extension HTMLReport {
    /// Whether the id passed, failed or did not run, as a badge (a failure links to its chapter's failure list).
    func outcomeHTML(_ e: CatalogEntry) -> HTML {
        let passed: Bool?
        switch e.kind {
        case .scenario: passed = run.result(for: e.id).map(run.passed)
        case .params: passed = run.parameterResult(for: e.id)?.passed
        case .explore: passed = run.explorations.first { $0.id == e.id }?.passed
        }
        guard let passed else { return .element(.span, [.class: "badge"], "not run") }
        return passed ? badge(passed: true) : .link(e.page + "#failures", badge(passed: false))
    }

    /// One row per scenario and parameter table: id, §, summary, switches, fstests names, outcome.
    func scenarioIndexHTML() -> HTML {
        let header = HTML.element(.tr, [:], .join(["id", "§", "summary", "switches", "fstests", "outcome"].map { .element(.th, [:], .text($0)) }))
        let rows = spec.catalog.map { e -> HTML in
            let summary = e.summaryHTML.map(HTML.markdownFragment) ?? .text(e.summary)
            return .element(.tr, [:],
                .element(.td, [:], .link(e.page + "#" + e.id, .element(.code, [:], .text(e.id))),
                         e.kind == .scenario ? HTML() : .element(.span, [.class: "settings"], .text(" " + e.kind.rawValue))),
                .element(.td, [:], .link(e.page + "#" + e.sectionId, .text("§" + e.sectionNumber))),
                .element(.td, [.class: "summary-text"], summary),
                .element(.td, [:], .join(e.switches.map { .element(.code, [:], .text($0)) }, separator: " ")),
                .element(.td, [:], .text(e.fstests.joined(separator: ", "))),
                .element(.td, [:], outcomeHTML(e))) + .newline
        }
        return .element(.h2, [.id: "scenario-index"], "Every scenario, parameter table and explore block") + .newline
            + .element(.p, [:], "Summaries are the chapters' “Scenario summary” lists; switches are the ",
                       .element(.code, [:], "without"), " columns or lines (or a table's function).") + .newline
            + scrolling(.element(.table, [.class: "summary scenarios"], header, .newline, .join(rows))) + .newline
    }
}
