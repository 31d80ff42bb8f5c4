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

/// Who holds which lock; the blocking, order and deadlock rules live in the runtime seam (`KernelRuntime.lock`).
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

// MARK: - State capture (explorer)

extension Locks {
    /// Model only: makes this lock table `other`'s.
    func copyState(from other: Locks) {
        states = other.states
        held = other.held
        waiting = other.waiting
    }
}
