// MARK: - Buffered write mapping (fs/xfs/xfs_iomap.c)

/// `XFS_MAX_BMBT_EXTLEN`: the longest extent record.
let XFS_MAX_BMBT_EXTLEN = (1 << 21) - 1

extension XfsInode {
    // MARK: Ops tables

    /// `xfs_buffered_write_iomap_ops`: `{ .iomap_begin = xfs_buffered_write_iomap_begin, .iomap_end = xfs_buffered_write_iomap_end }`.
    var xfs_buffered_write_iomap_ops: IomapOps {
        IomapOps(name: "xfs_buffered_write_iomap_ops",
                 iomap_begin: { inode, pos, len, flags, iomap, srcmap in
                     XFS_I(inode).xfs_buffered_write_iomap_begin(pos, len, flags, &iomap, &srcmap) },
                 iomap_end: { inode, pos, len, written, flags, iomap in
                     XFS_I(inode).xfs_buffered_write_iomap_end(pos, len, written, flags, &iomap) })
    }

    /// `xfs_page_mkwrite_iomap_ops` (118e021b4b66): the write mapping without `->iomap_end`.
    ///
    /// `{ .iomap_begin = xfs_buffered_write_iomap_begin }`, no
    /// `->iomap_end`: a page fault never needs the delalloc it reserved revoked.
    /// Spec: (spec: mkwrite-ops-split/fix)
    // excerpt: xfs_page_mkwrite_iomap_ops
    var xfs_page_mkwrite_iomap_ops: IomapOps {
        IomapOps(name: "xfs_page_mkwrite_iomap_ops",
                 iomap_begin: { inode, pos, len, flags, iomap, srcmap in
                     XFS_I(inode).xfs_buffered_write_iomap_begin(pos, len, flags, &iomap, &srcmap) })
    }
    // excerpt-end

    // MARK: iomap_begin

    /// `xfs_buffered_write_iomap_begin`: maps a range for a buffered write, reserving delalloc over holes.
    ///
    /// Maps `[offset, offset+count)` for a buffered write, reserving delalloc
    /// blocks (flagged `IOMAP_F_NEW`) over a hole, plus speculative preallocation when writing past EOF.
    ///
    /// Looks the range up under ILOCK_EXCL (`xfs_buffered_write_lookup`) and samples the validity cookie before
    /// `xfs_iunlock` (304a68b9c63b); with `cookie-under-ilock` off, after it (the `iunlock` pause point between).
    /// Spec: (spec: mkwrite-ops-split/no-cleanup-needed), (spec: invalidate-locking/lock-safety),
    ///   (spec: cookie-counters/sample-after-unlock-section)
    func xfs_buffered_write_iomap_begin(_ offset: Int, _ count: Int, _ flags: IomapIterFlags,
                                        _ iomap: inout Iomap, _ srcmap: inout Iomap) -> Int {
        traceCall("xfs_buffered_write_iomap_begin", pos: offset)
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        let imap: Extent?, holeStart: Int, holeCount: Int, iomap_flags: IomapFlags
        switch xfs_buffered_write_lookup(offset, count, flags) {
        case let .error(error):
            xfs_iunlock()
            return error
        case let .mapping(e, start, n, f):
            (imap, holeStart, holeCount, iomap_flags) = (e, start, n, f)
        }
        // excerpt: xfs_buffered_write_iomap_begin-sample
        if patches.contains(.cookieUnderIlock) {
            let seq = xfs_iomap_inode_sequence(iomap_flags)   // under the ILOCK the lookup held (304a68b9c63b)
            xfs_iunlock()
            pause(.iunlock, pos: offset)
            xfs_bmbt_to_iomap(&iomap, imap, holeStart: holeStart, holeCount: holeCount, flags: iomap_flags, seq: seq)
        } else {
            xfs_iunlock()                                     // counterfactual: the lock is gone before the sample
            pause(.iunlock, pos: offset)
            let seq = xfs_iomap_inode_sequence(iomap_flags)
            xfs_bmbt_to_iomap(&iomap, imap, holeStart: holeStart, holeCount: holeCount, flags: iomap_flags, seq: seq)
        }
        // excerpt-end
        return 0
    }

    /// What the ILOCK-held part of `xfs_buffered_write_iomap_begin` found: the extent (or hole) to map, or an error.
    enum WriteLookup {
        case mapping(Extent?, holeStart: Int, holeCount: Int, flags: IomapFlags)
        case error(Int)
    }

    /// The part of `xfs_buffered_write_iomap_begin` under ILOCK_EXCL: look the extent up, reserve delalloc over a hole.
    ///
    /// An existing extent (delalloc, unwritten or written) is returned whole without `IOMAP_F_NEW`. Zeroing never
    /// allocates over a hole. Over a hole, reserves delalloc (plus speculative preallocation at EOF), flagged
    /// `IOMAP_F_NEW`. The model has no reflink, so the COW fork search is not modelled.
    func xfs_buffered_write_lookup(_ offset: Int, _ count: Int, _ flags: IomapIterFlags) -> WriteLookup {
        let g = geometry
        let offset_fsb = g.XFS_B_TO_FSBT(offset)
        var count = count
        var end_fsb = g.XFS_B_TO_FSB(offset + count)

        let got = ip.i_df.lookupExtent(offset_fsb)
        let eof = got == nil
        let imapStart = got?.startOff ?? end_fsb   // fake hole until the end

        // We never need to allocate blocks for zeroing or unsharing a hole.
        if !flags.intersection([.IOMAP_UNSHARE, .IOMAP_ZERO]).isEmpty && imapStart > offset_fsb {
            return .mapping(nil, holeStart: offset_fsb, holeCount: imapStart - offset_fsb, flags: [])
        }
        if let e = got, e.startOff <= offset_fsb {
            return .mapping(e, holeStart: 0, holeCount: 0, flags: [])   // found_imap
        }

        // Cap the delalloc allocation to this maximum mapping size.
        count = min(count, 1024 * g.pageSize)
        end_fsb = g.XFS_B_TO_FSB(offset + count)
        var prealloc_blocks = 0
        if eof && offset + count > ip.i_size {
            prealloc_blocks = xfs_iomap_prealloc_size(offset_fsb)
            if prealloc_blocks > 0 {
                // XFS_ALLOC_ALIGN(mp, offset + count - 1), then + prealloc, clipped; what lies past end_fsb.
                let end_offset = roundDown(offset + count - 1, allocsizeBytes)
                let p_end_fsb = g.XFS_B_TO_FSBT(end_offset) + prealloc_blocks
                prealloc_blocks = max(0, p_end_fsb - end_fsb)
            }
        }
        var imap = Extent.delalloc(offset_fsb, 1)
        while true {
            let error = xfs_bmapi_reserve_delalloc(offset_fsb, end_fsb - offset_fsb, prealloc_blocks, next: got, &imap)
            if error == 0 { break }
            if error == -Errno.ENOSPC && prealloc_blocks > 0 {
                prealloc_blocks = 0   // retry without any preallocation
                continue
            }
            return .error(error)
        }
        // Tag the inode as speculatively preallocated so we can reclaim this space on demand, if necessary.
        if prealloc_blocks > 0 { ip.i_flags.insert(.XFS_IEOFBLOCKS) }
        // Flag newly allocated delalloc blocks with IOMAP_F_NEW so we punch them out if the write happens to fail.
        return .mapping(imap, holeStart: 0, holeCount: 0, flags: .IOMAP_F_NEW)
    }

    /// `m_allocsize_blocks` in bytes: the default speculative preallocation granularity (64 KiB, at least a block).
    var allocsizeBytes: Int { max(64 * 1024, geometry.blockSize) }

    /// `xfs_iomap_prealloc_size`, simplified and deterministic: how many blocks to reserve past the write at EOF.
    ///
    /// No preallocation while the file is smaller than `m_allocsize` (64 KiB). Otherwise twice the preceding
    /// contiguous extent (or `m_allocsize` after a hole), rounded down to a power of two, shrunk by 16× while it
    /// does not fit in free space, at least `m_allocsize`. Not modelled: stripe alignment, quota and the 5%/4%/…
    /// low-space throttles.
    func xfs_iomap_prealloc_size(_ offset_fsb: Int) -> Int {
        let g = geometry
        let allocsize_blocks = max(1, allocsizeBytes / g.blockSize)
        if ip.i_size < allocsizeBytes { return 0 }
        guard offset_fsb > 0, let prev = ip.i_df.lookup(offset_fsb - 1), prev.endOff == offset_fsb else {
            return allocsize_blocks
        }
        var plen = prev.blockCount
        var cur = prev
        while let p = cur.startOff > 0 ? ip.i_df.lookup(cur.startOff - 1) : nil {
            if plen > XFS_MAX_BMBT_EXTLEN / 2 || p.state == .delalloc || p.endOff != cur.startOff
                || p.startBlock.map({ $0 + p.blockCount }) != cur.startBlock { break }
            plen += p.blockCount
            cur = p
        }
        var alloc_blocks = plen * 2
        if alloc_blocks > XFS_MAX_BMBT_EXTLEN { alloc_blocks = g.XFS_B_TO_FSB(g.XFS_FSB_TO_B(offset_fsb)) }
        if alloc_blocks > 0 { alloc_blocks = largestPowerOfTwo(atMost: alloc_blocks) }
        alloc_blocks = min(alloc_blocks, XFS_MAX_BMBT_EXTLEN)
        let freesp = i_mount.allocator.freeBlocks
        while alloc_blocks > 0 && alloc_blocks >= freesp { alloc_blocks >>= 4 }
        return max(alloc_blocks, allocsize_blocks)
    }

    /// `xfs_bmapi_reserve_delalloc`: reserves blocks from `off` as one delalloc extent.
    ///
    /// Reserves `len` (+ `prealloc`) blocks from `off` as one delalloc extent,
    /// trimmed so it ends before the next extent `next`; 0 or `-ENOSPC`. Caller holds ILOCK.
    ///
    /// `got` receives the new reservation itself: `xfs_bmap_add_extent_hole_delay` may merge it with delalloc
    /// neighbours in the fork, but does not hand the merged record back, so the iomap (and its `IOMAP_F_NEW`
    /// punch range) covers only the blocks this call reserved.
    /// Spec: (spec: seek-data-scanning/dirty-folio-keeps-zero-blocks-section)
    func xfs_bmapi_reserve_delalloc(_ off: Int, _ len: Int, _ prealloc: Int, next: Extent?, _ got: inout Extent) -> Int {
        traceCall("xfs_bmapi_reserve_delalloc", pos: geometry.XFS_FSB_TO_B(off))
        var alen = min(len + prealloc, XFS_MAX_BMBT_EXTLEN)
        if let n = next { alen = min(alen, n.startOff - off) }
        precondition(alen > 0, "reserve_delalloc of \(alen) blocks at \(off)")
        do {
            try i_mount.allocator.reserve(alen)
        } catch {
            return -Int(error.rawValue)
        }
        got = .delalloc(off, alen)
        ip.i_df.replaceRange(off, alen, with: got)
        return 0
    }

    // MARK: iomap_end

    /// `xfs_buffered_write_iomap_end`: after a short write, punches the delalloc this write reserved but did not use.
    ///
    /// byte-range-punch on (6.2): hands over to `iomap_file_buffered_write_punch_delalloc` with
    /// `xfs_buffered_write_delalloc_punch`; off: the pre-series code computing the range in filesystem blocks here.
    /// errortag-removal off: the drop_writes errortag forces `written = 0` and `IOMAP_F_NEW`.
    /// Spec: (spec: mkwrite-ops-split/engine-code), (spec: byte-range-punching/move-to-iomap),
    ///   (spec: errortag-removal/removal)
    func xfs_buffered_write_iomap_end(_ offset: Int, _ length: Int, _ written: Int, _ flags: IomapIterFlags,
                                      _ iomap: inout Iomap) -> Int {
        traceCall("xfs_buffered_write_iomap_end", pos: offset)
        // excerpt: xfs_buffered_write_iomap_end
        var written = written
        let g = geometry
        if patches.contains(.byteRangePunch) {
            if !patches.contains(.errortagRemoval) && xfs_errortag_test(XFS_ERRTAG_DROP_WRITES) {
                iomap.flags.insert(.IOMAP_F_NEW)
                written = 0
            }
            let error = iomap_file_buffered_write_punch_delalloc(iomap, offset, length, written,
                                                                 { inode, off, len in XFS_I(inode).xfs_buffered_write_delalloc_punch(off, len) })
            return error
        }
        if iomap.type != .IOMAP_DELALLOC { return 0 }
        // Behave as if the write failed if drop writes is enabled. Set the NEW flag to force delalloc cleanup.
        if !patches.contains(.errortagRemoval) && xfs_errortag_test(XFS_ERRTAG_DROP_WRITES) {
            iomap.flags.insert(.IOMAP_F_NEW)
            written = 0
        }
        // If we didn't reserve the blocks, we're not allowed to punch them.
        if !iomap.flags.contains(.IOMAP_F_NEW) { return 0 }
        let (start_fsb, end_fsb) = XfsInode.write_punch_range_fsb(offset, length, written, g)
        // Nothing to do if we've written the entire delalloc extent
        if start_fsb >= end_fsb { return 0 }
        return delalloc_cleanup(g.XFS_FSB_TO_B(start_fsb), g.XFS_FSB_TO_B(end_fsb), { inode, off, len in
            let s = inode.geometry.XFS_B_TO_FSBT(off)
            return XFS_I(inode).xfs_bmap_punch_delalloc_range_fsb(s, inode.geometry.XFS_B_TO_FSB(off + len) - s)
        })
        // excerpt-end
    }

    /// The pre-b71f889c18ad cleanup range in filesystem blocks.
    ///
    /// `start_fsb = XFS_B_TO_FSB(offset + written)` (`XFS_B_TO_FSBT(offset)` when nothing was written), `end_fsb =
    /// XFS_B_TO_FSB(offset + length)`. The `write-punch-range-fsb` parameter table checks this very function.
    /// Spec: (spec: byte-range-punching/arithmetic)
    public static func write_punch_range_fsb(_ offset: Int, _ length: Int, _ written: Int, _ g: Geometry)
        -> (start_fsb: Int, end_fsb: Int)
    {
        let start_fsb = written == 0 ? g.XFS_B_TO_FSBT(offset) : g.XFS_B_TO_FSB(offset + written)
        return (start_fsb, g.XFS_B_TO_FSB(offset + length))
    }

    // MARK: Punch callbacks

    /// `xfs_buffered_write_delalloc_punch`: the punch callback: `xfs_bmap_punch_delalloc_range` over the byte range.
    /// Spec: (spec: byte-range-punching/punch-contract)
    func xfs_buffered_write_delalloc_punch(_ offset: Int, _ length: Int) -> Int {
        traceCall("xfs_buffered_write_delalloc_punch", pos: offset)
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        traceCall("xfs_bmap_punch_delalloc_range", pos: offset)
        xfs_bmap_punch_delalloc_range(ip, offset, offset + length)
        xfs_iunlock()
        return 0
    }

    /// `xfs_bmap_punch_delalloc_range(ip, start_fsb, length)`: the pre-7348b322332d block form, under ILOCK.
    /// Spec: (spec: byte-range-punching/move-to-iomap)
    func xfs_bmap_punch_delalloc_range_fsb(_ start_fsb: Int, _ length: Int) -> Int {
        traceCall("xfs_bmap_punch_delalloc_range", pos: geometry.XFS_FSB_TO_B(start_fsb))
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        xfs_bmap_punch_delalloc_range(ip, start_fsb: start_fsb, length: length)
        xfs_iunlock()
        return 0
    }
}
