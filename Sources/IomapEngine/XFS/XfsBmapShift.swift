// MARK: - Shifting extents (fs/xfs/libxfs/xfs_bmap.c)

/// `xfs_bmse_can_merge`: whether `got`, shifted left by `shift` blocks, can be merged onto the end of `left`.
///
/// Contiguous in file offset after the shift and on disk, the same state, and no longer than
/// `XFS_MAX_BMBT_EXTLEN` together. Spec: (spec: byte-range-punching/collapse-insert)
func xfs_bmse_can_merge(_ left: Extent, _ got: Extent, _ shift: Int) -> Bool {
    guard let lsb = left.startBlock, let gsb = got.startBlock else { return false }
    return left.endOff == got.startOff - shift && lsb + left.blockCount == gsb && left.state == got.state
        && left.blockCount + got.blockCount <= XFS_MAX_BMBT_EXTLEN
}

/// `xfs_bmap_collapse_extents`: shifts the one extent at or after `next_fsb` left by `shift` blocks.
///
/// Looks up the extent at `*next_fsb` (`done` when there is none); a delalloc extent is `-EFSCORRUPTED`; a shift
/// that would overlap the previous extent (or go below block 0) is `-EINVAL`. The extent merges onto its left
/// neighbour when `xfs_bmse_can_merge` says so (`xfs_bmse_merge`: `xfs_iext_remove` + `xfs_iext_update_extent`),
/// else its record is moved (`xfs_bmap_shift_update_extent`: one `xfs_iext_update_extent`): each bumps `if_seq`.
/// `next_fsb` then names the next extent, or `done`. Caller holds ILOCK_EXCL. Spec: (spec: byte-range-punching/collapse-insert)
public func xfs_bmap_collapse_extents(_ ip: XfsBmapInode, _ next_fsb: inout Int, _ shift: Int, _ done: inout Bool) -> Int {
    let ifp = ip.fork(.data)
    let i = ifp.firstIndex(endingAfter: next_fsb)
    guard i < ifp.extents.count else { done = true; return 0 }
    let got = ifp.extents[i]
    if got.isDelalloc { return -Errno.EFSCORRUPTED }
    let new_startoff = got.startOff - shift
    var next: Int?   // the position of the extent after `got` once it is moved or merged
    if i > 0 {
        let prev = ifp.extents[i - 1]
        if new_startoff < prev.endOff { return -Errno.EINVAL }
        if xfs_bmse_can_merge(prev, got, shift) {
            // xfs_bmse_merge
            ifp.xfs_iext_remove(startOff: got.startOff)
            ifp.xfs_iext_update_extent(prev, Extent(startOff: prev.startOff, blockCount: prev.blockCount + got.blockCount,
                                                    startBlock: prev.startBlock, state: prev.state))
            next = i
        }
    } else if got.startOff < shift {
        return -Errno.EINVAL
    }
    if next == nil {
        // xfs_bmap_shift_update_extent
        ifp.xfs_iext_update_extent(got, Extent(startOff: new_startoff, blockCount: got.blockCount,
                                               startBlock: got.startBlock, state: got.state))
        next = i + 1
    }
    guard let n = next, n < ifp.extents.count else { done = true; return 0 }
    next_fsb = ifp.extents[n].startOff
    return 0
}

/// `xfs_bmap_insert_extents`: shifts the one extent at `next_fsb` (the last one on the first call) right by `shift`.
///
/// `next_fsb == nil` is `NULLFSBLOCK`: start from the last extent, `done` at once when it starts before `stop_fsb`.
/// A delalloc extent, or one starting before `stop_fsb`, is `-EFSCORRUPTED`; a shift that would overlap the next
/// extent is `-EINVAL`. A right shift never creates a mergeable pair, so the record is just moved
/// (`xfs_bmap_shift_update_extent`: one `xfs_iext_update_extent`, one `if_seq` bump). `done` once the previous
/// extent ends at or before `stop_fsb`. Caller holds ILOCK_EXCL. Spec: (spec: byte-range-punching/collapse-insert)
public func xfs_bmap_insert_extents(_ ip: XfsBmapInode, _ next_fsb: inout Int?, _ shift: Int, _ done: inout Bool,
                                    _ stop_fsb: Int) -> Int {
    let ifp = ip.fork(.data)
    let i: Int
    if let fsb = next_fsb {
        i = ifp.firstIndex(endingAfter: fsb)
        guard i < ifp.extents.count else { done = true; return 0 }
    } else {
        guard let last = ifp.extents.last, stop_fsb <= last.startOff else { done = true; return 0 }
        i = ifp.extents.count - 1
    }
    let got = ifp.extents[i]
    if got.isDelalloc || stop_fsb > got.startOff { return -Errno.EFSCORRUPTED }
    let new_startoff = got.startOff + shift
    if i + 1 < ifp.extents.count, new_startoff + got.blockCount > ifp.extents[i + 1].startOff { return -Errno.EINVAL }
    ifp.xfs_iext_update_extent(got, Extent(startOff: new_startoff, blockCount: got.blockCount,
                                           startBlock: got.startBlock, state: got.state))
    guard i > 0, stop_fsb < ifp.extents[i - 1].endOff else { done = true; return 0 }
    next_fsb = ifp.extents[i - 1].startOff
    return 0
}

/// `xfs_bmap_split_extent`: splits the extent straddling `split_fsb` into two records at that block.
///
/// Nothing when no extent starts before `split_fsb` and ends after it; otherwise `xfs_iext_update_extent` of the
/// left part and `xfs_iext_insert` of the right part (two `if_seq` bumps). Caller holds ILOCK_EXCL.
/// Spec: (spec: byte-range-punching/collapse-insert)
public func xfs_bmap_split_extent(_ ip: XfsBmapInode, _ split_fsb: Int) -> Int {
    let ifp = ip.fork(.data)
    guard let got = ifp.lookup(split_fsb), got.startOff < split_fsb else { return 0 }
    if got.isDelalloc { return -Errno.EFSCORRUPTED }
    ifp.xfs_iext_update_extent(got, got.trimmed(got.startOff, split_fsb)!)
    ifp.xfs_iext_insert(got.trimmed(split_fsb, got.endOff)!)
    return 0
}
