// MARK: - The runtime seam

/// What kernel model code may ask of the runtime it runs on.
///
/// Trace a call or event, pass a pause point, take and release a lock, and sleep on a lock or on a folio's
/// writeback through one wait mechanism.
///
/// Three implementations share one `RuntimeState` (trace, lock table, violations): `DirectRuntime` runs an operation
/// straight through on the calling thread (`Machine.perform`, fsx replay), `SteppedRuntime` runs scenario actors
/// on fibers with the deterministic hand-off, and `InspectionRuntime` runs side-effect-free look-ups (lseek as an
/// expectation) without tracing, pausing or checking. Like swift-nio's `EventLoop`, model code names only this
/// protocol; `Machine` decides which implementation is in use (`KernelContext.rt`).
protocol KernelRuntime: AnyObject {
    /// The trace, lock table, violations and actor names every implementation shares.
    var state: RuntimeState { get }
    /// Appends a trace event for the running actor (subject to `tracing`); returns its index.
    @discardableResult
    func record(_ kind: TraceEvent.Kind, _ name: String, pos: Int?, detail: String) -> Int
    /// Pause point `point` at `pos`: record it, check invariants, and stop the actor when it is its target.
    func pause(_ point: PausePoint, pos: Int)
    /// Sleeps once on `channel`: 0 when woken, `-EDEADLK` when the wait could never end.
    ///
    /// Sleeps once on `channel` (a lock in `mode`, or a folio's writeback): 0 when woken (the caller re-checks),
    /// `-EDEADLK` when the wait could never end (a `deadlock` violation) or the run was abandoned.
    func sleep(on channel: WaitChannel, mode: LockMode) -> Int
    /// Checks the state invariants after a micro-step.
    func checkInvariants(at site: CheckSite)
    /// Records violation `invariant` once per (invariant, location).
    func violation(_ invariant: Invariant, at location: String, detail: String)
    /// Publishes the iomap iteration the running actor caches a mapping in (`Machine.currentIomap(of:)`).
    func iterating(_ iter: IomapIter)
    /// A point where the interleaving explorer may switch actors (before a sleeping acquire, after an unlock).
    func schedulingPoint(_ point: SchedulingPoint)
}

// MARK: - What both sleeping implementations share

extension KernelRuntime {
    /// The actor whose code runs now ("-" for the harness).
    var currentActor: String { state.currentActor }

    @discardableResult
    func record(_ kind: TraceEvent.Kind, _ name: String, pos: Int?, detail: String) -> Int {
        state.record(kind, name, pos: pos, detail: detail)
    }

    /// Records entry into the kernel function `name` (counted by the scenario expectation `calls FUNC=N`).
    func traceCall(_ name: String, pos: Int? = nil) {
        guard state.tracing else { return }
        record(.call, name, pos: pos, detail: "")
    }

    func checkInvariants(at site: CheckSite) { state.checkInvariants(at: site) }

    func violation(_ invariant: Invariant, at location: String, detail: String) {
        state.violation(invariant, at: location, detail: detail)
    }

    func iterating(_ iter: IomapIter) { state.actorIters[state.currentActor] = iter }

    /// Only the stepped runtime, while exploring, stops at scheduling points; the others run through them.
    func schedulingPoint(_ point: SchedulingPoint) {}

    /// The one wait mechanism: sleeps on `channel` while `busy()`; 0, or `-EDEADLK` from `sleep(on:mode:)`.
    ///
    /// Entering it is a scheduling point (spec: validity-cookies/explore-xfs-559): the explorer may let another
    /// actor run before this one takes the lock or looks at the folio's writeback.
    func wait(on channel: WaitChannel, mode: LockMode = .exclusive, while busy: () -> Bool) -> Int {
        schedulingPoint(.acquire(channel, mode))
        while busy() {
            let r = sleep(on: channel, mode: mode)
            if r < 0 { return r }
        }
        return 0
    }

    /// Takes `l` for the running actor, sleeping while it is held; 0 or `-EDEADLK`.
    ///
    /// Taking `l` out of the documented order records `lock-order` (checked when the lock is actually taken, so
    /// an acquisition that deadlocks reports only `deadlock`, as lockdep reports recursive locking).
    func lock(_ l: LockName, _ mode: LockMode = .exclusive) -> Int {
        let actor = currentActor
        let locks = state.locks
        let r = wait(on: .lock(l), mode: mode) { !locks.canTake(l, mode, actor: actor) }
        if r < 0 { return r }
        state.checkLockOrder(l, actor: actor)
        locks.take(l, mode, actor: actor)
        if state.tracing { record(.lock, l.description, pos: nil, detail: mode.rawValue) }
        checkInvariants(at: .lock(l))
        return 0
    }

    /// True when the running actor could take `l` exclusively now (for `*_trylock`).
    func canTake(_ l: LockName) -> Bool { state.locks.canTake(l, .exclusive, actor: currentActor) }

    /// True when the running actor holds `l`.
    func holds(_ l: LockName) -> Bool { state.locks.holds(currentActor, l) }

    /// Releases `l` held by the running actor.
    func unlock(_ l: LockName) {
        if state.locks.release(l, actor: currentActor) {
            if state.tracing { record(.unlock, l.description, pos: nil, detail: "") }
        }
        checkInvariants(at: .unlock(l))
        schedulingPoint(.release(l))
    }

    /// Records the `deadlock` violation of a wait that can never end and fails the running operation.
    func deadlock(on channel: WaitChannel, mode: LockMode, harness: Bool) -> Int {
        let actor = currentActor
        switch channel {
        case let .lock(l):
            let holders = state.locks.blockers(of: l, mode).joined(separator: ",")
            let why = harness ? "harness would wait for \(l) held by \(holders)" : "waits for \(l) held by \(holders)"
            violation(.deadlock, at: "take \(l)", detail: "\(actor) \(why)")
        case .writeback:
            violation(.deadlock, at: "wait \(channel)", detail: "\(actor) would wait for \(channel)")
        }
        state.deadlockedActors.insert(actor)
        return -Errno.EDEADLK
    }
}

// MARK: - WaitChannel

/// What a sleeping actor waits for: a lock, or the end of a folio's writeback (`blocked=` in scenarios).
public enum WaitChannel: Hashable, Sendable, CustomStringConvertible {
    /// A lock of the model (`i_rwsem`, `invalidate_lock`, `folio@<pos>`, `ILOCK`).
    case lock(LockName)
    /// `folio_wait_writeback` on the folio at this file offset.
    case writeback(pos: Int)

    /// `i_rwsem`, `folio@4096`, `writeback@4096`.
    public var description: String {
        switch self {
        case let .lock(l): return l.description
        case let .writeback(pos): return "writeback@\(pos)"
        }
    }
}

// MARK: - SchedulingPoint

/// Where an actor under the explorer gives control back: a pause point, a sleeping acquire, an unlock, an op end.
public enum SchedulingPoint: Hashable, CustomStringConvertible {
    /// A pause point of the model (`until=` in scenarios).
    case pause(PausePoint, pos: Int)
    /// Before taking a sleeping lock or waiting for a folio's writeback (`wait(on:mode:while:)`).
    case acquire(WaitChannel, LockMode)
    /// Just after releasing a lock.
    case release(LockName)
    /// Between two operations of one actor: operation `index` has returned.
    case operationEnd(index: Int)

    /// `folio_locked@4k`, `acquire i_rwsem`, `release folio@0`, `end of op 1`.
    public var description: String {
        switch self {
        case let .pause(p, pos): return "\(p.rawValue)@\(formatSize(pos))"
        case let .acquire(c, m): return "acquire \(c)" + (m == .shared ? " shared" : "")
        case let .release(l): return "release \(l)"
        case let .operationEnd(i): return "end of op \(i + 1)"
        }
    }

    /// True for the points a scenario table can stop at (`until=POINT@POS`, or an operation's end).
    public var isScenarioPoint: Bool {
        switch self {
        case .pause, .operationEnd: return true
        case .acquire, .release: return false
        }
    }
}

// MARK: - KernelContext

/// What every kernel object of one machine shares: the runtime in use, the device, the patches, fault injection.
final class KernelContext {
    /// The runtime model code calls now; `Machine` swaps it between its implementations.
    var rt: KernelRuntime
    /// The applied patches of the series.
    let patches: PatchSet
    /// The device under the filesystem (`sb->s_bdev`).
    let device: BlockDevice
    /// File ranges whose device writes fail with EIO (`failIO`).
    var failingRanges: [ByteRange] = []
    /// File ranges whose delalloc conversion in writeback's `->map_blocks` fails with EIO (`failMap`).
    var failingMapRanges: [ByteRange] = []
    /// Deliberate breaks of the kernel code (`EngineConfig.mutations`).
    let mutations: Set<EngineMutation>

    init(rt: KernelRuntime, patches: PatchSet, device: BlockDevice, mutations: Set<EngineMutation> = []) {
        self.rt = rt
        self.patches = patches
        self.device = device
        self.mutations = mutations
    }
}
