// MARK: - One schedule, replayed from the start

/// One run of an `ExploreProgram` on a fresh machine, advanced one actor step at a time by the explorer.
///
/// The race's steps are replayed from the start, as loom does (an actor's state is its stack, which cannot be
/// copied). The set-up rows are either run again or, with a `template` (the machine as the set-up left it),
/// restored by copying its state (`Machine.capturedCopy`); the bench measures both.
final class ScheduleRun {
    let program: ExploreProgram
    let machine: Machine
    let actors: [ActorContext]
    /// The actor that ran the last step.
    var last: Int?
    var preemptions = 0
    var steps: [ScheduleStep] = []
    var failures: [ExploreFailure] = []
    /// Violations recorded so far (new ones after a step are failures of that step).
    var violationsSeen = 0
    /// The content hash of the last fingerprint and what it was computed from (`contentFingerprint`).
    var lastContent: (ContentKey, Int)?
    /// Hashes of device ranges read for fingerprints, by write generation.
    var devicePieces: [DevicePiece: UInt64] = [:]

    /// Builds the machine, runs the set-up (or copies `template`, the state the set-up leaves) and prepares the
    /// actors (none has run yet).
    init(_ program: ExploreProgram, template: Machine? = nil) {
        self.program = program
        if let t = template, let copy = t.capturedCopy() {
            machine = copy
        } else {
            machine = Self.setUp(program)
        }
        let m = machine
        actors = program.actors.map { a in
            m.stepped.prepare(actor: a.name, ops: a.ops) { [unowned m] op in m.runOperation(op) }
        }
        machine.stepped.exploring = true
        collectViolations(step: nil)
    }

    /// A fresh machine with the set-up rows run: the state every schedule starts from.
    static func setUp(_ program: ExploreProgram) -> Machine {
        let m = Machine(config: program.config)
        m.tracing = false
        for op in program.setup { m.perform(op) }
        return m
    }

    /// The actors that may run now, by index.
    var enabled: [Int] { actors.indices.filter { machine.stepped.isEnabled(actors[$0]) } }

    /// True when running `i` now is a preemption: the last actor could have gone on.
    func isPreemption(_ i: Int, enabled: [Int]) -> Bool {
        guard let l = last, l != i else { return false }
        return enabled.contains(l)
    }

    /// True when the last actor may be switched away from here without a preemption, or at a scenario point.
    func atScenarioPoint(enabled: [Int]) -> Bool {
        guard let l = last, enabled.contains(l) else { return true }
        return actors[l].at?.isScenarioPoint ?? true
    }

    /// Runs actor `i` until its next scheduling point, a sleep, or its end.
    func step(_ i: Int) {
        let en = enabled
        let pre = isPreemption(i, enabled: en)
        if pre { preemptions += 1 }
        let ctx = actors[i]
        _ = machine.stepped.handOff(to: ctx, until: nil)
        let end: StepEnd
        if ctx.finished {
            end = .done(ctx.results.last ?? OperationResult())
        } else if let (c, _) = ctx.sleeping {
            end = .blocked(c)
        } else {
            end = .point(ctx.at ?? .operationEnd(index: ctx.opIndex))
        }
        steps.append(ScheduleStep(actor: i, op: ctx.opIndex, end: end, preempted: pre))
        last = i
        collectViolations(step: steps.count - 1)
    }

    /// Every actor finished.
    var finished: Bool { actors.allSatisfy(\.finished) }

    /// Records a deadlock when unfinished actors remain and none can run; true when so.
    func checkDeadlock() -> Bool {
        guard !finished, enabled.isEmpty else { return false }
        let who = actors.filter { !$0.finished }.map { ctx in
            "\(ctx.name) sleeps on \(ctx.sleeping.map { "\($0.0)" } ?? "?")"
        }.joined(separator: ", ")
        failures.append(.deadlock(who))
        return true
    }

    /// Runs the epilogue on the harness (after every actor finished) and collects its violations.
    func runEpilogue() {
        machine.stepped.exploring = false
        for op in program.epilogue { machine.perform(op) }
        collectViolations(step: nil)
    }

    /// Ends every unfinished actor (their waits fail), returning their fibers to the pool.
    func abandon() { machine.abandonActors() }

    /// The results of each actor's operations.
    var results: [[OperationResult]] { actors.map(\.results) }

    /// New engine violations become failures of `step`.
    func collectViolations(step: Int?) {
        let v = machine.violations
        guard v.count > violationsSeen else { return }
        for x in v[violationsSeen...] { failures.append(.invariant(x, step: step)) }
        violationsSeen = v.count
    }

    /// The chosen actor per step.
    var choices: [Int] { steps.map(\.actor) }
}
