// MARK: - What is explored

/// One race to explore: harness set-up, the racing actors with their operations, and the epilogue.
public struct ExploreProgram {
    public var config: EngineConfig
    /// Harness operations run to completion before the race.
    public var setup: [Operation]
    /// The racing actors, each running its operations in order.
    public var actors: [ExploreActor]
    /// Harness operations run after every actor has finished.
    public var epilogue: [Operation]
    /// The file range whose page cache, extents, file and disk content make up a state's fingerprint.
    public var range: ByteRange

    public init(config: EngineConfig, setup: [Operation], actors: [ExploreActor], epilogue: [Operation],
                range: ByteRange) {
        self.config = config
        self.setup = setup
        self.actors = actors
        self.epilogue = epilogue
        self.range = range
    }
}

extension ExploreProgram {
    /// Builds the machine, runs the set-up rows and prepares the actors, then discards them: what every replayed
    /// schedule pays before its first step, and all that capturing the state after set-up could save (the bench).
    public func buildAndDiscard() {
        let run = ScheduleRun(self)
        run.abandon()
    }

    /// Copies the state the set-up rows leave from `template` and prepares the actors, then discards them: what a
    /// schedule pays before its first step when the set-up is captured (the bench).
    public func copyAndDiscard(_ template: SetUpState) {
        let run = ScheduleRun(self, template: template.machine)
        run.abandon()
    }

    /// The state the set-up rows leave, run once (the bench).
    public func setUpState() -> SetUpState { SetUpState(machine: ScheduleRun.setUp(self)) }
}

/// The machine as an exploration's set-up rows left it: what each captured schedule starts from.
public struct SetUpState {
    let machine: Machine
}

/// A named racing actor and the operations it runs, in order.
public struct ExploreActor: Hashable {
    public var name: String
    public var ops: [Operation]
    public init(name: String, ops: [Operation]) {
        self.name = name
        self.ops = ops
    }
}

// MARK: - How it is explored

/// The search: exhaustive within a preemption bound, or randomized PCT; optionally one shard of it.
public struct ExploreOptions {
    /// How schedules are chosen.
    public enum Mode: Equatable {
        /// Every schedule with at most `preemptions` preemptions, bounds 0, 1, ... in turn (iterative deepening).
        case exhaustive(preemptions: Int)
        /// `runs` PCT schedules of depth `depth` from `seed`.
        case pct(runs: Int, seed: UInt64, depth: Int)
    }
    public var mode: Mode
    /// `(index, count)`: run only the schedules of shard `index` (0-based) of `count`.
    public var shard: (index: Int, count: Int)?
    /// Prune a schedule when it reaches a state already explored with no more preemptions.
    public var prune = true
    /// Preempt only at points a scenario table can stop at (pause points, operation ends); for counterexamples.
    public var scenarioPointsOnly = false
    /// Stop at the first violating schedule.
    public var stopAtFirst = false
    /// Start each schedule from a copy of the state the set-up rows left (run once), instead of running them again.
    public var captureSetup = true
    /// Keep at most this many violating schedules (the shortest are kept when more are found).
    public var keepViolations = 16
    /// Called about once a second with the figures so far (the CLI's progress line).
    public var progress: (@Sendable (ExploreStats) -> Void)?

    public init(mode: Mode) { self.mode = mode }
}
