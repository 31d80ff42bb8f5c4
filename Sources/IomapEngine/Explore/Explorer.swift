import Foundation

// MARK: - The explorer

/// Searches the schedules of an `ExploreProgram` for one that violates an invariant, deadlocks or breaks a property.
///
/// Exhaustive mode bounds the number of preemptions (a switch away from an actor that could go on), as CHESS
/// does, and deepens the bound 0, 1, ... in turn, so the first violations found have the fewest preemptions.
/// Each schedule is replayed from the start on a fresh machine (the set-up rows run once and their state copied,
/// `captureSetup`); after each new step the state's fingerprint is
/// looked up, and a schedule reaching a state already explored with no more preemptions is cut short (pruned).
/// PCT mode runs seeded random schedules with `depth - 1` priority change points (Burckhardt et al., 2010).
/// Spec: (spec: validity-cookies/explore-xfs-559)
public final class Explorer {
    public let program: ExploreProgram
    public let options: ExploreOptions
    /// Checks the final properties after the epilogue: one description per property that does not hold.
    let check: (Machine, [[OperationResult]]) -> [String]
    /// Choice prefixes this long decide a schedule's shard.
    static let shardDepth = 4

    var stats = ExploreStats()
    var violations: [ViolatingSchedule] = []
    var log: [[Int]] = []
    var logSchedules = false
    var distinct: Set<Int> = []
    let started = Date()
    var lastProgress = Date()

    public init(program: ExploreProgram, options: ExploreOptions,
                check: @escaping (Machine, [[OperationResult]]) -> [String]) {
        self.program = program
        self.options = options
        self.check = check
    }

    /// The machine as the set-up rows left it, when `captureSetup` is on (run once, copied for each schedule).
    lazy var template: Machine? = options.captureSetup ? ScheduleRun.setUp(program) : nil

    /// A schedule's run from the start: the set-up copied from `template`, or run again.
    func newRun() -> ScheduleRun { ScheduleRun(program, template: template) }

    /// Runs the search; `logSchedules` keeps every schedule's choices (tests of sharding).
    public func run(logSchedules: Bool = false) -> ExploreResult {
        self.logSchedules = logSchedules
        switch options.mode {
        case let .exhaustive(bound):
            for k in 0...max(0, bound) {
                let complete = exhaustive(bound: k)
                stats.bound = k
                stats.exhausted = complete
                if !violations.isEmpty || !complete { break }
            }
        case let .pct(runs, seed, depth):
            pct(runs: runs, seed: seed, depth: depth)
        }
        stats.states = distinct.count
        stats.seconds = Date().timeIntervalSince(started)
        violations.sort { ($0.preemptions, $0.steps.count, $0.choices.lexicographicallyPrecedes($1.choices) ? 0 : 1) <
                          ($1.preemptions, $1.steps.count, 0) }
        return ExploreResult(stats: stats, violations: violations, scheduleLog: log)
    }

    // MARK: Exhaustive, one bound

    /// A decision point of the depth-first search: who could run, who was tried, the preemptions before it.
    struct Node {
        var enabled: [Int]
        var tried: Set<Int>
        var chosen: Int
        var preemptionsBefore: Int
        var last: Int?
        /// Whether a preemption may happen here (`scenarioPointsOnly`).
        var mayPreempt: Bool
    }

    /// Every schedule with at most `bound` preemptions; false when stopped early (`stopAtFirst`).
    func exhaustive(bound: Int) -> Bool {
        var stack: [Node] = []
        var visited: [Int: Int] = [:]
        while true {
            let run = newRun()
            var depth = 0
            var cut = false, foreign = false
            while true {
                if !run.failures.isEmpty || run.checkDeadlock() { break }
                if run.finished { break }
                let en = run.enabled
                if depth == stack.count {
                    let c = run.last.flatMap { en.contains($0) ? $0 : nil } ?? en[0]
                    stack.append(Node(enabled: en, tried: [c], chosen: c, preemptionsBefore: run.preemptions,
                                      last: run.last, mayPreempt: !options.scenarioPointsOnly || run.atScenarioPoint(enabled: en)))
                }
                run.step(stack[depth].chosen)
                depth += 1
                stats.steps += 1
                if let s = options.shard, depth == Self.shardDepth, !owns(run.choices, shard: s) { foreign = true; break }
                // A state inside the replayed prefix was fingerprinted when the prefix first ran (replay is
                // deterministic), so only states past the deepest recorded decision are hashed.
                guard depth >= stack.count else { continue }
                let fp = run.fingerprint(lastActor: run.last)
                distinct.insert(fp)
                if options.prune, depth >= (options.shard == nil ? 0 : Self.shardDepth) {
                    if let p = visited[fp], p <= run.preemptions { cut = true; break }
                    visited[fp] = run.preemptions
                }
            }
            if !foreign, let s = options.shard, depth < Self.shardDepth, !owns(run.choices, shard: s) { foreign = true }
            if !foreign { finish(run, pruned: cut) }
            run.abandon()
            if options.stopAtFirst && !violations.isEmpty { return false }
            progress()
            // Backtrack to the deepest node with an untried alternative within the bound.
            stack.removeSubrange(min(depth, stack.count)...)
            while let top = stack.last {
                if let alt = alternative(top, bound: bound) {
                    stack[stack.count - 1].tried.insert(alt)
                    stack[stack.count - 1].chosen = alt
                    break
                }
                stack.removeLast()
            }
            if stack.isEmpty { return true }
        }
    }

    /// The next untried actor at `n` whose preemption (if it is one) stays within `bound`.
    func alternative(_ n: Node, bound: Int) -> Int? {
        for a in n.enabled where !n.tried.contains(a) {
            let pre = n.last.map { $0 != a && n.enabled.contains($0) } ?? false
            if pre && (!n.mayPreempt || n.preemptionsBefore + 1 > bound) { continue }
            return a
        }
        return nil
    }

    // MARK: PCT

    /// `runs` PCT schedules: random actor priorities, `depth - 1` change points over the expected length.
    func pct(runs: Int, seed: UInt64, depth: Int) {
        var rng = SplitMix64(seed: seed)
        var length = max(1, defaultLength())
        for r in 0..<runs {
            var order = Array(program.actors.indices)
            rng.shuffle(&order)
            var priority: [Int: Int] = [:]
            for (rank, a) in order.enumerated() { priority[a] = depth + rank }
            let changes = (0..<max(0, depth - 1)).map { _ in Int(rng.next() % UInt64(length)) + 1 }
            guard options.shard.map({ r % $0.count == $0.index }) ?? true else { continue }
            let run = newRun()
            var step = 0
            while run.failures.isEmpty && !run.checkDeadlock() && !run.finished {
                let en = run.enabled
                let c = en.max { priority[$0]! < priority[$1]! }!
                run.step(c)
                step += 1
                stats.steps += 1
                distinct.insert(run.fingerprint(lastActor: c))
                for (j, at) in changes.enumerated() where at == step { priority[c] = j }
            }
            length = max(length, step)
            finish(run, pruned: false)
            run.abandon()
            if options.stopAtFirst && !violations.isEmpty { break }
            progress()
        }
        stats.bound = depth
        stats.exhausted = false
    }

    /// Steps of the non-preemptive schedule (PCT's estimate of a schedule's length).
    func defaultLength() -> Int {
        let run = newRun()
        defer { run.abandon() }
        var n = 0
        while run.failures.isEmpty && !run.checkDeadlock() && !run.finished {
            let en = run.enabled
            run.step(run.last.flatMap { en.contains($0) ? $0 : nil } ?? en[0])
            n += 1
        }
        return n
    }

    // MARK: End of a schedule

    /// Counts the schedule; unless pruned or already failed, runs the epilogue and the properties.
    func finish(_ run: ScheduleRun, pruned: Bool) {
        stats.schedules += 1
        if pruned { stats.pruned += 1; return }
        if logSchedules { log.append(run.choices) }
        if run.failures.isEmpty && run.finished {
            run.runEpilogue()
            for p in check(run.machine, run.results) { run.failures.append(.property(p)) }
        }
        guard !run.failures.isEmpty else { return }
        let v = ViolatingSchedule(choices: run.choices, steps: run.steps, preemptions: run.preemptions,
                                  failures: run.failures, results: run.results)
        if violations.count < options.keepViolations {
            violations.append(v)
        } else if let worst = violations.indices.max(by: { violations[$0].steps.count < violations[$1].steps.count }),
                  violations[worst].steps.count > v.steps.count {
            violations[worst] = v
        }
    }

    /// True when a schedule with these first choices belongs to shard `s`.
    func owns(_ choices: [Int], shard s: (index: Int, count: Int)) -> Bool {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in choices.prefix(Self.shardDepth) {
            h ^= UInt64(c + 1)
            h = h &* 0x100_0000_01b3
        }
        return Int(h % UInt64(s.count)) == s.index
    }

    /// The progress callback, about once a second.
    func progress() {
        guard let p = options.progress, Date().timeIntervalSince(lastProgress) >= 1 else { return }
        lastProgress = Date()
        var s = stats
        s.states = distinct.count
        s.seconds = Date().timeIntervalSince(started)
        p(s)
    }
}

// MARK: - Shuffling with the seeded generator

extension SplitMix64 {
    /// Fisher–Yates with this generator.
    mutating func shuffle(_ a: inout [Int]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }
}
