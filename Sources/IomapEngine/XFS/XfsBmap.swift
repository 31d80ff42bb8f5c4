// MARK: - XfsBmapInode

/// What the extent edits need of an inode: its forks (`xfs_ifork_ptr`), the mount's free space and geometry.
///
/// `XfsInode` conforms; the bmap functions below are written against this seam so that they stay the storage half's.
/// Locking is the caller's: the kernel functions take `ILOCK_EXCL` inside; in the model the caller holds `ILOCK`
/// around each call through the runtime seam (these functions never block).
public protocol XfsBmapInode: AnyObject {
    var geometry: Geometry { get }
    /// The mount's free space and delalloc reservations (`mp->m_fdblocks`, the free space btrees).
    var allocator: BlockAllocator { get }
    /// `xfs_ifork_ptr(ip, whichfork)`.
    func fork(_ kind: ForkKind) -> InodeFork
}

// MARK: - xfs_bmap_punch_delalloc_range (fs/xfs/xfs_bmap_util.c)

/// `xfs_bmap_punch_delalloc_range` (6.2, byte range): removes the delalloc over a byte range.
///
/// The byte range form of 7348b322332d: removes the delalloc extents of the data fork over `[start_byte,
/// end_byte)` and gives their reservation back; every other extent is left untouched.
///
/// The range is widened to whole blocks: `start_fsb = XFS_B_TO_FSBT(start_byte)`, `end_fsb = XFS_B_TO_FSB(end_byte)`.
/// An empty range at 0 (`xfs_discard_folio` at pos 0) wraps and punches every delalloc extent of the fork, as 6.2.
/// Returns the number of blocks punched (the reservation returned).
/// Spec: (spec: byte-range-punching/move-to-iomap), (spec: byte-range-punching/punch-contract),
///   (spec: byte-range-punching/discard-folio-at-zero-section)
@discardableResult
// excerpt: xfs_bmap_punch_delalloc_range
public func xfs_bmap_punch_delalloc_range(_ ip: XfsBmapInode, _ start_byte: Int, _ end_byte: Int) -> Int {
    let g = ip.geometry
    let start_fsb = g.XFS_B_TO_FSBT(start_byte)
    var end_fsb = g.XFS_B_TO_FSB(end_byte)
    // xfs_iext_lookup_extent_before(&end_fsb) looks up `end_fsb - 1`. For end_fsb = 0 that wraps (xfs_fileoff_t is
    // unsigned), finds nothing, steps back to the fork's last extent and widens end_fsb to that extent's end.
    if end_fsb == 0, let last = ip.fork(.data).extents.last { end_fsb = last.endOff }
    guard end_fsb > start_fsb else { return 0 }
    return punchDelalloc(ip, start_fsb, end_fsb)
}
// excerpt-end

/// `xfs_bmap_punch_delalloc_range` before 7348b322332d: the same punch over a block range.
///
/// The same punch over `length` blocks from `start_fsb`
/// (callers did their own byte → block rounding). Returns the number of blocks punched.
/// Spec: (spec: byte-range-punching/move-to-iomap)
@discardableResult
// excerpt: xfs_bmap_punch_delalloc_range-fsb
public func xfs_bmap_punch_delalloc_range(_ ip: XfsBmapInode, start_fsb: Int, length: Int) -> Int {
    guard length > 0 else { return 0 }
    return punchDelalloc(ip, start_fsb, start_fsb + length)
}
// excerpt-end

/// The punch loop both forms share.
///
/// The loop both forms share: walk the data fork backwards from `end_fsb` (`xfs_iext_lookup_extent_before`), skip
/// every extent that is not delalloc, and `xfs_bmap_del_extent_delay` the trimmed delalloc pieces.
/// Spec: (spec: byte-range-punching/move-to-iomap), (spec: byte-range-punching/punch-skips-converted-blocks-section)
// excerpt: punch-delalloc-loop
func punchDelalloc(_ ip: XfsBmapInode, _ start_fsb: Int, _ end_fsb: Int) -> Int {
    let ifp = ip.fork(.data)
    var punched = 0
    for got in ifp.extents(overlapping: start_fsb, end_fsb).reversed() where got.isDelalloc {
        guard let del = got.trimmed(start_fsb, end_fsb) else { continue }
        xfs_bmap_del_extent_delay(ip, ifp, del)
        punched += del.blockCount
    }
    return punched
}
// excerpt-end

/// `xfs_bmap_del_extent_delay`: removes one delalloc piece and returns its reservation.
///
/// Removes the delalloc piece `del` (inside one delalloc extent) from the fork and
/// returns its reservation to free space (`xfs_add_fdblocks`). Indirect-block reservations are not modelled.
func xfs_bmap_del_extent_delay(_ ip: XfsBmapInode, _ ifp: InodeFork, _ del: Extent) {
    precondition(del.isDelalloc)
    ifp.replaceRange(del.startOff, del.blockCount, with: nil)
    ip.allocator.unreserve(del.blockCount)
}

// MARK: - Delalloc conversion (fs/xfs/libxfs/xfs_bmap.c)

/// `xfs_bmapi_convert_delalloc`: allocates real blocks for the delalloc extent backing `offset_fsb`.
///
/// Allocates real blocks for the delalloc extent backing `offset_fsb` and returns the
/// extent that now maps it.
///
/// As `xfs_bmapi_convert_one_delalloc`, each round converts from the start of the delalloc extent (not from
/// `offset_fsb`) as much as one contiguous free extent allows (first fit), looping until `offset_fsb` is mapped.
/// New extents are created **unwritten** in both forks: `bma.flags = XFS_BMAPI_PREALLOC` ("New data fork extents must
/// be mapped in as unwritten and converted to real extents after the write succeeds to avoid exposing stale disk
/// contents if we crash", fs/xfs/libxfs/xfs_bmap.c, since Linux 5.6); `xfs_end_ioend` → `xfs_iomap_write_unwritten`
/// converts them after the IO. A real extent already there (a racing conversion) is returned as is. `-EAGAIN` when no
/// extent backs `offset_fsb` (the kernel's answer for a COW extent moved away meanwhile).
@discardableResult
// excerpt: xfs_bmapi_convert_delalloc
public func xfs_bmapi_convert_delalloc(_ ip: XfsBmapInode, _ whichfork: ForkKind, _ offset_fsb: Int) throws(Errno) -> Extent {
    let ifp = ip.fork(whichfork)
    while true {
        guard let got = ifp.lookup(offset_fsb) else { throw Errno.EAGAIN }
        if !got.isDelalloc { return got }
        let piece = try ip.allocator.allocateContiguous(got.blockCount)
        let new = Extent(startOff: got.startOff, blockCount: piece.count, startBlock: piece.startBlock, state: .unwritten)
        ifp.replaceRange(new.startOff, new.blockCount, with: new)
    }
}
// excerpt-end

// MARK: - Unwritten conversion at IO completion (fs/xfs/xfs_iomap.c)

/// `xfs_iomap_write_unwritten`: converts the unwritten extents under a completed write to written.
///
/// After a write IO completed, converts the unwritten extents over the byte range
/// `[offset, offset+count)` to written (`xfs_bmapi_write(XFS_BMAPI_CONVERT)`); holes, delalloc and written extents
/// are untouched. Range widened to whole blocks. The on-disk i_size update it also does is not modelled.
public func xfs_iomap_write_unwritten(_ ip: XfsBmapInode, _ offset: Int, _ count: Int) {
    guard count > 0 else { return }
    let g = ip.geometry
    let offset_fsb = g.XFS_B_TO_FSBT(offset)
    let end_fsb = g.XFS_B_TO_FSB(offset + count)
    let ifp = ip.fork(.data)
    for e in ifp.extents(overlapping: offset_fsb, end_fsb) where e.state == .unwritten {
        guard var conv = e.trimmed(offset_fsb, end_fsb) else { continue }
        conv.state = .written
        ifp.replaceRange(conv.startOff, conv.blockCount, with: conv)
    }
}

// MARK: - Unmapping (fs/xfs/libxfs/xfs_bmap.c)

/// `xfs_bunmapi`: unmaps file blocks of a fork whatever their state.
///
/// `xfs_bunmapi` (with `xfs_bmap_del_extent_real` / `xfs_bmap_del_extent_delay`): unmaps file blocks
/// `[bno, bno+len)` of `whichfork` whatever their state; real blocks go back to free space, delalloc reservations are
/// returned. Returns the number of blocks unmapped.
@discardableResult
public func xfs_bunmapi(_ ip: XfsBmapInode, _ whichfork: ForkKind, _ bno: Int, _ len: Int) -> Int {
    guard len > 0 else { return 0 }
    let ifp = ip.fork(whichfork)
    var n = 0
    for got in ifp.extents(overlapping: bno, bno + len).reversed() {
        guard let del = got.trimmed(bno, bno + len) else { continue }
        ifp.replaceRange(del.startOff, del.blockCount, with: nil)
        if let sb = del.startBlock {
            ip.allocator.free(startBlock: sb, count: del.blockCount)
        } else {
            ip.allocator.unreserve(del.blockCount)
        }
        n += del.blockCount
    }
    return n
}

// MARK: - Preallocation (fs/xfs/xfs_bmap_util.c xfs_alloc_file_space)

/// `xfs_bmapi_write(XFS_BMAPI_PREALLOC)`: maps a block range with unwritten extents.
///
/// `xfs_alloc_file_space` → `xfs_bmapi_write(XFS_BMAPI_PREALLOC)`: maps file blocks `[start_fsb, start_fsb+count)`
/// with unwritten extents. Holes get new blocks from free space (first fit); a delalloc extent overlapping the range is
/// converted whole from its reservation (`xfs_bmapi_allocate` with `wasdel`), also unwritten; unwritten and written
/// extents are left alone. `-ENOSPC` before any change when the holes need more blocks than are free (the
/// transaction's block reservation fails first).
public func xfs_bmapi_write_prealloc(_ ip: XfsBmapInode, _ start_fsb: Int, _ count: Int) throws(Errno) {
    guard count > 0 else { return }
    let ifp = ip.fork(.data)
    let end_fsb = start_fsb + count
    // Holes in the range, computed before any change.
    var holes: [(Int, Int)] = []
    var cursor = start_fsb
    for e in ifp.extents(overlapping: start_fsb, end_fsb) {
        if e.startOff > cursor { holes.append((cursor, e.startOff - cursor)) }
        cursor = max(cursor, e.endOff)
    }
    if cursor < end_fsb { holes.append((cursor, end_fsb - cursor)) }
    let need = holes.reduce(0) { $0 + $1.1 }
    guard ip.allocator.freeBlocks >= need else { throw Errno.ENOSPC }
    // Delalloc extents in the range: convert whole, as delalloc conversion does.
    for e in ifp.extents(overlapping: start_fsb, end_fsb) where e.isDelalloc {
        var off = e.startOff
        while off < e.endOff {
            let got = try xfs_bmapi_convert_delalloc(ip, .data, off)
            off = got.endOff
        }
    }
    for (off, len) in holes {
        var o = off
        for piece in try ip.allocator.allocate(len, from: false) {
            let new = Extent(startOff: o, blockCount: piece.count, startBlock: piece.startBlock, state: .unwritten)
            ifp.replaceRange(o, piece.count, with: new)
            o += piece.count
        }
    }
}
