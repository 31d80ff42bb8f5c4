import Dispatch
import Foundation

// MARK: - Actor context

/// One scenario or explorer actor: its operations, where it should stop, and where it is.
final class ActorContext {
    let name: String
    /// The operations it runs in order (a scenario actor has one).
    let ops: [Operation]
    /// Signalled by the scheduler to let this actor run.
    let go = DispatchSemaphore(value: 0)
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

// MARK: - Thread pool

/// Threads for actors, reused once an actor's operations end: an actor costs a hand-off, not a thread start.
///
/// Each worker has a 16 MiB stack (the engine recurses through iomap iterations); a pool is shared by every
/// machine of the process and grows only when all its workers are busy (actors of paused scenarios).
final class ActorThreadPool: @unchecked Sendable {
    static let shared = ActorThreadPool()

    /// One pooled thread and the job it runs next.
    final class Worker: @unchecked Sendable {
        let wake = DispatchSemaphore(value: 0)
        var job: (() -> Void)?
    }

    private let lock = NSLock()
    private var idle: [Worker] = []
    /// Threads started so far (for tests and the bench).
    private(set) var threadsStarted = 0

    /// Runs `job` on an idle worker, or on a new one.
    func run(_ job: @escaping () -> Void) {
        lock.lock()
        if let w = idle.popLast() {
            lock.unlock()
            w.job = job
            w.wake.signal()
            return
        }
        threadsStarted += 1
        let n = threadsStarted
        lock.unlock()
        let w = Worker()
        w.job = job
        let t = Thread { [self, w] in
            while true {
                let j = w.job
                w.job = nil
                j?()
                lock.lock()
                idle.append(w)
                lock.unlock()
                w.wake.wait()
            }
        }
        t.stackSize = 16 << 20
        t.name = "iomapspec.actor.\(n)"
        t.start()
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
    /// Call before dropping a machine that still has actors mid-operation so their threads end.
    public func abandonActors() { stepped.abandon() }
}
