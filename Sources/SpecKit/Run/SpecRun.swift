import Foundation

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
}

/// The results of running (a selection of) the spec, in spec order.
public struct SpecRun: Sendable {
    public var spec: Spec
    public var scenarios: [ScenarioResult]
    public var parameters: [ParameterResult]
    /// Explore blocks, each at its own bounds.
    public var explorations: [ExplorationResult] = []

    public var passedCount: Int { scenarios.filter(\.passed).count + parameters.filter(\.passed).count + explorations.filter(\.passed).count }
    /// Failed runs plus every spec diagnostic (a malformed block never passes).
    public var failedCount: Int { scenarios.filter { !$0.passed }.count + parameters.filter { !$0.passed }.count + explorations.filter { !$0.passed }.count + spec.diagnostics.count }
    public var succeeded: Bool { failedCount == 0 }
    // excerpt: spec-run-summary
    /// The last line of `iomapspec run`: exactly `N passed, N failed`.
    public var summary: String { "\(passedCount) passed, \(failedCount) failed" }
    // excerpt-end

    /// Runs every selected scenario and parameter table of `spec`.
    public static func run(_ spec: Spec, selection: Selection = Selection()) -> SpecRun {
        var scenarios: [ScenarioResult] = []
        var params: [ParameterResult] = []
        var explorations: [ExplorationResult] = []
        for c in spec.chapters where selection.includes(c) {
            for s in c.scenarios {
                if let id = selection.id, !s.isNamed(id) { continue }
                if let t = selection.tag, !s.settings.tags.contains(t) { continue }
                scenarios.append(ScenarioRunner.run(s))
            }
            for x in c.explorations {
                if let id = selection.id, !x.isNamed(id) { continue }
                if let t = selection.tag, !x.settings.tags.contains(t) { continue }
                explorations.append(ExploreRunner.run(x))
            }
            if selection.tag == nil {
                for p in c.parameterTables {
                    if let id = selection.id, !p.isNamed(id) { continue }
                    params.append(ParameterRunner.run(p))
                }
            }
        }
        return SpecRun(spec: spec, scenarios: scenarios, parameters: params, explorations: explorations)
    }

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
