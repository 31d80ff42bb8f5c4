import Foundation
import HostSystem

// MARK: - Actor context

/// One scenario or explorer actor: its operations, where it should stop, and where it is.
final class ActorContext {
    let name: String
    /// The operations it runs in order (a scenario actor has one).
    let ops: [Operation]
    /// The fiber its operations run on, from `FiberPool` until they end.
    var fiber: Fiber?
    var status: ActorStatus = .idle
    var target: PauseTarget?
    /// Handed control at least once.
    var started = false
    /// Every operation returned.
    var finished = false
    /// The operation running now (index into `ops`).
    var opIndex = 0
    /// What each finished operation returned.
    var results: [OperationResult] = []
    /// The wait it sleeps in (explorer: enabled again when the channel frees).
    var sleeping: (WaitChannel, LockMode)?
    /// Explorer: the scheduling point it stopped at last, how many it passed, and a hash of all of them.
    var at: SchedulingPoint?
    var steps = 0
    var history = Hasher()

    /// The operation in flight (the last one once finished).
    var op: Operation { ops[min(opIndex, ops.count - 1)] }

    init(name: String, ops: [Operation]) {
        self.name = name
        self.ops = ops
    }
}

// MARK: - Fiber pool

/// Fibers for actors, reused once an actor's operations end: an actor costs a stack switch, not a thread.
///
/// Each fiber has a 16 MiB stack (the engine recurses through iomap iterations; the pages are touched only as
/// deep as the actor goes). The pool is shared by every machine of the process and grows only when every fiber
/// is busy (actors of paused scenarios).
final class FiberPool: @unchecked Sendable {
    static let shared = FiberPool()
    static let stackSize = 16 << 20

    private let lock = NSLock()
    private var idle: [Fiber] = []

    /// An idle fiber, or a new one.
    func take() -> Fiber {
        lock.lock()
        if let f = idle.popLast() {
            lock.unlock()
            return f
        }
        lock.unlock()
        do {
            return try Fiber(stackSize: Self.stackSize)
        } catch {
            fatalError("cannot map a \(Self.stackSize >> 20) MiB actor stack: \(error)")
        }
    }

    /// Returns a fiber whose body has returned.
    func give(_ f: Fiber) {
        precondition(f.isFinished, "FiberPool.give with a fiber still running")
        lock.lock()
        idle.append(f)
        lock.unlock()
    }
}

// MARK: - Actor control (public API)

extension Machine {
    /// Starts `op` as actor `actor` and runs it until `until` is hit, it blocks on a lock, or it finishes.
    public func start(actor: String, _ op: Operation, until: PauseTarget?) -> ActorStatus {
        stepped.start(actor: actor, op, until: until) { [unowned self] op in self.runOperation(op) }
    }

    /// Lets a paused or blocked actor continue until `until`, a lock it cannot take, or the end of its operation.
    public func resume(actor: String, until: PauseTarget?) -> ActorStatus {
        stepped.resume(actor: actor, until: until)
    }

    /// Where `actor` is now.
    public func status(of actor: String) -> ActorStatus { stepped.actors[actor]?.status ?? .idle }

    /// Names of the actors that are paused or blocked, sorted.
    public var unfinishedActors: [String] { stepped.unfinishedActors }

    /// Runs every paused or blocked actor to its end without pausing (locks it cannot take fail with -EDEADLK).
    ///
    /// Call before dropping a machine that still has actors mid-operation so their fibers return to the pool.
    public func abandonActors() { stepped.abandon() }
}
