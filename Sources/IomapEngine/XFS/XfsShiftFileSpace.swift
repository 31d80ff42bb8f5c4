// MARK: - Collapse and insert range (fs/xfs/xfs_bmap_util.c)

extension XfsInode {
    /// `xfs_is_falloc_aligned`: offset and length are multiples of the block size (no realtime files in the model).
    /// Spec: (spec: byte-range-punching/collapse-insert)
    func xfs_is_falloc_aligned(_ pos: Int, _ len: Int) -> Bool {
        let mask = i_mount.sb_blocksize - 1
        return (pos | len) & mask == 0
    }

    /// `xfs_collapse_file_space`: frees the range, then shifts every extent after it left by its length.
    ///
    /// `xfs_free_file_space` over the range, `xfs_prepare_shift`, then under ILOCK_EXCL (held across the
    /// transaction rolls) `xfs_bmap_collapse_extents` from `XFS_B_TO_FSB(offset + len)` until done. The caller
    /// (`xfs_file_fallocate`) then sets the size to `i_size - len`. Spec: (spec: byte-range-punching/collapse-insert)
    func xfs_collapse_file_space(_ offset: Int, _ len: Int) -> Int {
        traceCall("xfs_collapse_file_space", pos: offset)
        let g = geometry
        var next_fsb = g.XFS_B_TO_FSB(offset + len)
        let shift_fsb = g.XFS_B_TO_FSB(len)
        var error = xfs_free_file_space(offset, len)
        if error < 0 { return error }
        error = xfs_prepare_shift(offset)
        if error < 0 { return error }
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        defer { xfs_iunlock() }
        var done = false
        while !done {
            error = xfs_bmap_collapse_extents(ip, &next_fsb, shift_fsb, &done)
            if error < 0 { return error }
        }
        return 0
    }

    /// `xfs_insert_file_space`: shifts every extent from `offset` right by `len`, leaving a hole.
    ///
    /// `xfs_prepare_shift`, then under ILOCK_EXCL `xfs_bmap_split_extent` at `XFS_B_TO_FSB(offset)` and
    /// `xfs_bmap_insert_extents` from the last extent down to that block. The caller (`xfs_file_fallocate`) has
    /// already set the size to `i_size + len`, so no shifted extent ever lies past EOF.
    /// Spec: (spec: byte-range-punching/collapse-insert)
    func xfs_insert_file_space(_ offset: Int, _ len: Int) -> Int {
        traceCall("xfs_insert_file_space", pos: offset)
        let g = geometry
        let stop_fsb = g.XFS_B_TO_FSB(offset)
        var next_fsb: Int? = nil   // NULLFSBLOCK
        let shift_fsb = g.XFS_B_TO_FSB(len)
        var error = xfs_prepare_shift(offset)
        if error < 0 { return error }
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        defer { xfs_iunlock() }
        error = xfs_bmap_split_extent(ip, stop_fsb)
        if error < 0 { return error }
        var done = false
        repeat {
            error = xfs_bmap_insert_extents(ip, &next_fsb, shift_fsb, &done, stop_fsb)
            if error < 0 { return error }
        } while !done
        return 0
    }

    /// `xfs_prepare_shift`: drops post-EOF blocks, then writes back and drops the cache from a block before `offset`.
    ///
    /// `xfs_free_eofblocks` when `xfs_can_free_eofblocks(ip, true)` (so no post-EOF preallocation is shifted into
    /// the file), then `xfs_flush_unmap_range(offset - one block, XFS_ISIZE)` (a length of i_size from there, as
    /// the kernel passes it). The model has no COW data, so `xfs_reflink_cancel_cow_range` never runs.
    /// Spec: (spec: byte-range-punching/collapse-insert)
    func xfs_prepare_shift(_ offset: Int) -> Int {
        traceCall("xfs_prepare_shift", pos: offset)
        if xfs_can_free_eofblocks(force: true) {
            let error = xfs_free_eofblocks()
            if error < 0 { return error }
        }
        let bs = i_mount.sb_blocksize
        var start = roundDown(offset, bs)
        if start > 0 { start -= bs }
        return xfs_flush_unmap_range(start, ip.i_size)
    }

    /// `xfs_can_free_eofblocks`: whether blocks are mapped (in any state) at or past the block holding EOF.
    ///
    /// False for an empty file with no cached folios and no delalloc; false for an inode with
    /// `XFS_DIFLAG_PREALLOC` unless `force` and it has delalloc blocks; else whether `xfs_iext_lookup_extent`
    /// finds an extent at or after `XFS_B_TO_FSB(i_size)`. Spec: (spec: byte-range-punching/collapse-insert)
    func xfs_can_free_eofblocks(force: Bool) -> Bool {
        let i_delayed_blks = i_df.delallocBlocks + i_cowfp.delallocBlocks
        if ip.i_size == 0 && i_mapping.folios.isEmpty && i_delayed_blks == 0 { return false }
        if i_diflags.contains(.prealloc) && (!force || i_delayed_blks == 0) { return false }
        let end_fsb = geometry.XFS_B_TO_FSB(ip.i_size)
        return i_df.lookupExtent(end_fsb) != nil
    }

    /// `xfs_free_eofblocks`: unmaps every block past EOF (`xfs_itruncate_extents_flags` at `XFS_ISIZE`).
    /// Spec: (spec: byte-range-punching/collapse-insert)
    func xfs_free_eofblocks() -> Int {
        traceCall("xfs_free_eofblocks", pos: ip.i_size)
        return xfs_itruncate_extents(ip.i_size)
    }
}
