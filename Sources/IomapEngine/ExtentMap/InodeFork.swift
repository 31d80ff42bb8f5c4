// MARK: - InodeFork

/// An incore extent list of one fork (`struct xfs_ifork`, fs/xfs/libxfs/xfs_iext_tree.c), with its sequence counter.
///
/// `seq` is `if_seq`: every `xfs_iext_insert`, `xfs_iext_remove` and `xfs_iext_update_extent` bumps it by one, exactly
/// as the kernel does; the validity cookie (`xfs_iomap_inode_sequence`) samples it.
public final class InodeFork {
    public let kind: ForkKind
    /// Sorted by `startOff`, non-overlapping, non-empty.
    public private(set) var extents: [Extent] = []
    /// `if_seq` (settable inside the module only so tests can make it go backwards).
    public internal(set) var seq: UInt32 = 0
    /// Delalloc blocks in the fork, kept by the primitives (what the reservation must equal).
    public private(set) var delallocBlocks = 0
    /// Model only: what the primitives changed since the invariants last looked.
    var changes = ForkChanges()

    public init(kind: ForkKind) { self.kind = kind }

    // MARK: Lookup (xfs_iext_lookup_extent)

    /// Position of the first extent ending after `fsb` (binary search).
    func firstIndex(endingAfter fsb: Int) -> Int {
        extents.partitionPoint { $0.endOff > fsb }
    }

    /// The extent containing file block `fsb`, nil over a hole.
    public func lookup(_ fsb: Int) -> Extent? {
        let i = firstIndex(endingAfter: fsb)
        guard i < extents.count, extents[i].startOff <= fsb else { return nil }
        return extents[i]
    }

    /// The first extent starting at or after `fsb`.
    public func next(after fsb: Int) -> Extent? {
        var i = firstIndex(endingAfter: fsb)
        if i < extents.count, extents[i].startOff < fsb { i += 1 }
        return i < extents.count ? extents[i] : nil
    }

    /// `xfs_iext_lookup_extent`: the extent containing `fsb`, else the next one after it ("got"), nil past the last.
    public func lookupExtent(_ fsb: Int) -> Extent? {
        let i = firstIndex(endingAfter: fsb)
        return i < extents.count ? extents[i] : nil
    }

    /// The extents overlapping file blocks `[from, to)`, unclipped.
    public func extents(overlapping from: Int, _ to: Int) -> [Extent] {
        var out: [Extent] = []
        var i = firstIndex(endingAfter: from)
        while i < extents.count, extents[i].startOff < to { out.append(extents[i]); i += 1 }
        return out
    }

    /// Delalloc blocks counted over the extent list (the full invariant sweep checks `delallocBlocks` against it).
    public func countDelallocBlocks() -> Int { extents.filter(\.isDelalloc).reduce(0) { $0 + $1.blockCount } }

    // MARK: Sequence counter (xfs_iext_inc_seq)

    /// Chapter 8's counterfactuals: while set, edits leave `if_seq` alone (the caller counts them, or nobody does).
    public var uncounted = false

    /// `xfs_iext_inc_seq`: `WRITE_ONCE(if_seq, READ_ONCE(if_seq) + 1)`, one step because the caller holds ILOCK_EXCL.
    /// Spec: (spec: cookie-counters/xfs-rules)
    // excerpt: xfs_iext_inc_seq
    func xfs_iext_inc_seq() {
        if !uncounted { seq &+= 1 }
    }
    // excerpt-end

    /// `WRITE_ONCE(if_seq, value)`: the store of an increment split from its load (counterfactual, chapter 8).
    public func storeSeq(_ value: UInt32) { seq = value }

    // MARK: Primitives (each bumps if_seq by one)

    /// `xfs_iext_insert`: adds an extent that overlaps none.
    public func xfs_iext_insert(_ e: Extent) {
        let i = firstIndex(endingAfter: e.startOff)
        precondition(i == extents.count || extents[i].startOff >= e.endOff, "insert \(e) overlaps \(extents[i])")
        extents.insert(e, at: i)
        xfs_iext_inc_seq()
        if e.isDelalloc { delallocBlocks += e.blockCount }
        changes.checkOrder(extents, around: i)
    }

    /// `xfs_iext_remove`: removes the extent starting at `startOff`.
    public func xfs_iext_remove(startOff: Int) {
        let i = firstIndex(endingAfter: startOff)
        guard i < extents.count, extents[i].startOff == startOff else {
            preconditionFailure("no extent at \(startOff) to remove")
        }
        let old = extents.remove(at: i)
        xfs_iext_inc_seq()
        if old.isDelalloc { delallocBlocks -= old.blockCount }
        changes.note(old)
        changes.checkOrder(extents, around: i)
    }

    /// `xfs_iext_update_extent`: replaces record `old` with `new` (which must still fit between its neighbours).
    public func xfs_iext_update_extent(_ old: Extent, _ new: Extent) {
        let i = firstIndex(endingAfter: old.startOff)
        guard i < extents.count, extents[i] == old else { preconditionFailure("no extent \(old) to update") }
        precondition(i == 0 || extents[i - 1].endOff <= new.startOff, "update \(new) overlaps left neighbour")
        precondition(i + 1 == extents.count || new.endOff <= extents[i + 1].startOff, "update \(new) overlaps right neighbour")
        extents[i] = new
        xfs_iext_inc_seq()
        if old.isDelalloc { delallocBlocks -= old.blockCount }
        if new.isDelalloc { delallocBlocks += new.blockCount }
        changes.note(old)
        changes.checkOrder(extents, around: i)
    }

    // MARK: Range edit built from the primitives

    /// Makes file blocks `[startOff, startOff+count)` map to `e` (nil: a hole), splitting, trimming and merging around it.
    ///
    /// Costs in `if_seq` follow the kernel's `xfs_bmap_add_extent_*` / `xfs_bmap_del_extent_*` cases: trimming an
    /// extent is one update, splitting one is an update plus an insert, dropping one is a remove; the new extent merges
    /// with a contiguous neighbour of the same state (update, plus a remove when it bridges two), or reuses the record
    /// of an extent it wholly replaces (update), else it is inserted.
    public func replaceRange(_ startOff: Int, _ count: Int, with e: Extent?) {
        precondition(count > 0, "replaceRange of \(count) blocks")
        let endOff = startOff + count
        if let e { precondition(e.startOff == startOff && e.blockCount == count, "\(e) does not match the range") }
        var reusable: Extent?  // a record wholly inside the range whose slot the new extent can take
        for old in extents(overlapping: startOff, endOff) {
            let left = old.trimmed(old.startOff, startOff)
            let right = old.trimmed(endOff, old.endOff)
            switch (left, right) {
            case let (l?, r?):
                xfs_iext_update_extent(old, l)
                xfs_iext_insert(r)
            case let (l?, nil):
                xfs_iext_update_extent(old, l)
            case let (nil, r?):
                xfs_iext_update_extent(old, r)
            case (nil, nil):
                if reusable == nil { reusable = old } else { xfs_iext_remove(startOff: old.startOff) }
            }
        }
        guard let e else {
            if let r = reusable { xfs_iext_remove(startOff: r.startOff) }
            return
        }
        let i = firstIndex(endingAfter: startOff)
        let leftN = i > 0 && extents[i - 1].canMerge(with: e) ? extents[i - 1] : nil
        let rightIdx = reusable != nil ? i + 1 : i
        let rightN = rightIdx < extents.count && e.canMerge(with: extents[rightIdx]) ? extents[rightIdx] : nil
        if leftN != nil || rightN != nil, let r = reusable {
            xfs_iext_remove(startOff: r.startOff)
        }
        switch (leftN, rightN) {
        case let (l?, r?):
            xfs_iext_remove(startOff: r.startOff)
            xfs_iext_update_extent(l, Extent(startOff: l.startOff, blockCount: l.blockCount + e.blockCount + r.blockCount,
                                             startBlock: l.startBlock, state: l.state))
        case let (l?, nil):
            xfs_iext_update_extent(l, Extent(startOff: l.startOff, blockCount: l.blockCount + e.blockCount,
                                             startBlock: l.startBlock, state: l.state))
        case let (nil, r?):
            xfs_iext_update_extent(r, Extent(startOff: e.startOff, blockCount: e.blockCount + r.blockCount,
                                             startBlock: e.startBlock, state: e.state))
        case (nil, nil):
            if let r = reusable { xfs_iext_update_extent(r, e) } else { xfs_iext_insert(e) }
        }
    }

    // MARK: Checks

    /// The `extent-order` invariant: nil when sorted, non-overlapping and non-empty, else what is wrong.
    public func orderViolation() -> String? {
        for (i, e) in extents.enumerated() {
            if e.blockCount <= 0 { return "\(kind) fork: empty extent \(e)" }
            if i > 0 && extents[i - 1].endOff > e.startOff { return "\(kind) fork: \(extents[i - 1]) overlaps \(e)" }
        }
        return nil
    }
}

// MARK: - State capture (explorer)

extension InodeFork {
    /// Model only: makes this fork's extents, sequence and pending changes those of `other`.
    func copyState(from other: InodeFork) {
        precondition(kind == other.kind, "forks of different kind")
        extents = other.extents
        seq = other.seq
        delallocBlocks = other.delallocBlocks
        changes = other.changes
        uncounted = other.uncounted
    }
}
