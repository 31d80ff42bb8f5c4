// MARK: - InvariantViolation

/// One broken invariant (Docs/design.md "Invariants"): which, what exactly, who, and where in the trace.
/// Spec: (spec: overview/fidelity)
public struct InvariantViolation: Hashable, CustomStringConvertible {
    /// `dirty-without-backing`, `extent-order`, `reservation-mismatch`, `sequence-backwards`, `lock-order`,
    /// `lock-held-at-exit`, `dirty-not-uptodate`, `deadlock`.
    public var name: String
    public var detail: String
    /// The actor running when it was found ("-" for the harness).
    public var actor: String
    /// The micro-step where it was found (a pause point, `lock folio@0`, `end of pwrite`).
    public var location: String
    /// Index of the `violation` event in the trace.
    public var traceIndex: Int

    public var description: String { "\(name) [\(actor) at \(location), trace \(traceIndex)]: \(detail)" }
}

/// The invariant names, as the scenario grammar's `violation=` uses them.
public enum InvariantName {
    public static let all = ["dirty-without-backing", "extent-order", "reservation-mismatch", "sequence-backwards",
                             "lock-order", "lock-held-at-exit", "dirty-not-uptodate", "deadlock"]
}

// MARK: - Checking

extension Machine {
    /// Records violation `name` once per (name, location).
    func violation(_ name: String, at location: String, detail: String) {
        let key = name + "\u{0}" + location
        guard violationKeys.insert(key).inserted else { return }
        let i = record(.violation, name, detail: detail)
        violationList.append(InvariantViolation(name: name, detail: detail, actor: currentActor, location: location,
                                                traceIndex: i))
    }

    /// Checks the state invariants after a micro-step (lock rules are checked where locks are taken).
    /// Spec: (spec: overview/fidelity), (spec: validity-cookies/fidelity-notes)
    func checkInvariants(at location: String) {
        guard invariantChecking else { return }
        // extent-order
        for k in ForkKind.allCases {
            if let why = ip.fork(k).orderViolation() { violation("extent-order", at: location, detail: why) }
        }
        // sequence-backwards
        for k in ForkKind.allCases {
            let s = ip.fork(k).seq
            if let last = lastSeq[k], s < last {
                violation("sequence-backwards", at: location, detail: "\(k) fork seq \(last) → \(s)")
            }
            if (lastSeq[k] ?? 0) < s || lastSeq[k] == nil { lastSeq[k] = s }
        }
        // reservation-mismatch
        let delalloc = ForkKind.allCases.reduce(0) { $0 + ip.fork($1).delallocBlocks }
        if delalloc != mount.allocator.reservedBlocks {
            violation("reservation-mismatch", at: location,
                      detail: "reserved \(mount.allocator.reservedBlocks) blocks, delalloc \(delalloc)")
        }
        // dirty folios: both rules read the ghost per-block state `Folio.dataDirty` (blocks that received data
        // since the folio was last cleaned), not 6.2's per-folio dirty flag, which cannot tell which blocks of a
        // large folio carry data that writeback must keep.
        let bs = geometry.blockSize
        for f in mapping.folios where f.dirty {
            for b in 0..<f.blocksPerFolio where f.dataDirty[b] {
                let pos = f.pos + b * bs
                // dirty-not-uptodate: every block holding new data is uptodate (writeback writes only those).
                if !f.uptodate[b] {
                    violation("dirty-not-uptodate", at: location,
                              detail: "dirty folio \(f.range): data at \(pos) is not uptodate")
                }
                // dirty-without-backing: every block holding new data below EOF is backed by a delalloc, unwritten
                // or written extent in the data or cow fork, else writeback finds a hole and drops it.
                if pos < ip.i_size {
                    let fsb = geometry.XFS_B_TO_FSBT(pos)
                    if ip.i_df.lookup(fsb) == nil && ip.i_cowfp.lookup(fsb) == nil {
                        violation("dirty-without-backing", at: location,
                                  detail: "dirty folio \(f.range): data at \(pos) has no delalloc/unwritten/written extent")
                    }
                }
            }
        }
    }
}
