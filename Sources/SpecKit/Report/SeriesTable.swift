import IomapEngine

// MARK: - The series table: each upstream commit, the switch that reverts it, the chapter that explains it

extension HTMLReport {
    /// The series table: patch, commit, subject, chapter, switch, and how many scenarios go red without it.
    ///
    /// Every row is of kind "series patch"; the index's switch table (later fixes, counterfactuals) is a separate
    /// section next to it.
    func seriesTableHTML() -> HTML {
        let header = HTML.element(.tr, [:], .join(["#", "commit", "subject", "chapter", "switch", "bug scenarios red without it"]
            .map { .element(.th, [:], .text($0)) }))
        let rows = SeriesCommit.all.map { p -> HTML in
            let chapter = spec.chapters.first { $0.number == p.patch.chapter }
            let bugs = run.revertedRed.filter { $0.patch == p.patch }
            let red = bugs.filter(\.isRed).count
            return .element(.tr, [.id: "series-\(p.number)"],
                .element(.td, [.class: "num"], .text("\(p.number)")),
                .element(.td, [:], .element(.code, [:], .text(p.commit))),
                .element(.td, [:], .text(p.subject)),
                .element(.td, [:], chapter.map { .link($0.page, .text("§\($0.number) \($0.title)")) } ?? "—"),
                .element(.td, [:], .element(.code, [:], .text(p.patch.rawValue))),
                .element(.td, [.class: red < bugs.count ? "num fail" : "num"], .text(bugs.isEmpty ? "—" : "\(red) of \(bugs.count)"))) + .newline
        }
        return .element(.h2, [.id: "series"], "The series") + .newline
            + .element(.p, [:], "Linux 6.2, Dave Chinner, November 2022. Each switch reverts its patches in the model; "
                       + "a bug scenario's series expectations must fail without it.") + .newline
            + scrolling(.element(.table, [.class: "summary series"], header, .newline, .join(rows))) + .newline
    }
}
