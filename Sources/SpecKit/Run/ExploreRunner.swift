import Foundation
import IomapEngine

// MARK: - Results

/// One run of an explore block: the series, or one `without` switch.
public struct ExploreVariantResult: Sendable {
    /// `series` or `without SWITCH`.
    public var name: String
    public var patch: Patch?
    public var stats: ExploreStats
    /// What the first violating schedule broke (empty when none was found).
    public var failures: [String]
    /// The minimized counterexample, as a scenario table, for a `without` run that found one; for the series, the
    /// violating schedule as a table of what the series does (a finding to write up in the chapter).
    public var counterexample: Counterexample?
    /// Series: no violation. Without: a violation found and its counterexample verified as a red scenario.
    public var passed: Bool
}

/// A violating schedule printed as a `scenario` block, and what running that block showed.
public struct Counterexample: Sendable {
    /// The fenced block, ready to paste into a chapter.
    public var markdown: String
    /// The parsed scenario (nil if it did not parse: a bug of the printer, reported as such).
    public var scenario: Scenario?
    /// Its run: the series column passes, the `without` column passes, and the series column fails reverted.
    public var result: ScenarioResult?
    /// Preemptions and steps of the schedule it was printed from.
    public var preemptions: Int
    public var steps: Int
    /// Set-up and epilogue lines the minimizer removed (their text).
    public var removedLines: [String]
    /// The engine mutations it was found and verified under (`--mutation`; none normally): the table holds only
    /// on that broken engine.
    public var mutations: [EngineMutation] = []
    /// The scenario passes both its columns, and its `expect` column goes red with the switch flipped; a series
    /// finding (one column) passes, recording the violation.
    public var verified: Bool {
        guard let r = result, let s = scenario else { return false }
        if s.switchColumns.isEmpty { return r.passed }
        return r.passed && !r.revertedRed.isEmpty && r.revertedRed.allSatisfy(\.isRed)
    }

    /// What `verified` checked, in words: for a series patch, green with the series and red reverted; for a later
    /// fix, the 6.2 column (the loss) and the fix column both pass, and the 6.2 column is red with the fix.
    public var verifiedClaim: String {
        guard let s = scenario else { return "no scenario" }
        let on = mutations.isEmpty ? "" : " (on the engine broken by " + mutations.map { "--mutation \($0.rawValue)" }.joined(separator: " ") + ")"
        guard let p = s.switchColumns.first else { return "passes, recording what the series does under the schedule" + on }
        return (p.isOnIn62 ? "passes with the series, red with \(p) reverted"
            : "passes on 6.2 and with \(p) applied, its 6.2 column red with \(p) applied") + on
    }
}

/// All runs of one explore block.
public struct ExplorationResult: Sendable {
    public var id: String
    public var location: SourceLocation
    public var tags: [String]
    public var variants: [ExploreVariantResult]
    public var passed: Bool { variants.allSatisfy(\.passed) }
    public var seriesClean: Bool { variants.first?.passed ?? false }
    public var caught: Int { variants.dropFirst().filter(\.passed).count }

    /// `file:line:col: explore ID [variant]: ...` for every run that did not pass.
    public var failureLines: [String] {
        variants.filter { !$0.passed }.map { v in
            if v.patch == nil {
                let table = v.counterexample == nil ? "" : " (the schedule as a scenario: iomapspec explore \(id) --emit FILE)"
                return "\(location): explore \(id) [\(v.name)]: a schedule violates: \(v.failures.joined(separator: "; "))\(table)"
            }
            if v.failures.isEmpty {
                return "\(location): explore \(id) [\(v.name)]: no violating schedule within preemptions=\(v.stats.bound)"
            }
            return "\(location): explore \(id) [\(v.name)]: a violation was found but its counterexample scenario does not pass both columns and go red with the switch flipped"
        }
    }
}

// MARK: - The runner

/// Runs an explore block: the series must explore clean, each `without` switch must yield a verified counterexample.
public enum ExploreRunner {
    /// Command-line overrides of the block's bounds.
    public struct Overrides: Sendable {
        public var preemptions: Int?
        /// `(runs, seed)`: PCT instead of the exhaustive search, at the block's `depth=`.
        public var pct: (runs: Int, seed: UInt64)?
        public var shard: (index: Int, count: Int)?
        /// Only this switch's run (plus the series).
        public var only: Patch?
        /// Deliberate engine breaks (the mutation check): only the series runs, on the broken engine, and the
        /// question is whether the block still explores clean.
        public var mutations: Set<EngineMutation> = []
        public var progress: (@Sendable (String, ExploreStats) -> Void)?
        public init() {}
    }

    /// Runs the series and every `without` line (or only `overrides.only`).
    public static func run(_ e: Exploration, overrides: Overrides = Overrides()) -> ExplorationResult {
        var variants = [runSeries(e, overrides: overrides)]
        if !overrides.mutations.isEmpty {
            return ExplorationResult(id: e.id, location: e.location, tags: e.settings.tags, variants: variants)
        }
        for w in e.without where overrides.only == nil || overrides.only == w.patch {
            variants.append(runWithout(e, patch: w.patch, overrides: overrides))
        }
        if let p = overrides.only, !e.without.contains(where: { $0.patch == p }) {
            variants.append(runWithout(e, patch: p, overrides: overrides))
        }
        return ExplorationResult(id: e.id, location: e.location, tags: e.settings.tags, variants: variants)
    }

    /// The series side: every schedule within the bound keeps every property.
    static func runSeries(_ e: Exploration, overrides: Overrides) -> ExploreVariantResult {
        let r = explore(e, program: program(e, off: [], mutations: overrides.mutations), overrides: overrides, name: "series")
        let finding = r.violations.isEmpty ? nil : Counterexamples.find(e, patch: nil, found: r, overrides: overrides)
        return ExploreVariantResult(name: "series", patch: nil, stats: r.stats,
                                    failures: r.violations.first.map { $0.failures.map(\.description) } ?? [],
                                    counterexample: finding, passed: r.clean)
    }

    /// One `without SWITCH` line: a violation must be found and its minimized counterexample must verify.
    static func runWithout(_ e: Exploration, patch: Patch, overrides: Overrides) -> ExploreVariantResult {
        let name = "without \(patch.rawValue)"
        let full = program(e, off: [patch], mutations: overrides.mutations)
        let r = explore(e, program: full, overrides: overrides, name: name)
        guard !r.violations.isEmpty else {
            return ExploreVariantResult(name: name, patch: patch, stats: r.stats, failures: [], counterexample: nil, passed: false)
        }
        let cx = Counterexamples.find(e, patch: patch, found: r, overrides: overrides)
        return ExploreVariantResult(name: name, patch: patch, stats: r.stats,
                                    failures: r.violations[0].failures.map(\.description), counterexample: cx,
                                    passed: cx?.verified ?? false)
    }

    /// Runs the explorer on `p` with the block's properties.
    static func explore(_ e: Exploration, program p: ExploreProgram, overrides: Overrides, name: String,
                        scenarioPointsOnly: Bool = false, preemptions: Int? = nil, stopAtFirst: Bool = false) -> ExploreResult {
        var o = ExploreOptions(mode: .exhaustive(preemptions: preemptions ?? overrides.preemptions ?? e.preemptions))
        if let (runs, seed) = overrides.pct { o.mode = .pct(runs: runs, seed: seed, depth: e.depth) }
        o.shard = overrides.shard
        o.scenarioPointsOnly = scenarioPointsOnly
        o.stopAtFirst = stopAtFirst
        if let f = overrides.progress { o.progress = { s in f(name, s) } }
        // The reference is the series: a reverted kernel's schedule must still end as some serial order ends
        // on the series (same set-up and epilogue).
        let reference = program(e, off: [], setup: p.setup, epilogue: p.epilogue, mutations: p.config.mutations)
        let serial = e.linearizable == nil ? [] : serialOutcomes(reference)
        return Explorer(program: p, options: o) { m, _ in failedProperties(e, m, serial: serial) }.run()
    }

    // MARK: The program

    /// The engine program of `e` with the switches `off` (on top of the block's `patches=`, which may turn fixes on).
    static func program(_ e: Exploration, off: [Patch], setup: [IomapEngine.Operation], epilogue: [IomapEngine.Operation],
                        mutations: Set<EngineMutation> = []) -> ExploreProgram {
        var p = program(e, off: off, mutations: mutations)
        p.setup = setup
        p.epilogue = epilogue
        return p
    }

    /// The engine program of `e` with the switches `off`, and these set-up and epilogue lines when given.
    public static func program(_ e: Exploration, off: [Patch], setup: [ExploreLine]? = nil,
                               epilogue: [ExploreLine]? = nil, mutations: Set<EngineMutation> = []) -> ExploreProgram {
        var config = EngineConfig(blockSize: e.settings.blockSize, folioSize: e.settings.folioSize,
                                  patches: ScenarioRunner.patchSet(e.settings.flipped).without(off))
        config.mutations = mutations
        return ExploreProgram(config: config, setup: (setup ?? e.setup).map(\.operation),
                              actors: e.actors.map { ExploreActor(name: $0.name, ops: $0.lines.map(\.operation)) },
                              epilogue: (epilogue ?? e.epilogue).map(\.operation), range: range(e))
    }

    /// From 0 to the furthest byte any line or property names, in whole blocks.
    static func range(_ e: Exploration) -> ByteRange {
        let bs = e.settings.blockSize
        var reach = bs
        for l in e.setup + e.epilogue + e.actors.flatMap(\.lines) { reach = max(reach, l.reach) }
        for x in e.properties { reach = max(reach, ScenarioRunner.reach(x.kind)) }
        return ByteRange(start: 0, end: roundUp(reach, bs))
    }

    // MARK: Properties

    /// The final file of each serial order of the actors (size and content), distinct, in order of first appearance.
    static func serialOutcomes(_ p: ExploreProgram) -> [SerialOutcome] {
        var out: [SerialOutcome] = []
        for order in permutations(Array(p.actors.indices)) {
            let m = Machine(config: p.config)
            m.tracing = false
            for op in p.setup { m.perform(op) }
            for a in order { for op in p.actors[a].ops { m.perform(op) } }
            for op in p.epilogue { m.perform(op) }
            let o = SerialOutcome(order: order.map { p.actors[$0].name }, size: m.fileSize, content: SerialOutcome.file(of: m))
            if !out.contains(where: { $0.size == o.size && $0.content == o.content }) { out.append(o) }
        }
        return out
    }

    /// Every ordering of `xs`, in lexicographic order of indices.
    static func permutations(_ xs: [Int]) -> [[Int]] {
        guard xs.count > 1 else { return [xs] }
        return xs.flatMap { x in permutations(xs.filter { $0 != x }).map { [x] + $0 } }
    }

    /// The properties of `e` that machine `m` does not meet, each as `TEXT: expected X, actual Y`.
    static func failedProperties(_ e: Exploration, _ m: Machine, serial: [SerialOutcome]) -> [String] {
        let ctx = CheckContext(machine: m, status: .idle, actor: "-", traceStart: m.trace.count, violations: [])
        var out = e.properties.map { ctx.check($0) }.filter { !$0.passed }.map { "\($0.text): expected \($0.expected), actual \($0.actual)" }
        if e.linearizable != nil {
            let got = SerialOutcome.file(of: m)
            if !serial.contains(where: { $0.size == m.fileSize && $0.content == got }) {
                out.append("linearizable: expected the final file of a serial order (\(serial.map { $0.order.joined(separator: ",") }.joined(separator: " or "))), actual size=\(m.fileSize) file = \(got)")
            }
        }
        return out
    }
}

/// What one serial order of the actors leaves: i_size and the file's bytes.
struct SerialOutcome {
    var order: [String]
    var size: Int
    var content: Content

    /// The whole file as a read would return it, as runs (no byte array per schedule).
    static func file(of m: Machine) -> Content {
        Content(runs: m.fileContentRuns(ByteRange(start: 0, end: max(m.fileSize, 0))))
    }
}
