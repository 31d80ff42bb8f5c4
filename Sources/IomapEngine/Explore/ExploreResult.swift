// MARK: - Results

/// The figures of one exploration.
public struct ExploreStats: Sendable, Equatable, Codable {
    /// Schedules run to their end (or to a violation).
    public var schedules = 0
    /// Distinct states reached (fingerprints after a step).
    public var states = 0
    /// Schedules cut short at a state already explored with no more preemptions.
    public var pruned = 0
    /// Steps (hand-offs to an actor) over all schedules.
    public var steps = 0
    /// Exhaustive mode: every schedule within the bound was run or pruned; false for PCT.
    public var exhausted = false
    /// The highest preemption bound completed (exhaustive), or the PCT depth.
    public var bound = 0
    /// Wall time in seconds.
    public var seconds = 0.0

    public init() {}
}

/// What went wrong in a schedule.
public enum ExploreFailure: Hashable, CustomStringConvertible {
    /// An engine invariant was violated during step `step` (nil: during set-up or the epilogue).
    case invariant(InvariantViolation, step: Int?)
    /// Every unfinished actor sleeps on a wait no one can end.
    case deadlock(String)
    /// A final property does not hold (its description, from the caller's check).
    case property(String)

    public var description: String {
        switch self {
        case let .invariant(v, step): return "invariant \(v.name) at step \(step.map { "\($0 + 1)" } ?? "-"): \(v.detail)"
        case let .deadlock(d): return "deadlock: \(d)"
        case let .property(p): return p
        }
    }
}

/// One step of a schedule: which actor ran, and where it stopped.
public struct ScheduleStep: Hashable {
    /// Index into `ExploreProgram.actors`.
    public var actor: Int
    /// The operation it was running (index into the actor's ops).
    public var op: Int
    /// Where it stopped.
    public var end: StepEnd
    /// The switch to it was a preemption.
    public var preempted: Bool
}

/// Where an actor's step ended.
public enum StepEnd: Hashable, CustomStringConvertible {
    /// At a scheduling point, able to go on.
    case point(SchedulingPoint)
    /// Asleep on a wait (`blocked=`).
    case blocked(WaitChannel)
    /// Its last operation returned this.
    case done(OperationResult)

    public var description: String {
        switch self {
        case let .point(p): return p.description
        case let .blocked(c): return "blocked=\(c)"
        case let .done(r): return "done ret=\(r)"
        }
    }
}

/// A schedule that violated something: its choices, its steps and what failed.
public struct ViolatingSchedule: Hashable {
    /// The actor chosen at each step.
    public var choices: [Int]
    public var steps: [ScheduleStep]
    public var preemptions: Int
    public var failures: [ExploreFailure]
    /// What each actor's operations returned.
    public var results: [[OperationResult]]
}

/// An exploration's figures and the violating schedules it found (fewest preemptions, then fewest steps, first).
public struct ExploreResult {
    public var stats: ExploreStats
    public var violations: [ViolatingSchedule]
    /// Every schedule run, as its choice list (only when asked for, for the shard tests).
    public var scheduleLog: [[Int]]
    public var clean: Bool { violations.isEmpty }
}
