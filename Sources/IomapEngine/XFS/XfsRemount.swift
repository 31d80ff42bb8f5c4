// MARK: - Last close, unmount and mount (fs/xfs/xfs_inode.c, fs/xfs/xfs_super.c, fs/super.c)

extension XfsInode {
    /// `xfs_release`: the last close of a file opened for writing frees the post-EOF blocks it may.
    ///
    /// Under a trylock of the IOLOCK, `xfs_free_eofblocks` when `xfs_can_free_eofblocks(ip, false)` (so never for
    /// an inode flagged `XFS_DIFLAG_PREALLOC`), on the first such close (`XFS_IDIRTY_RELEASE` is not yet set: the
    /// model closes its one file once). Spec: (spec: overview/cold-cache)
    func xfs_release() -> Int {
        traceCall("xfs_release")
        let r = lock(.i_rwsem, .exclusive)
        if r < 0 { return 0 }   // !xfs_ilock_nowait: skip, eviction gets another chance
        defer { unlock(.i_rwsem) }
        guard xfs_can_free_eofblocks(force: false) else { return 0 }
        return xfs_free_eofblocks()
    }

    /// `xfs_inactive` for a linked inode at eviction: frees post-EOF blocks with `force` ("lest we end up with
    /// broken free space accounting"), so an inode flagged `XFS_DIFLAG_PREALLOC` keeps them unless it has
    /// delalloc blocks. Spec: (spec: overview/cold-cache)
    func xfs_inactive() -> Int {
        traceCall("xfs_inactive")
        guard xfs_can_free_eofblocks(force: true) else { return 0 }
        return xfs_free_eofblocks()
    }

    /// What close, `umount` and `mount` do to the file: `xfs_release`, `sync_filesystem`, eviction, a cold inode.
    ///
    /// The last close (`xfs_file_release` → `xfs_release`); unmount's `sync_filesystem` (writeback of every dirty
    /// folio and wait); `evict_inodes` → `truncate_inode_pages_final` (every folio goes, no shadow entries), then
    /// `xfs_inactive`; the mount reads the inode back from disk: `i_disk_size` is `i_size`, the page cache is empty.
    /// Returns the first writeback error. Spec: (spec: overview/cold-cache)
    func xfs_remount() -> Int {
        traceCall("xfs_remount")
        var error = xfs_release()
        let w = filemap_write_and_wait_range(0, Int.max - 1)
        if error == 0 { error = w }
        let r = truncate_pagecache_range(0, -1)   // truncate_inode_pages_final
        if error == 0 { error = r }
        let e = xfs_inactive()
        if error == 0 { error = e }
        ip.i_disk_size = ip.i_size
        // The new inode's mapping starts without errors, and the reopened file samples it (`errseq_sample`).
        mapping.wb_err = errseq_t()
        mapping.clearErrorFlags()
        f_wb_err = mapping.wb_err.errseq_sample()
        return error
    }
}
