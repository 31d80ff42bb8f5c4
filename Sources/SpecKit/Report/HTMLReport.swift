import Foundation

// MARK: - The HTML report: index + one page per chapter

/// Renders the parsed spec and its run results as self-contained HTML pages (no JS, no network; deterministic bytes).
///
/// Everything comes from the model: `SpecRun.spec`'s chapters with their blocks (the Markdown is not parsed
/// again) and the run's results.
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

    // MARK: Shared pieces

    /// `<span class="badge pass">passed</span>` or `... fail">failed</span>`.
    func badge(passed: Bool) -> HTML {
        passed ? .element(.span, [.class: "badge pass"], "passed") : .element(.span, [.class: "badge fail"], "failed")
    }

    /// A green tick or a red cross.
    func mark(passed: Bool) -> HTML {
        passed ? .element(.span, [.class: "pass"], "✓") : .element(.span, [.class: "fail"], "✗")
    }

    /// The heading of a scenario or parameter table box: a permalink, the id, its former ids and what follows it.
    func boxHeading(_ id: String, aliases: [String], kind: HTML, _ rest: HTML...) -> HTML {
        .element(.h5, [:], .element(.a, [.class: "anchor", .href: "#" + id], kind), .element(.code, [:], .text(id)),
                 alsoKnownAsHTML(aliases), .join(rest))
    }

    /// "also known as OLD": former ids, each also an anchor, so permalinks made with an old id still land here.
    func alsoKnownAsHTML(_ aliases: [String]) -> HTML {
        guard !aliases.isEmpty else { return HTML() }
        let names = aliases.map { HTML.element(.a, [.id: $0, .href: "#" + $0], .element(.code, [:], .text($0))) }
        return .element(.span, [.class: "aka"], " also known as ", .join(names, separator: ", "))
    }

    /// Diagnostics, one per line, in a red box.
    func diagnosticsHTML(_ ds: [SpecDiagnostic]) -> HTML {
        .element(.div, [.class: "diag"], .text(ds.map(\.description).joined(separator: "\n"))) + .newline
    }
}
