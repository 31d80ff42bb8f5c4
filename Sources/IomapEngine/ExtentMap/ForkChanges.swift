// MARK: - ForkChanges

/// Model only: what the `xfs_iext_*` primitives of one fork changed since the invariants last looked.
///
/// The block ranges whose mapping was removed or rewritten (where a dirty block may have lost its backing) and
/// whether an edited record may break `extent-order`; the incremental invariant check
/// (Runtime/InvariantsIncremental.swift) takes them after each micro-step. Not recording: no ranges are kept.
/// Spec: (spec: overview/fidelity)
struct ForkChanges {
    /// Whether ranges are kept (the incremental check is on).
    var isRecording = true
    /// File block ranges `[start, end)` of records removed or rewritten.
    private(set) var ranges: [(start: Int, end: Int)] = []
    /// An edited record is empty or overlaps a neighbour: the next check scans the whole fork.
    var orderSuspect = false

    /// Notes that `old`'s blocks were unmapped or remapped.
    mutating func note(_ old: Extent) {
        if isRecording { ranges.append((old.startOff, max(old.endOff, old.startOff + 1))) }
    }

    /// Checks the records around index `i` just edited: non-empty and ordered against their neighbours.
    mutating func checkOrder(_ extents: [Extent], around i: Int) {
        guard !extents.isEmpty else { return }
        let lo = max(0, i - 1), hi = min(extents.count - 1, i + 1)
        guard lo <= hi else { return }
        for j in lo...hi {
            if extents[j].blockCount <= 0 || (j > 0 && extents[j - 1].endOff > extents[j].startOff) { orderSuspect = true }
        }
    }

    /// The ranges noted since the last call.
    mutating func takeRanges() -> [(start: Int, end: Int)] {
        let taken = ranges
        ranges = []
        return taken
    }
}
