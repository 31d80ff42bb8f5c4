import Foundation
import IomapEngine

// MARK: - Running a selection of the spec

/// Which scenarios and parameter tables to run.
public struct Selection: Sendable {
    public var chapter: String?
    public var id: String?
    public var tag: String?
    public init(chapter: String? = nil, id: String? = nil, tag: String? = nil) { self.chapter = chapter; self.id = id; self.tag = tag }

    func includes(_ c: Chapter) -> Bool {
        guard let key = chapter else { return true }
        return String(c.number) == key || format2(c.number) == key || c.slug == key
    }

    /// The chapter files whose spec errors count against this selection; nil means every file.
    ///
    /// `--chapter` counts its own chapter's errors; `--id` the errors of the chapter that defines the id; `--tag`
    /// and the whole spec count every error (a malformed block might have carried the tag).
    func countedFiles(in spec: Spec) -> Set<String>? {
        if chapter != nil { return Set(spec.chapters.filter(includes).map(\.file)) }
        if let id, let target = spec.resolve(id) { return [target.chapter.file] }
        return nil
    }
}

/// One malformed block (or file): every spec diagnostic inside it, counted as one failure.
public struct SpecErrorGroup: Sendable {
    /// Where the block starts (its fence or first line); the file's line 1 for a file that is no chapter.
    public var location: SourceLocation
    /// The chapter slug, or nil for a file that did not become a chapter.
    public var chapterSlug: String?
    /// Every diagnostic of the block, in source order.
    public var diagnostics: [SpecDiagnostic]
}

/// The results of running (a selection of) the spec, in spec order.
public struct SpecRun: Sendable {
    public var spec: Spec
    public var scenarios: [ScenarioResult]
    public var parameters: [ParameterResult]
    /// What was selected: decides which spec errors count.
    public var selection = Selection()
    /// Seconds each scenario or parameter table took to run, by id (JUnit's `time`; nowhere else).
    public var seconds: [String: Double] = [:]
    /// Explore blocks, each at its own bounds.
    public var explorations: [ExplorationResult] = []

    // MARK: Counting

    /// A scenario passes when every check of every column passes and every bug column goes red when reverted.
    public func passed(_ r: ScenarioResult) -> Bool { r.passed && r.revertedRed.allSatisfy(\.isRed) }

    /// Spec diagnostics that count against the selection (all of them for the whole spec).
    public var diagnostics: [SpecDiagnostic] {
        guard let files = selection.countedFiles(in: spec) else { return spec.diagnostics }
        let chapterFiles = Set(spec.chapters.map(\.file))
        return spec.diagnostics.filter { files.contains($0.location.file) || !chapterFiles.contains($0.location.file) }
    }

    /// Spec diagnostics in chapters outside the selection: printed as a note, not counted.
    public var otherDiagnostics: [SpecDiagnostic] {
        let counted = Set(diagnostics)
        return spec.diagnostics.filter { !counted.contains($0) }
    }

    /// The counted diagnostics grouped by the top-level block they fall in (one failure per malformed block).
    public var specErrors: [SpecErrorGroup] {
        var groups: [SpecErrorGroup] = []
        var index: [SourceLocation: Int] = [:]
        for d in diagnostics {
            let (start, slug) = blockStart(of: d.location)
            if let k = index[start] { groups[k].diagnostics.append(d); continue }
            index[start] = groups.count
            groups.append(SpecErrorGroup(location: start, chapterSlug: slug, diagnostics: [d]))
        }
        return groups
    }

    /// The start of the chapter block holding `loc` (the last block starting at or before its line).
    func blockStart(of loc: SourceLocation) -> (SourceLocation, String?) {
        guard let c = spec.chapters.first(where: { $0.file == loc.file }) else {
            return (SourceLocation(file: loc.file, line: 1, column: 1), nil)
        }
        let line = c.blocks.last(where: { $0.line <= loc.line })?.line ?? 1
        return (SourceLocation(file: loc.file, line: line, column: 1), c.slug)
    }

    public var passedCount: Int {
        scenarios.filter(passed).count + parameters.filter(\.passed).count + explorations.filter(\.passed).count
    }
    /// Failed runs (a bug scenario not red when reverted is one) plus one per malformed block.
    public var failedCount: Int {
        scenarios.filter { !passed($0) }.count + parameters.filter { !$0.passed }.count
            + explorations.filter { !$0.passed }.count + specErrors.count
    }
    public var succeeded: Bool { failedCount == 0 }
    // excerpt: spec-run-summary
    /// The last line of `iomapspec run`: exactly `N passed, N failed`.
    public var summary: String { "\(passedCount) passed, \(failedCount) failed" }
    // excerpt-end

    // MARK: Running

    /// Runs every selected scenario and parameter table of `spec`.
    /// Runs the selected scenarios and tables; `check` is how often the engine checks its invariants (every run
    /// still ends with the full sweep).
    ///
    /// `mutations` break the engine on purpose (`iomapspec run --mutation`): every scenario and the series side of
    /// every explore block run on the broken engine, so the failures show what notices the break.
    public static func run(_ spec: Spec, selection: Selection = Selection(), check: InvariantCheck = .incremental,
                           mutations: Set<EngineMutation> = []) -> SpecRun {
        var run = SpecRun(spec: spec, scenarios: [], parameters: [], selection: selection)
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        for c in spec.chapters where selection.includes(c) {
            for s in c.scenarios {
                if let id = selection.id, !s.isNamed(id) { continue }
                if let t = selection.tag, !s.settings.tags.contains(t) { continue }
                let start = clock.now
                run.scenarios.append(ScenarioRunner.run(s, check: check, mutations: mutations))
                run.seconds[s.id] = seconds(clock.now - start)
            }
            for x in c.explorations {
                if let id = selection.id, !x.isNamed(id) { continue }
                if let t = selection.tag, !x.settings.tags.contains(t) { continue }
                var o = ExploreRunner.Overrides()
                o.mutations = mutations
                run.explorations.append(ExploreRunner.run(x, overrides: o))
            }
            if selection.tag == nil {
                for p in c.parameterTables {
                    if let id = selection.id, !p.isNamed(id) { continue }
                    let start = clock.now
                    run.parameters.append(ParameterRunner.run(p))
                    run.seconds[p.id] = seconds(clock.now - start)
                }
            }
        }
        return run
    }

    // MARK: Red when reverted

    /// Every bug column's `expect`-under-revert run, in spec order (see `Scenario.bugColumns`).
    public var revertedRed: [RevertedRedResult] { scenarios.flatMap(\.revertedRed) }

    /// `reverted-red: N of M bug scenarios fail their series expectations with their patch reverted`.
    public var revertedRedLine: String {
        let all = revertedRed
        return "reverted-red: \(all.filter(\.isRed).count) of \(all.count) bug scenarios fail their series expectations with their patch reverted"
    }

    /// `explore: E explorations; series clean in C of E; reverted patch caught in R of W`.
    public var exploreLine: String {
        let e = explorations.count, clean = explorations.filter(\.seriesClean).count
        let w = explorations.reduce(0) { $0 + $1.variants.count - 1 }, caught = explorations.reduce(0) { $0 + $1.caught }
        return "explore: \(e) explorations; series clean in \(clean) of \(e); reverted patch caught in \(caught) of \(w)"
    }

    public func result(for id: String) -> ScenarioResult? { scenarios.first { $0.id == id } }
    public func parameterResult(for id: String) -> ParameterResult? { parameters.first { $0.id == id } }
}
