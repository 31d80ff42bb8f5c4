// MARK: - Lock names and order

/// A lock of the model, named as in `blocked=` and the trace: `i_rwsem`, `invalidate_lock`, `folio@<pos>`, `ILOCK`.
public enum LockName: Hashable, Sendable, CustomStringConvertible {
    /// `inode->i_rwsem` (XFS_IOLOCK).
    case i_rwsem
    /// `mapping->invalidate_lock` (XFS_MMAPLOCK).
    case invalidate_lock
    /// The folio lock of the folio at this file offset.
    case folio(Int)
    /// `ip->i_lock` (XFS_ILOCK).
    case ILOCK

    public var description: String {
        switch self {
        case .i_rwsem: return "i_rwsem"
        case .invalidate_lock: return "invalidate_lock"
        case let .folio(pos): return "folio@\(pos)"
        case .ILOCK: return "ILOCK"
        }
    }

    /// Rank in the documented order i_rwsem → invalidate_lock → folio (ascending index) → ILOCK.
    var rank: Int {
        switch self {
        case .i_rwsem: return 0
        case .invalidate_lock: return 1
        case .folio: return 2
        case .ILOCK: return 3
        }
    }
}

/// Shared (reader) or exclusive (writer) acquisition of an rw lock; folio locks are always exclusive.
public enum LockMode: String, Hashable {
    case shared, exclusive
}

// MARK: - Lock table

/// Who holds which lock; the blocking, order and deadlock rules live in `Machine.lock(_:_:)`.
final class Locks {
    struct State {
        var exclusive: String?
        var shared: [String: Int] = [:]
        var isFree: Bool { exclusive == nil && shared.isEmpty }
        func holders() -> [String] { (exclusive.map { [$0] } ?? []) + shared.keys.sorted() }
    }

    var states: [LockName: State] = [:]
    /// Locks held per actor, in acquisition order.
    var held: [String: [(LockName, LockMode)]] = [:]
    /// The lock each actor is waiting for (blocked), for cycle detection.
    var waiting: [String: LockName] = [:]

    func state(_ l: LockName) -> State { states[l] ?? State() }

    /// True when `actor` could take `l` in `mode` now.
    func canTake(_ l: LockName, _ mode: LockMode, actor: String) -> Bool {
        let s = state(l)
        switch mode {
        case .exclusive: return s.isFree
        case .shared: return s.exclusive == nil
        }
    }

    func take(_ l: LockName, _ mode: LockMode, actor: String) {
        var s = state(l)
        switch mode {
        case .exclusive: s.exclusive = actor
        case .shared: s.shared[actor, default: 0] += 1
        }
        states[l] = s
        held[actor, default: []].append((l, mode))
    }

    /// Releases the most recent hold of `l` by `actor`; false when it held none.
    @discardableResult
    func release(_ l: LockName, actor: String) -> Bool {
        guard var list = held[actor], let i = list.lastIndex(where: { $0.0 == l }) else { return false }
        let mode = list[i].1
        list.remove(at: i)
        held[actor] = list.isEmpty ? nil : list
        var s = state(l)
        switch mode {
        case .exclusive: s.exclusive = nil
        case .shared:
            let n = (s.shared[actor] ?? 1) - 1
            s.shared[actor] = n > 0 ? n : nil
        }
        states[l] = s.isFree ? nil : s
        return true
    }

    func holds(_ actor: String, _ l: LockName) -> Bool { held[actor]?.contains { $0.0 == l } ?? false }

    /// The actors that hold `l` in a mode that conflicts with `mode`.
    func blockers(of l: LockName, _ mode: LockMode) -> [String] {
        let s = state(l)
        switch mode {
        case .exclusive: return s.holders()
        case .shared: return s.exclusive.map { [$0] } ?? []
        }
    }

    /// True when `actor` waiting for `l` closes a wait cycle (it, or an actor waiting on it, holds `l`).
    func wouldDeadlock(_ actor: String, _ l: LockName, _ mode: LockMode) -> Bool {
        var seen: Set<String> = []
        var frontier = blockers(of: l, mode)
        while let b = frontier.popLast() {
            if b == actor { return true }
            guard seen.insert(b).inserted, let w = waiting[b] else { continue }
            frontier.append(contentsOf: blockers(of: w, .exclusive).filter { !seen.contains($0) })
        }
        return false
    }
}

// MARK: - Locking primitives (the engine's lock calls)

extension Machine {
    /// Takes `l` for the running actor, blocking (handing control back to the scheduler) while it is held.
    ///
    /// Returns 0, or `-EDEADLK` when waiting could never end (the actor, or an actor waiting on it, holds `l`; or the
    /// synchronous harness would have to wait): a `deadlock` violation is recorded and the operation fails.
    /// Taking `l` out of the documented order records `lock-order` (checked when the lock is actually taken, so
    /// an acquisition that deadlocks reports only `deadlock`, as lockdep reports recursive locking).
    func lock(_ l: LockName, _ mode: LockMode = .exclusive) -> Int {
        let actor = currentActor
        while !locks.canTake(l, mode, actor: actor) {
            let holders = locks.blockers(of: l, mode)
            if locks.wouldDeadlock(actor, l, mode) || !canBlock {
                let why = canBlock ? "waits for \(l) held by \(holders.joined(separator: ","))"
                                   : "harness would wait for \(l) held by \(holders.joined(separator: ","))"
                markDeadlock(l, detail: why)
                return -Errno.EDEADLK
            }
            record(.blocked, l.description, detail: "held by \(holders.joined(separator: ","))")
            locks.waiting[actor] = l
            blockAndYield(on: l)
            locks.waiting[actor] = nil
            if cancelled {
                return -Errno.EDEADLK
            }
        }
        checkLockOrder(l, actor: actor)
        locks.take(l, mode, actor: actor)
        record(.lock, l.description, detail: mode.rawValue)
        checkInvariants(at: "lock \(l)")
        return 0
    }

    /// Releases `l` held by the running actor.
    func unlock(_ l: LockName) {
        let actor = currentActor
        if locks.release(l, actor: actor) {
            record(.unlock, l.description)
        }
        checkInvariants(at: "unlock \(l)")
    }

    /// `folio_lock`: sleeps until the folio lock is ours (0), or `-EDEADLK`.
    func folio_lock(_ folio: Folio) -> Int {
        let r = lock(.folio(folio.pos))
        if r == 0 { folio.lockOwner = currentActor }
        return r
    }

    /// `folio_trylock`: takes the folio lock only when it is free.
    func folio_trylock(_ folio: Folio) -> Bool {
        guard folio.lockOwner == nil, locks.canTake(.folio(folio.pos), .exclusive, actor: currentActor) else { return false }
        return folio_lock(folio) == 0
    }

    /// `folio_unlock`.
    func folio_unlock(_ folio: Folio) {
        unlock(.folio(folio.pos))
        if folio.lockOwner == currentActor && !locks.holds(currentActor, .folio(folio.pos)) { folio.lockOwner = nil }
    }

    /// `filemap_invalidate_lock` (exclusive) / `filemap_invalidate_lock_shared`.
    func filemap_invalidate_lock(_ mode: LockMode = .exclusive) -> Int { lock(.invalidate_lock, mode) }
    /// `filemap_invalidate_unlock` / `filemap_invalidate_unlock_shared`.
    func filemap_invalidate_unlock() { unlock(.invalidate_lock) }

    /// `xfs_ilock(ip, XFS_ILOCK_EXCL/SHARED)`.
    func xfs_ilock(_ mode: LockMode = .exclusive) -> Int { lock(.ILOCK, mode) }
    /// `xfs_iunlock(ip, XFS_ILOCK_*)`.
    func xfs_iunlock() { unlock(.ILOCK) }

    /// Records `lock-order` when the running actor holds a lock that must come after `l`.
    /// Spec: (spec: overview), (spec: mkwrite-ops-split/lock-order), (spec: seek-data-scanning/lock-order)
    func checkLockOrder(_ l: LockName, actor: String) {
        guard let list = locks.held[actor] else { return }
        for (h, _) in list {
            var bad = h.rank > l.rank
            if case let .folio(hp) = h, case let .folio(lp) = l, hp >= lp { bad = true }
            if bad {
                violation("lock-order", at: "take \(l)", detail: "\(actor) takes \(l) while holding \(h)")
                return
            }
        }
    }

    /// Records a `deadlock` violation for the running actor and marks its operation as failing with -EDEADLK.
    func markDeadlock(_ l: LockName, detail: String) {
        violation("deadlock", at: "take \(l)", detail: "\(currentActor) \(detail)")
        deadlockedActors.insert(currentActor)
    }

    /// Releases every lock `actor` still holds, recording `lock-held-at-exit` for each.
    func releaseAllLocks(of actor: String, reason: String) {
        while let (l, _) = locks.held[actor]?.last {
            violation("lock-held-at-exit", at: reason, detail: "\(actor) still holds \(l)")
            locks.release(l, actor: actor)
            if case let .folio(pos) = l, let f = mapping.folio(containing: pos), f.lockOwner == actor { f.lockOwner = nil }
        }
    }
}
