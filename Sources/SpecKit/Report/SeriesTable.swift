import IomapEngine

// MARK: - The series: each upstream patch, its commit, the switch that reverts it, the chapter that explains it

/// One patch of the Linux 6.2 series (Dave Chinner, Nov 2022), as the seed documents list them.
struct SeriesPatch: Sendable {
    var number: Int
    var commit: String
    var subject: String
    /// The engine switch that reverts it.
    var patch: Patch
    /// The slug of the chapter that explains it.
    var chapterSlug: String

    /// The nine patches in series order (`../shared/seeds/README.md`; switch names from `Patch`).
    static let all: [SeriesPatch] = [
        SeriesPatch(number: 1, commit: "118e021b4b66", subject: "xfs: write page faults in iomap are not buffered writes",
                    patch: .mkwriteOpsSplit, chapterSlug: "mkwrite-ops-split"),
        SeriesPatch(number: 2, commit: "198dd8aedee6", subject: "xfs: punching delalloc extents on write failure is racy",
                    patch: .invalidateLock, chapterSlug: "invalidate-locking"),
        SeriesPatch(number: 3, commit: "b71f889c18ad", subject: "xfs: use byte ranges for write cleanup ranges",
                    patch: .byteRangePunch, chapterSlug: "byte-range-punching"),
        SeriesPatch(number: 4, commit: "9c7babf94a0d", subject: "xfs,iomap: move delalloc punching to iomap",
                    patch: .byteRangePunch, chapterSlug: "byte-range-punching"),
        SeriesPatch(number: 5, commit: "f43dc4dc3eff", subject: "iomap: buffered write failure should not truncate the page cache",
                    patch: .seekDataScan, chapterSlug: "seek-data-scanning"),
        SeriesPatch(number: 6, commit: "7348b322332d", subject: "xfs: xfs_bmap_punch_delalloc_range() should take a byte range",
                    patch: .byteRangePunch, chapterSlug: "byte-range-punching"),
        SeriesPatch(number: 7, commit: "d7b64041164c", subject: "iomap: write iomap validity checks",
                    patch: .validityCookie, chapterSlug: "validity-cookies"),
        SeriesPatch(number: 8, commit: "304a68b9c63b", subject: "xfs: use iomap_valid method to detect stale cached iomaps",
                    patch: .validityCookie, chapterSlug: "validity-cookies"),
        SeriesPatch(number: 9, commit: "6e8af15ccdc4", subject: "xfs: drop write error injection is unfixable, remove it",
                    patch: .errortagRemoval, chapterSlug: "errortag-removal"),
    ]
}

extension HTMLReport {
    /// The series table: patch, commit, subject, chapter, switch, and how many scenarios go red without it.
    ///
    /// Every row is of kind "series patch"; the index's switch table (later fixes, counterfactuals) is a separate
    /// section next to it.
    func seriesTableHTML() -> HTML {
        let header = HTML.element(.tr, [:], .join(["#", "commit", "subject", "chapter", "switch", "bug scenarios red without it"]
            .map { .element(.th, [:], .text($0)) }))
        let rows = SeriesPatch.all.map { p -> HTML in
            let chapter = spec.chapters.first { $0.slug == p.chapterSlug }
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
