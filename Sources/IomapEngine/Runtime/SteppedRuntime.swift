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

// MARK: - SteppedRuntime

/// The runtime of scenario actors: each actor's operation runs on its own thread, exactly one runs at a time.
///
/// The scheduler (the caller of `start`/`resume`) signals the actor's `go` semaphore and waits on `back` until the
/// actor reaches its pause target, sleeps on a lock or a folio's writeback, or finishes. Nothing else runs
/// meanwhile, so the same inputs give the same interleaving and the same trace.
final class SteppedRuntime: KernelRuntime {
    let state: RuntimeState
    /// Whose `rt` this runtime becomes while an actor runs.
    unowned let kernel: KernelContext
    var actors: [String: ActorContext] = [:]
    /// Signalled by the running actor when it gives control back.
    let back = DispatchSemaphore(value: 0)
    /// The actor running now.
    var running: ActorContext?
    /// Set by `abandon`: pauses no longer stop, waits fail.
    var cancelled = false

    init(state: RuntimeState, kernel: KernelContext) {
        self.state = state
        self.kernel = kernel
    }

    // MARK: The seam

    func pause(_ point: PausePoint, pos: Int) {
        record(.pause, point.rawValue, pos: pos, detail: "")
        checkInvariants(at: .pause(point))
        guard let ctx = running, !cancelled, let t = ctx.target, t.matches(point, pos: pos) else { return }
        ctx.target = nil
        ctx.status = .paused(point, pos: pos)
        yieldToScheduler(ctx)
    }

    /// Records `blocked(lock:)` and hands control back, or reports a wait that can never end.
    ///
    /// A lock whose wait closes a cycle, and every wait after `abandon`, is a deadlock instead.
    func sleep(on channel: WaitChannel, mode: LockMode) -> Int {
        guard let ctx = running, !cancelled else { return deadlock(on: channel, mode: mode, harness: true) }
        let actor = ctx.name
        switch channel {
        case let .lock(l):
            if state.locks.wouldDeadlock(actor, l, mode) { return deadlock(on: channel, mode: mode, harness: false) }
            record(.blocked, l.description, pos: nil,
                   detail: "held by \(state.locks.blockers(of: l, mode).joined(separator: ","))")
            state.locks.waiting[actor] = l
        case .writeback:
            record(.blocked, channel.description, pos: nil, detail: "under writeback")
        }
        ctx.status = .blocked(lock: channel)
        yieldToScheduler(ctx)
        state.locks.waiting[actor] = nil
        return cancelled ? -Errno.EDEADLK : 0
    }

    // MARK: Actor control

    /// Starts `op` as actor `actor` (run by `body` on the actor's thread) until `until`, a wait, or its end.
    func start(actor: String, _ op: Operation, until: PauseTarget?,
               body: @escaping (Operation) -> OperationResult) -> ActorStatus {
        precondition(actor != "-", "actor name \"-\" is the harness")
        if let old = actors[actor] {
            switch old.status {
            case .paused, .blocked: preconditionFailure("actor \(actor) is still running \(old.op)")
            default: break
            }
        }
        let ctx = ActorContext(name: actor, op: op)
        actors[actor] = ctx
        let t = Thread { [unowned self, ctx] in
            ctx.go.wait()
            self.enter(ctx)
            let r = body(op)
            ctx.status = .done(r)
            self.back.signal()
        }
        t.stackSize = 16 << 20
        t.name = "iomapspec.actor.\(actor)"
        ctx.thread = t
        t.start()
        return handOff(to: ctx, until: until)
    }

    /// Lets a paused or blocked actor continue until `until`, a wait, or the end of its operation.
    func resume(actor: String, until: PauseTarget?) -> ActorStatus {
        guard let ctx = actors[actor] else { return .idle }
        switch ctx.status {
        case .paused, .blocked: return handOff(to: ctx, until: until)
        default: return ctx.status
        }
    }

    /// Names of the actors that are paused or blocked, sorted.
    var unfinishedActors: [String] {
        actors.values.filter {
            switch $0.status { case .paused, .blocked: return true; default: return false }
        }.map(\.name).sorted()
    }

    /// Runs every paused or blocked actor to its end without pausing (waits fail with -EDEADLK).
    func abandon() {
        cancelled = true
        for name in unfinishedActors {
            if let ctx = actors[name] { _ = handOff(to: ctx, until: nil) }
        }
    }

    // MARK: Hand-off

    /// Gives control to `ctx` and waits until it gives it back.
    func handOff(to ctx: ActorContext, until: PauseTarget?) -> ActorStatus {
        ctx.target = until
        let savedActor = state.currentActor, savedRunning = running, savedRuntime = kernel.rt
        running = ctx
        ctx.go.signal()
        back.wait()
        running = savedRunning
        kernel.rt = savedRuntime
        state.currentActor = savedActor
        return ctx.status
    }

    /// Called on the actor's thread whenever it (re)gains control.
    func enter(_ ctx: ActorContext) {
        state.currentActor = ctx.name
        running = ctx
        kernel.rt = self
    }

    /// Gives control back to the scheduler and sleeps until resumed.
    func yieldToScheduler(_ ctx: ActorContext) {
        back.signal()
        ctx.go.wait()
        enter(ctx)
    }
}
