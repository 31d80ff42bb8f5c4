// MARK: - File operations (fs/xfs/xfs_file.c): write, read, lseek, mmap, fsync

extension XfsInode {
    // MARK: write(2)

    /// `xfs_file_buffered_write`: the write(2) path of an XFS file.
    ///
    /// Takes i_rwsem exclusively, zeroes the gap past EOF (`xfs_file_write_checks` →
    /// `xfs_zero_range`), and writes through `iomap_file_buffered_write` with `xfs_buffered_write_iomap_ops`.
    /// With `iolock-every-write` off (counterfactual, bcachefs 7e64c86cdc6c) i_rwsem is taken only when
    /// `offset + len > i_size`, read without the lock.
    /// Spec: (spec: inode-lock/counterfactual)
    ///
    /// A write that fails with `-ENOSPC` having written nothing is retried once after `xfs_flush_inodes` and
    /// `xfs_blockgc_free_space` (spec: overview/enospc-retry). Not modelled: `-EDQUOT` (no quotas), O_SYNC.
    func xfs_file_buffered_write(_ offset: Int, _ data: [UInt8], efaultAfter: Int?) -> Int {
        traceCall("xfs_file_buffered_write", pos: offset)
        if offset < 0 { return -Errno.EINVAL }
        if data.isEmpty { return 0 }
        // excerpt: xfs_file_buffered_write-enospc-retry
        var cleared_space = false
        while true {   // write_retry:
            let ret = xfs_file_buffered_write_once(offset, data, efaultAfter: efaultAfter, flushOnENOSPC: !cleared_space)
            // -ENOSPC with nothing written: free lingering preallocated space once, then retry.
            guard ret == -Errno.ENOSPC && !cleared_space else { return ret }
            cleared_space = true
            xfs_blockgc_free_space()
        }
        // excerpt-end
    }

    /// One pass of `xfs_file_buffered_write` between `write_retry:` and the ENOSPC handling, under the IOLOCK.
    ///
    /// `xfs_file_write_checks` (zeroing from EOF to the write), `iomap_file_buffered_write`; on `-ENOSPC` (with
    /// `flushOnENOSPC`) `xfs_flush_inodes` while the IOLOCK is still held, as 6.2 does before unlocking.
    func xfs_file_buffered_write_once(_ offset: Int, _ data: [UInt8], efaultAfter: Int?, flushOnENOSPC: Bool) -> Int {
        // excerpt: xfs_file_buffered_write-iolock
        let iolocked = patches.contains(.iolockEveryWrite) || offset + data.count > ip.i_size
        if iolocked {
            let r = lock(.i_rwsem, .exclusive)
            if r < 0 { return r }
        }
        defer { if iolocked { unlock(.i_rwsem) } }
        // excerpt-end
        // xfs_file_write_checks
        let isize = ip.i_size
        if offset > isize {
            traceCall("xfs_zero_eof", pos: isize)
            var didZero = false
            let error = xfs_zero_range(isize, offset - isize, &didZero)
            if error < 0 { return error }
        }
        let ret = iomap_file_buffered_write(offset, UserBuffer(data, faultAfter: efaultAfter), xfs_buffered_write_iomap_ops)
        if ret == -Errno.ENOSPC && flushOnENOSPC { xfs_flush_inodes() }
        return ret
    }

    /// `xfs_flush_inodes`: `sync_inodes_sb`, writeback of every dirty inode of the file system, waited for.
    ///
    /// Converts every delalloc reservation under dirty folios (in the kernel this also gives back the indirect-block
    /// over-reservation, which the model does not make). Spec: (spec: overview/enospc-retry)
    func xfs_flush_inodes() {
        traceCall("xfs_flush_inodes")
        _ = __filemap_fdatawrite_range(0, Int.max - 1)
        _ = __filemap_fdatawait_range(0, Int.max - 1)
    }

    /// `xfs_blockgc_free_space` with `XFS_ICWALK_FLAG_SYNC`: the blockgc scan of every inode, waited for.
    ///
    /// For the model's one inode `xfs_blockgc_scan_inode` → `xfs_inode_free_eofblocks`: nothing unless the inode
    /// is tagged `XFS_IEOFBLOCKS` (speculative preallocation was made); under a trylock of the IOLOCK,
    /// `xfs_free_eofblocks` when `xfs_can_free_eofblocks(ip, false)`, else the tag is cleared (preallocated or
    /// append-only inode). No COW blocks exist to free. Spec: (spec: overview/enospc-retry)
    func xfs_blockgc_free_space() {
        traceCall("xfs_blockgc_free_space")
        guard i_flags.contains(.XFS_IEOFBLOCKS) else { return }
        if lock(.i_rwsem, .exclusive) < 0 { return }
        defer { unlock(.i_rwsem) }
        if xfs_can_free_eofblocks(force: false) {
            _ = xfs_free_eofblocks()
        } else {
            i_flags.remove(.XFS_IEOFBLOCKS)
        }
    }

    /// `xfs_zero_range`: `iomap_zero_range` with `xfs_buffered_write_iomap_ops`.
    func xfs_zero_range(_ pos: Int, _ len: Int, _ didZero: inout Bool) -> Int {
        iomap_zero_range(pos, len, &didZero, xfs_buffered_write_iomap_ops)
    }

    // MARK: read(2)

    /// `xfs_file_buffered_read`: the read(2) path of an XFS file (`filemap_read`).
    ///
    /// `filemap_read` (the model takes no `i_rwsem` for reads: nothing it runs
    /// concurrently needs readers excluded).
    func xfs_file_buffered_read(_ offset: Int, _ length: Int, into out: inout [UInt8]) -> Int {
        filemap_read(offset, length, into: &out)
    }

    // MARK: lseek(2)

    /// `xfs_file_llseek` for SEEK_DATA and SEEK_HOLE.
    ///
    /// `iomap_seek_data` / `iomap_seek_hole` with `xfs_seek_iomap_ops`; the offset, or `-ENXIO`.
    func xfs_file_llseek(_ offset: Int, _ whence: SeekWhence) -> Int {
        switch whence {
        case .data: return iomap_seek_data(offset, xfs_seek_iomap_ops)
        case .hole: return iomap_seek_hole(offset, xfs_seek_iomap_ops)
        }
    }

    // MARK: mmap

    /// `__xfs_filemap_fault(write_fault: true)`: the write fault's `iomap_page_mkwrite`.
    ///
    /// Via `xfs_filemap_page_mkwrite`: under `invalidate_lock` shared (XFS_MMAPLOCK_SHARED) calls
    /// `iomap_page_mkwrite` with `xfs_page_mkwrite_iomap_ops` (mkwrite-ops-split) or, before 118e021b4b66, with
    /// `xfs_buffered_write_iomap_ops`. Returns with the folio locked, or `-errno`.
    /// Spec: (spec: mkwrite-ops-split/fix), (spec: mkwrite-ops-split/lock-order)
    func __xfs_filemap_fault_write(_ folio: Folio) -> Int {
        traceCall("__xfs_filemap_fault", pos: folio.pos)
        // The mutation check's break: no XFS_MMAPLOCK_SHARED (never in a normal run).
        let locked = !kernel.mutations.contains(.faultWithoutInvalidateLock)
        if locked {
            let r = filemap_invalidate_lock(.shared)
            if r < 0 { return r }
        }
        // excerpt: __xfs_filemap_fault-mkwrite
        let ops = patches.contains(.mkwriteOpsSplit) ? xfs_page_mkwrite_iomap_ops : xfs_buffered_write_iomap_ops
        let ret = iomap_page_mkwrite(folio, ops)
        // excerpt-end
        if locked { filemap_invalidate_unlock() }
        return ret
    }

    /// Stores `data` at `offset` through a shared writable mapping.
    ///
    /// Per page a read fault (`filemap_fault`), then `page_mkwrite`, then the store into the locked folio,
    /// `folio_mark_dirty`, unlock. Returns bytes stored or `-EFAULT` (SIGBUS past EOF).
    func mmapStore(_ offset: Int, _ data: [UInt8]) -> Int {
        traceCall("mmap_store", pos: offset)
        if offset < 0 { return -Errno.EINVAL }
        let pageSize = geometry.pageSize
        var pos = offset
        let end = offset + data.count
        while pos < end {
            let stop = min(end, roundDown(pos, pageSize) + pageSize)
            var faulted: Folio?
            var r = filemap_fault(pos, &faulted)
            if r < 0 { return r }
            let folio = faulted!
            // do_shared_fault: the read fault's lock is dropped before ->page_mkwrite
            folio_unlock(folio)
            r = __xfs_filemap_fault_write(folio)
            if r < 0 { return r }
            folio.data.replaceSubrange((pos - folio.pos)..<(stop - folio.pos), with: data[(pos - offset)..<(stop - offset)])
            filemap_dirty_folio(folio)
            folio.setRangeDataDirty(pos, stop - pos)  // ghost: the stored bytes must reach disk
            folio_unlock(folio)
            pos = stop
        }
        return data.count
    }

    /// Loads `[offset, offset+length)` through a mapping: per page a read fault. Returns bytes or `-EFAULT`.
    func mmapLoad(_ offset: Int, _ length: Int, into out: inout [UInt8]) -> Int {
        traceCall("mmap_load", pos: offset)
        if offset < 0 || length < 0 { return -Errno.EINVAL }
        let pageSize = geometry.pageSize
        var pos = offset
        let end = offset + length
        while pos < end {
            let stop = min(end, roundDown(pos, pageSize) + pageSize)
            var faulted: Folio?
            let r = filemap_fault(pos, &faulted)
            if r < 0 { return r }
            let folio = faulted!
            out.append(contentsOf: folio.data[(pos - folio.pos)..<(stop - folio.pos)])
            folio_unlock(folio)
            pos = stop
        }
        return out.count
    }

    // MARK: fsync(2)

    /// `xfs_file_fsync`: writes back the whole file, waits, reports through the file's errseq, flushes the device.
    ///
    /// `file_write_and_wait_range`, so a writeback error is reported once per open file even when the legacy
    /// `AS_EIO` flag was already cleared by someone else. Spec: (spec: overview/writeback-errors)
    func xfs_file_fsync() -> Int {
        traceCall("xfs_file_fsync")
        let r = file_write_and_wait_range(0, Int.max - 1)
        if r < 0 { return r }
        do { try device.flush() } catch { return -Errno.EIO }
        return 0
    }
}
