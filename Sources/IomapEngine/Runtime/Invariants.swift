// MARK: - Invariant

/// The invariants the machine checks after every micro-step.
///
/// Docs/design.md "Invariants"; the raw values are the names the scenario grammar's `violation=` uses.
/// Spec: (spec: overview/fidelity)
public enum Invariant: String, CaseIterable, Hashable, CustomStringConvertible {
    /// Every ghost-dirty block of a dirty folio below EOF is backed by delalloc, unwritten or written.
    case dirtyWithoutBacking = "dirty-without-backing"
    /// Each fork's extents are sorted, non-overlapping, non-empty.
    case extentOrder = "extent-order"
    /// Reserved blocks equal delalloc blocks over all forks.
    case reservationMismatch = "reservation-mismatch"
    /// No fork sequence counter ever decreases.
    case sequenceBackwards = "sequence-backwards"
    /// Locks are taken in the documented order.
    case lockOrder = "lock-order"
    /// No lock is held when an operation ends.
    case lockHeldAtExit = "lock-held-at-exit"
    /// Every ghost-dirty block of a dirty folio is uptodate.
    case dirtyNotUptodate = "dirty-not-uptodate"
    /// An actor waits for a lock it (or an actor waiting on it) holds, or the harness would have to wait.
    case deadlock = "deadlock"

    public var description: String { rawValue }
}

/// The invariant names, as the scenario grammar's `violation=` uses them (`Invariant` raw values, in order).
public enum InvariantName {
    public static var all: [String] { Invariant.allCases.map(\.rawValue) }
}

// MARK: - InvariantViolation

/// One broken invariant: which, what exactly, who, and where in the trace.
/// Spec: (spec: overview/fidelity)
public struct InvariantViolation: Hashable, CustomStringConvertible {
    public var invariant: Invariant
    public var detail: String
    /// The actor running when it was found ("-" for the harness).
    public var actor: String
    /// The micro-step where it was found (a pause point, `lock folio@0`, `end of pwrite`).
    public var location: String
    /// Index of the `violation` event in the trace.
    public var traceIndex: Int

    /// The invariant's name (`dirty-without-backing`...).
    public var name: String { invariant.rawValue }
    public var description: String { "\(name) [\(actor) at \(location), trace \(traceIndex)]: \(detail)" }
}

// MARK: - Full check

extension Machine {
    /// Checks every state invariant over the whole cache and extent map; true when any is violated.
    ///
    /// Each violation is recorded at `location` (once per invariant and location); lock rules are checked where
    /// locks are taken. The incremental check (InvariantsIncremental.swift) runs this whenever what a micro-step
    /// touched breaks a rule or the previous check found a violation, and the sweep runs it on demand.
    /// Spec: (spec: overview/fidelity), (spec: validity-cookies/fidelity-notes)
    @discardableResult
    func checkAllStateInvariants(at location: String) -> Bool {
        var found = false
        func violation(_ i: Invariant, _ detail: @autoclosure () -> String) {
            found = true
            state.violation(i, at: location, detail: detail())
        }
        // extent-order
        for k in ForkKind.all {
            if let why = ip.fork(k).orderViolation() { violation(.extentOrder, why) } else { ip.fork(k).changes.orderSuspect = false }
        }
        // sequence-backwards
        for k in ForkKind.all {
            let s = ip.fork(k).seq
            if let last = checker.lastSeq[k], s < last { violation(.sequenceBackwards, "\(k) fork seq \(last) → \(s)") }
            if (checker.lastSeq[k] ?? 0) < s || checker.lastSeq[k] == nil { checker.lastSeq[k] = s }
        }
        // reservation-mismatch, over the extent lists themselves (not the primitives' running counts)
        let delalloc = ForkKind.all.reduce(0) { $0 + ip.fork($1).countDelallocBlocks() }
        if delalloc != mount.allocator.reservedBlocks {
            violation(.reservationMismatch, "reserved \(mount.allocator.reservedBlocks) blocks, delalloc \(delalloc)")
        }
        // dirty folios: both rules read the ghost per-block state `Folio.dataDirty` (blocks that received data
        // since the folio was last cleaned), not 6.2's per-folio dirty flag, which cannot tell which blocks of a
        // large folio carry data that writeback must keep.
        for f in mapping.folios where f.dirty {
            checkDirtyFolio(f) { violation($0, $1()) }
        }
        return found
    }

    /// The two dirty-folio rules over one folio; `report` gets each broken rule with its detail, in block order.
    func checkDirtyFolio(_ f: Folio, _ report: (Invariant, () -> String) -> Void) {
        guard f.dirty else { return }
        let bs = geometry.blockSize
        for b in 0..<f.blocksPerFolio where f.dataDirty[b] {
            let pos = f.pos + b * bs
            // dirty-not-uptodate: every block holding new data is uptodate (writeback writes only those).
            if !f.uptodate[b] {
                report(.dirtyNotUptodate) { "dirty folio \(f.range): data at \(pos) is not uptodate" }
            }
            // dirty-without-backing: every block holding new data below EOF is backed by a delalloc, unwritten
            // or written extent in the data or cow fork, else writeback finds a hole and drops it.
            if pos < ip.i_size {
                let fsb = geometry.XFS_B_TO_FSBT(pos)
                if ip.i_df.lookup(fsb) == nil && ip.i_cowfp.lookup(fsb) == nil {
                    report(.dirtyWithoutBacking) { "dirty folio \(f.range): data at \(pos) has no delalloc/unwritten/written extent" }
                }
            }
        }
    }
}
