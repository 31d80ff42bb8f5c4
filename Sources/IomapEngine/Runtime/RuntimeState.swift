// MARK: - RuntimeState

/// The record every runtime implementation of one machine shares.
///
/// Who runs, the trace, the lock table, the invariant violations, and the iomap iteration each actor caches a
/// mapping in.
final class RuntimeState {
    /// The actor whose code runs now ("-" for the harness / synchronous `perform`).
    var currentActor: String = "-"
    var traceEvents: [TraceEvent] = []
    /// Record every event; off: only violations (a replay keeps no per-operation trace).
    var tracing = true
    /// Check invariants after every micro-step (pause point, lock operation, operation end).
    var invariantChecking = true
    /// The state invariants, checked after every micro-step (installed by `Machine`, which sees every layer).
    var invariants: ((_ site: CheckSite) -> Void)?
    let locks = Locks()
    var violationList: [InvariantViolation] = []
    var violationKeys: Set<String> = []
    /// Actors whose current operation hit a deadlock: it ends with -EDEADLK.
    var deadlockedActors: Set<String> = []
    /// The write-type iomap iteration each actor is in (for `Machine.currentIomap(of:)`), set by `iomap_iter`.
    var actorIters: [String: IomapIter] = [:]

    // MARK: Trace

    /// Appends an event for the running actor; returns its index.
    @discardableResult
    func record(_ kind: TraceEvent.Kind, _ name: String, pos: Int? = nil, detail: String = "") -> Int {
        let i = traceEvents.count
        if tracing || kind == .violation {
            traceEvents.append(TraceEvent(index: i, actor: currentActor, kind: kind, name: name, pos: pos, detail: detail))
        }
        return i
    }

    // MARK: Violations

    /// Records violation `invariant` once per (invariant, location).
    func violation(_ invariant: Invariant, at location: String, detail: String) {
        let key = invariant.rawValue + "\u{0}" + location
        guard violationKeys.insert(key).inserted else { return }
        let i = record(.violation, invariant.rawValue, detail: detail)
        violationList.append(InvariantViolation(invariant: invariant, detail: detail, actor: currentActor,
                                                location: location, traceIndex: i))
    }

    /// Runs the state invariants when checking is on.
    func checkInvariants(at site: CheckSite) {
        guard invariantChecking else { return }
        invariants?(site)
    }

    /// Records `lock-order` when `actor` holds a lock that must come after `l`.
    /// Spec: (spec: overview), (spec: mkwrite-ops-split/lock-order), (spec: seek-data-scanning/lock-order)
    func checkLockOrder(_ l: LockName, actor: String) {
        guard let list = locks.held[actor] else { return }
        for (h, _) in list {
            var bad = h.rank > l.rank
            if case let .folio(hp) = h, case let .folio(lp) = l, hp >= lp { bad = true }
            if bad {
                violation(.lockOrder, at: "take \(l)", detail: "\(actor) takes \(l) while holding \(h)")
                return
            }
        }
    }
}

// MARK: - State capture (explorer)

extension RuntimeState {
    /// Model only: makes the trace, locks, violations and cached iterations `other`'s (`invariants` stays this
    /// machine's own).
    ///
    /// The cached iterations are shared, not copied: they belong to operations that have returned, and nothing
    /// changes an iteration after its operation returned.
    func copyState(from other: RuntimeState) {
        currentActor = other.currentActor
        traceEvents = other.traceEvents
        tracing = other.tracing
        invariantChecking = other.invariantChecking
        locks.copyState(from: other.locks)
        violationList = other.violationList
        violationKeys = other.violationKeys
        deadlockedActors = other.deadlockedActors
        actorIters = other.actorIters
    }
}
