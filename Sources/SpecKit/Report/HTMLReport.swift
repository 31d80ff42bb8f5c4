import Foundation
import HostSystem
import SystemPackage

// MARK: - The HTML report: index, one page per chapter, search, and each chapter's source

/// Renders the parsed spec and its run results as self-contained HTML pages (no network; deterministic bytes).
///
/// Everything comes from the model: `SpecRun.spec`'s chapters with their blocks (the Markdown is not parsed
/// again) and the run's results. Only `search.html` has a script (its filter box); without JavaScript it is a
/// plain list of everything.
public struct HTMLReport {
    public var run: SpecRun
    public init(run: SpecRun) { self.run = run }
    var spec: Spec { run.spec }

    /// The index and the chapter pages (file name → page contents).
    public func pages() -> [(name: String, html: String)] {
        [("index.html", index())] + spec.chapters.enumerated().map { i, c in (c.page, chapterPage(c, index: i)) }
    }

    /// The search page and each chapter's source with numbered, anchored lines (where source locations link).
    public func auxiliaryPages() -> [(name: String, html: String)] {
        [(searchPageName, searchPage())] + spec.chapters.map { (sourcePageName($0.file), sourcePage($0)) }
    }

    /// Every page the report writes.
    public func allPages() -> [(name: String, html: String)] { pages() + auxiliaryPages() }

    /// Writes every page into `dir` (created if missing); returns the index path.
    public func write(to dir: String) throws(ReportWriteError) -> String {
        do throws(SystemPackage.Errno) { try makeDirectories(dir) } catch { throw ReportWriteError(path: dir, errno: error) }
        for p in allPages() {
            let path = dir + "/" + p.name
            do throws(SystemPackage.Errno) { try writeWholeFile(path, Array(p.html.utf8)) } catch {
                throw ReportWriteError(path: path, errno: error)
            }
        }
        return dir + "/index.html"
    }

    // MARK: Links

    /// `05-validity-cookies.html#ID` for any id or alias the spec defines; nil for one it does not.
    func href(for id: String) -> String? {
        guard let t = spec.resolve(id) else { return nil }
        return t.chapter.page + "#" + t.id
    }

    /// The anchor of one step row: `ID/step-LABEL`.
    func stepAnchor(_ id: String, _ label: String) -> String { "\(id)/step-\(ChapterParser.slug(label))" }

    /// `Spec/05-validity-cookies.md:205:1` as a link to that line of the chapter's source page.
    func sourceLink(_ loc: SourceLocation) -> HTML {
        sourceLink(loc.file, line: loc.line, text: loc.description)
    }

    /// A link to `file`'s source page, at `line` if given, showing `text` as code.
    func sourceLink(_ file: String, line: Int? = nil, text: String) -> HTML {
        guard spec.chapters.contains(where: { $0.file == file }) else { return .element(.code, [:], .text(text)) }
        let target = sourcePageName(file) + (line.map { "#L\($0)" } ?? "")
        return .element(.a, [.class: "loc", .href: target], .element(.code, [:], .text(text)))
    }

    // MARK: Shared pieces

    /// `<span class="badge pass">passed</span>` or `... fail">failed</span>`.
    func badge(passed: Bool) -> HTML {
        passed ? .element(.span, [.class: "badge pass"], "passed") : .element(.span, [.class: "badge fail"], "failed")
    }

    /// A green tick or a red cross.
    func mark(passed: Bool) -> HTML {
        passed ? .element(.span, [.class: "pass", .title: "passed"], "✓") : .element(.span, [.class: "fail", .title: "failed"], "✗")
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

    /// Diagnostics, one per line, in a red box; each location links to its source line.
    func diagnosticsHTML(_ ds: [SpecDiagnostic]) -> HTML {
        let lines = ds.map { d in HTML.element(.div, [:], sourceLink(d.location), .text(": " + d.message)) }
        return .element(.div, [.class: "diag"], .join(lines)) + .newline
    }

    /// A table inside a box that scrolls sideways on narrow screens instead of widening the page.
    func scrolling(_ table: HTML) -> HTML { .element(.div, [.class: "scroll"], table) }
}
