import Dispatch
import Foundation

// MARK: - Actor context

/// One scenario actor: its operation, its thread, where it should stop, and where it is.
final class ActorContext {
    let name: String
    let op: Operation
    var thread: Thread?
    /// Signalled by the scheduler to let this actor run.
    let go = DispatchSemaphore(value: 0)
    var status: ActorStatus = .idle
    var target: PauseTarget?

    init(name: String, op: Operation) {
        self.name = name
        self.op = op
    }
}

// MARK: - Scheduler

/// Deterministic hand-off between actors: each actor's operation runs on its own thread, exactly one runs at a time.
///
/// The scheduler (the caller of `start`/`resume`) signals the actor's `go` semaphore and waits on `back` until the
/// actor reaches its pause target, blocks on a lock, or finishes. Nothing else runs meanwhile, so the same inputs
/// give the same interleaving and the same trace.
final class Scheduler {
    var actors: [String: ActorContext] = [:]
    /// Signalled by the running actor when it gives control back.
    let back = DispatchSemaphore(value: 0)
    /// The actor running now (nil: the harness / synchronous `perform`).
    var running: ActorContext?
}

extension Machine {
    // MARK: Actor control (public API)

    /// Starts `op` as actor `actor` and runs it until `until` is hit, it blocks on a lock, or it finishes.
    public func start(actor: String, _ op: Operation, until: PauseTarget?) -> ActorStatus {
        precondition(actor != "-", "actor name \"-\" is the harness")
        if let old = scheduler.actors[actor] {
            switch old.status {
            case .paused, .blocked: preconditionFailure("actor \(actor) is still running \(old.op)")
            default: break
            }
        }
        let ctx = ActorContext(name: actor, op: op)
        scheduler.actors[actor] = ctx
        let t = Thread { [unowned self, ctx] in
            ctx.go.wait()
            self.enter(ctx)
            let r = self.runOperation(op)
            ctx.status = .done(r)
            self.scheduler.back.signal()
        }
        t.stackSize = 16 << 20
        t.name = "iomapspec.actor.\(actor)"
        ctx.thread = t
        t.start()
        return handOff(to: ctx, until: until)
    }

    /// Lets a paused or blocked actor continue until `until`, a lock it cannot take, or the end of its operation.
    public func resume(actor: String, until: PauseTarget?) -> ActorStatus {
        guard let ctx = scheduler.actors[actor] else { return .idle }
        switch ctx.status {
        case .paused, .blocked: return handOff(to: ctx, until: until)
        default: return ctx.status
        }
    }

    /// Where `actor` is now.
    public func status(of actor: String) -> ActorStatus {
        scheduler.actors[actor]?.status ?? .idle
    }

    /// Names of the actors that are paused or blocked, sorted.
    public var unfinishedActors: [String] {
        scheduler.actors.values.filter {
            switch $0.status { case .paused, .blocked: return true; default: return false }
        }.map(\.name).sorted()
    }

    /// Runs every paused or blocked actor to its end without pausing (locks it cannot take fail with -EDEADLK).
    ///
    /// Call before dropping a machine that still has actors mid-operation so their threads end.
    public func abandonActors() {
        cancelled = true
        for name in unfinishedActors {
            if let ctx = scheduler.actors[name] { _ = handOff(to: ctx, until: nil) }
        }
    }

    // MARK: Hand-off

    /// Gives control to `ctx` and waits until it gives it back.
    func handOff(to ctx: ActorContext, until: PauseTarget?) -> ActorStatus {
        ctx.target = until
        let savedActor = currentActor
        let savedRunning = scheduler.running
        scheduler.running = ctx
        ctx.go.signal()
        scheduler.back.wait()
        scheduler.running = savedRunning
        currentActor = savedActor
        return ctx.status
    }

    /// Called on the actor's thread whenever it (re)gains control.
    func enter(_ ctx: ActorContext) {
        currentActor = ctx.name
        scheduler.running = ctx
    }

    /// Gives control back to the scheduler and sleeps until resumed.
    func yieldToScheduler(_ ctx: ActorContext) {
        scheduler.back.signal()
        ctx.go.wait()
        enter(ctx)
    }

    /// True when the running code may wait for a lock (a scheduled actor, not the synchronous harness).
    var canBlock: Bool { scheduler.running != nil && !cancelled }

    /// Records `blocked(lock:)` for the running actor and yields; returns when resumed (the caller retries).
    func blockAndYield(on l: LockName) {
        guard let ctx = scheduler.running else { return }
        ctx.status = .blocked(lock: l.description)
        yieldToScheduler(ctx)
    }

    // MARK: Pause points

    /// Pause point `point` at `pos`: checks invariants, records it, and stops the actor when it is its target.
    func pause(_ point: PausePoint, pos: Int) {
        record(.pause, point.rawValue, pos: pos)
        checkInvariants(at: point.rawValue)
        guard let ctx = scheduler.running, !cancelled, let t = ctx.target, t.matches(point, pos: pos) else { return }
        ctx.target = nil
        ctx.status = .paused(point, pos: pos)
        yieldToScheduler(ctx)
    }
}
