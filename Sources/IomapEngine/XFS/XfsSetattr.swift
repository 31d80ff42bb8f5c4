// MARK: - truncate(2) (fs/xfs/xfs_iops.c, xfs_inode.c)

extension XfsInode {
    /// `xfs_vn_setattr` for ATTR_SIZE: takes i_rwsem and invalidate_lock exclusively and calls `xfs_setattr_size`.
    /// Spec: (spec: invalidate-locking/truncate-fault-punch-section)
    func xfs_vn_setattr_size(_ size: Int) -> Int {
        traceCall("xfs_vn_setattr_size", pos: size)
        if size < 0 { return -Errno.EINVAL }
        let r = xfs_ilock_iolock_mmaplock()
        if r < 0 { return r }
        defer { xfs_iunlock_iolock_mmaplock() }
        return xfs_setattr_size(size)
    }

    /// `xfs_setattr_size`: changes the file size, zeroing, dropping and freeing what it must.
    ///
    /// Zeroes what the new EOF exposes (`iomap_zero_range` up, `iomap_truncate_page` down),
    /// sets i_size and drops the page cache past it (`truncate_setsize`), writes back the zeroed range, and on
    /// truncate down frees the blocks past the new EOF (`xfs_itruncate_extents`). Caller holds i_rwsem and
    /// invalidate_lock exclusively.
    /// Spec: (spec: invalidate-locking/lock-safety)
    func xfs_setattr_size(_ newsize: Int) -> Int {
        traceCall("xfs_setattr_size", pos: newsize)
        let oldsize = ip.i_size
        var didZeroing = false
        var error: Int
        if newsize > oldsize {
            error = xfs_zero_range(oldsize, newsize - oldsize, &didZeroing)
        } else {
            // Flush the new EOF to convert the block before the pagecache truncate.
            error = filemap_write_and_wait_range(newsize, newsize)
            if error < 0 { return error }
            error = iomap_truncate_page(newsize, &didZeroing, xfs_buffered_write_iomap_ops)
        }
        if error < 0 { return error }
        // truncate_setsize
        ip.i_size_write(newsize)
        error = truncate_pagecache_range(newsize, -1)
        if error < 0 { return error }
        if didZeroing || (newsize > ip.i_disk_size && oldsize != ip.i_disk_size) {
            error = filemap_write_and_wait_range(ip.i_disk_size, newsize - 1)
            if error < 0 { return error }
        }
        if newsize <= oldsize {
            error = xfs_itruncate_extents(newsize)
            if error < 0 { return error }
        }
        ip.i_disk_size = newsize
        return 0
    }

    /// `xfs_itruncate_extents(ip, XFS_DATA_FORK, new_size)`: unmaps every extent (any state) past the new EOF.
    func xfs_itruncate_extents(_ newsize: Int) -> Int {
        traceCall("xfs_itruncate_extents", pos: newsize)
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        defer { xfs_iunlock() }
        let first = geometry.XFS_B_TO_FSB(newsize)
        if let last = ip.i_df.extents.last, last.endOff > first {
            xfs_bunmapi(ip, .data, first, last.endOff - first)
        }
        return 0
    }
}
