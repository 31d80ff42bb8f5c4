import HostSystem

// MARK: - SteppedRuntime

/// The runtime of scenario actors: each actor's operations run on its own fiber, exactly one runs at a time.
///
/// The scheduler (the caller of `start`/`resume`, or the explorer's `step`) switches into the actor's fiber, which
/// switches back when the actor reaches its pause target, sleeps on a lock or a folio's writeback, or finishes.
/// Nothing else runs meanwhile, so the same inputs give the same interleaving and the same trace. A switch is a
/// user-space stack switch on the scheduler's own thread (`HostSystem.Fiber`), not a hand-off between OS threads;
/// fibers come from `FiberPool` and are reused once an actor's operations end.
final class SteppedRuntime: KernelRuntime {
    let state: RuntimeState
    /// Whose `rt` this runtime becomes while an actor runs.
    unowned let kernel: KernelContext
    var actors: [String: ActorContext] = [:]
    /// The actor running now.
    var running: ActorContext?
    /// Set by `abandon`: pauses no longer stop, waits fail.
    var cancelled = false
    /// Explorer mode: every actor stops at every scheduling point (spec: validity-cookies/explore-xfs-559).
    var exploring = false
    /// Whether the folio at a file offset is under writeback (installed by `Machine`, which owns the mapping).
    var writebackBusy: (Int) -> Bool = { _ in false }

    init(state: RuntimeState, kernel: KernelContext) {
        self.state = state
        self.kernel = kernel
    }

    // MARK: The seam

    func pause(_ point: PausePoint, pos: Int) {
        record(.pause, point.rawValue, pos: pos, detail: "")
        checkInvariants(at: .pause(point))
        guard let ctx = running, !cancelled else { return }
        if exploring {
            ctx.status = .paused(point, pos: pos)
            stop(ctx, at: .pause(point, pos: pos))
            return
        }
        guard let t = ctx.target, t.matches(point, pos: pos) else { return }
        ctx.target = nil
        ctx.status = .paused(point, pos: pos)
        yieldToScheduler(ctx)
    }

    /// While exploring, gives control back before a sleeping acquire and after an unlock.
    func schedulingPoint(_ point: SchedulingPoint) {
        guard exploring, let ctx = running, !cancelled else { return }
        stop(ctx, at: point)
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
        ctx.sleeping = (channel, mode)
        yieldToScheduler(ctx)
        ctx.sleeping = nil
        state.locks.waiting[actor] = nil
        return cancelled ? -Errno.EDEADLK : 0
    }

    // MARK: Actor control

    /// Starts `op` as actor `actor` (run by `body` on the actor's fiber) until `until`, a wait, or its end.
    func start(actor: String, _ op: Operation, until: PauseTarget?,
               body: @escaping (Operation) -> OperationResult) -> ActorStatus {
        let ctx = prepare(actor: actor, ops: [op], body: body)
        return handOff(to: ctx, until: until)
    }

    /// Creates actor `actor` to run `ops` in order on a pooled fiber; it runs only once handed control.
    func prepare(actor: String, ops: [Operation], body: @escaping (Operation) -> OperationResult) -> ActorContext {
        precondition(actor != "-", "actor name \"-\" is the harness")
        if let old = actors[actor] {
            precondition(old.finished || !old.started, "actor \(actor) is still running \(old.op)")
            if let f = old.fiber { old.fiber = nil; FiberPool.shared.give(f) }
        }
        let ctx = ActorContext(name: actor, ops: ops)
        actors[actor] = ctx
        let fiber = FiberPool.shared.take()
        ctx.fiber = fiber
        fiber.start { [unowned self, ctx] in
            self.enter(ctx)
            var r = OperationResult()
            for (i, op) in ctx.ops.enumerated() {
                if i > 0 { self.schedulingPoint(.operationEnd(index: i - 1)) }
                ctx.opIndex = i
                r = body(op)
                ctx.results.append(r)
            }
            ctx.status = .done(r)
            ctx.finished = true
        }
        return ctx
    }

    /// Lets a paused or blocked actor continue until `until`, a wait, or the end of its operation.
    func resume(actor: String, until: PauseTarget?) -> ActorStatus {
        guard let ctx = actors[actor] else { return .idle }
        switch ctx.status {
        case .paused, .blocked: return handOff(to: ctx, until: until)
        default: return ctx.status
        }
    }

    /// Names of the actors that started and have not finished, sorted.
    var unfinishedActors: [String] {
        actors.values.filter { $0.started && !$0.finished }.map(\.name).sorted()
    }

    /// Runs every started, unfinished actor to its end without pausing (waits fail with -EDEADLK).
    ///
    /// An actor prepared but never handed control is started too, so its pooled fiber is returned.
    func abandon() {
        cancelled = true
        exploring = false
        for name in actors.keys.sorted() {
            if let ctx = actors[name], !ctx.finished { _ = handOff(to: ctx, until: nil) }
        }
    }

    // MARK: Hand-off

    /// Switches into `ctx`'s fiber until it gives control back; a finished actor's fiber returns to the pool.
    func handOff(to ctx: ActorContext, until: PauseTarget?) -> ActorStatus {
        guard let fiber = ctx.fiber else { return ctx.status }
        ctx.target = until
        ctx.started = true
        let savedActor = state.currentActor, savedRunning = running, savedRuntime = kernel.rt
        running = ctx
        fiber.resume()
        if ctx.finished {
            ctx.fiber = nil
            FiberPool.shared.give(fiber)
        }
        running = savedRunning
        kernel.rt = savedRuntime
        state.currentActor = savedActor
        return ctx.status
    }

    /// Called on the actor's fiber whenever it (re)gains control.
    func enter(_ ctx: ActorContext) {
        state.currentActor = ctx.name
        running = ctx
        kernel.rt = self
    }

    /// Explorer mode: records where `ctx` stopped and gives control back.
    func stop(_ ctx: ActorContext, at point: SchedulingPoint) {
        ctx.at = point
        ctx.history.combine(point)
        ctx.steps += 1
        yieldToScheduler(ctx)
    }

    /// Switches back to the scheduler; returns when the scheduler hands control to `ctx` again.
    func yieldToScheduler(_ ctx: ActorContext) {
        ctx.fiber?.suspend()
        enter(ctx)
    }

    // MARK: Explorer queries

    /// True when the explorer may hand control to `ctx`: started or not, unfinished, and not asleep on a busy wait.
    func isEnabled(_ ctx: ActorContext) -> Bool {
        guard !ctx.finished else { return false }
        guard let (channel, mode) = ctx.sleeping else { return true }
        switch channel {
        case let .lock(l): return state.locks.canTake(l, mode, actor: ctx.name)
        case let .writeback(pos): return !writebackBusy(pos)
        }
    }
}
