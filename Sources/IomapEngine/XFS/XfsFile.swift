// MARK: - File operations (fs/xfs/xfs_file.c, fs/xfs/xfs_iops.c, fs/xfs/xfs_bmap_util.c, mm/filemap.c)

/// The fallocate(2) modes the model implements.
public enum FallocMode: Hashable {
    case allocate(keepSize: Bool)
    case punchHole
    case zeroRange(keepSize: Bool)
}

extension XfsInode {
    // MARK: write(2)

    /// `xfs_file_buffered_write`: takes i_rwsem exclusively, zeroes the gap past EOF (`xfs_file_write_checks` →
    /// `xfs_zero_range`), and writes through `iomap_file_buffered_write` with `xfs_buffered_write_iomap_ops`.
    ///
    /// Not modelled: the ENOSPC retry after `xfs_blockgc_free_space`, O_SYNC.
    func xfs_file_buffered_write(_ offset: Int, _ data: [UInt8], efaultAfter: Int?) -> Int {
        traceCall("xfs_file_buffered_write", pos: offset)
        if offset < 0 { return -Errno.EINVAL }
        if data.isEmpty { return 0 }
        let r = lock(.i_rwsem, .exclusive)
        if r < 0 { return r }
        defer { unlock(.i_rwsem) }
        // xfs_file_write_checks
        let isize = ip.i_size
        if offset > isize {
            traceCall("xfs_zero_eof", pos: isize)
            var didZero = false
            let error = xfs_zero_range(isize, offset - isize, &didZero)
            if error < 0 { return error }
        }
        let ret = iomap_file_buffered_write(offset, UserBuffer(data, faultAfter: efaultAfter), xfs_buffered_write_iomap_ops)
        return ret
    }

    /// `xfs_zero_range`: `iomap_zero_range` with `xfs_buffered_write_iomap_ops`.
    func xfs_zero_range(_ pos: Int, _ len: Int, _ didZero: inout Bool) -> Int {
        iomap_zero_range(pos, len, &didZero, xfs_buffered_write_iomap_ops)
    }

    // MARK: read(2)

    /// `xfs_file_buffered_read`: `filemap_read` (the model takes no `i_rwsem` for reads: nothing it runs
    /// concurrently needs readers excluded).
    func xfs_file_buffered_read(_ offset: Int, _ length: Int, into out: inout [UInt8]) -> Int {
        filemap_read(offset, length, into: &out)
    }

    // MARK: lseek(2)

    /// `xfs_file_llseek` for SEEK_DATA / SEEK_HOLE: `iomap_seek_data` / `iomap_seek_hole` with
    /// `xfs_seek_iomap_ops`; the offset, or `-ENXIO`.
    func xfs_file_llseek(_ offset: Int, _ whence: SeekWhence) -> Int {
        switch whence {
        case .data: return iomap_seek_data(offset, xfs_seek_iomap_ops)
        case .hole: return iomap_seek_hole(offset, xfs_seek_iomap_ops)
        }
    }

    // MARK: mmap

    /// `__xfs_filemap_fault(write_fault: true)` → `xfs_filemap_page_mkwrite`: under `invalidate_lock` shared
    /// (XFS_MMAPLOCK_SHARED) calls `iomap_page_mkwrite` with `xfs_page_mkwrite_iomap_ops` (mkwrite-ops-split) or,
    /// before 118e021b4b66, with `xfs_buffered_write_iomap_ops`. Returns with the folio locked, or `-errno`.
    /// Spec: (spec: mkwrite-ops-split/fix), (spec: mkwrite-ops-split/lock-order)
    func __xfs_filemap_fault_write(_ folio: Folio) -> Int {
        traceCall("__xfs_filemap_fault", pos: folio.pos)
        let r = filemap_invalidate_lock(.shared)
        if r < 0 { return r }
        // excerpt: __xfs_filemap_fault-mkwrite
        let ops = patches.contains(.mkwriteOpsSplit) ? xfs_page_mkwrite_iomap_ops : xfs_buffered_write_iomap_ops
        let ret = iomap_page_mkwrite(folio, ops)
        // excerpt-end
        filemap_invalidate_unlock()
        return ret
    }

    /// Stores `data` at `offset` through a shared writable mapping: per page a read fault (`filemap_fault`), then
    /// `page_mkwrite`, then the store into the locked folio, `folio_mark_dirty`, unlock. Returns bytes stored or
    /// `-EFAULT` (SIGBUS past EOF).
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
            for k in pos..<stop { folio.data[k - folio.pos] = data[k - offset] }
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

    // MARK: truncate(2)

    /// `xfs_vn_setattr` for ATTR_SIZE: takes i_rwsem and invalidate_lock exclusively and calls `xfs_setattr_size`.
    /// Spec: (spec: invalidate-locking/truncate-fault-punch-section)
    func xfs_vn_setattr_size(_ size: Int) -> Int {
        traceCall("xfs_vn_setattr_size", pos: size)
        if size < 0 { return -Errno.EINVAL }
        var r = lock(.i_rwsem, .exclusive)
        if r < 0 { return r }
        defer { unlock(.i_rwsem) }
        r = filemap_invalidate_lock(.exclusive)
        if r < 0 { return r }
        defer { filemap_invalidate_unlock() }
        return xfs_setattr_size(size)
    }

    /// `xfs_setattr_size`: zeroes what the new EOF exposes (`iomap_zero_range` up, `iomap_truncate_page` down),
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

    // MARK: fallocate(2)

    /// `xfs_file_fallocate`: under i_rwsem and invalidate_lock exclusive; punch/zero first write back and drop the
    /// cache over the range (`xfs_flush_unmap_range`); punch → `xfs_free_file_space`; zero → free then allocate;
    /// allocate → `xfs_alloc_file_space` (unwritten extents over holes); then the size change (`xfs_vn_setattr_size`).
    func xfs_file_fallocate(_ mode: FallocMode, _ offset: Int, _ len: Int) -> Int {
        traceCall("xfs_file_fallocate", pos: offset)
        if offset < 0 || len <= 0 { return -Errno.EINVAL }
        var r = lock(.i_rwsem, .exclusive)
        if r < 0 { return r }
        defer { unlock(.i_rwsem) }
        r = filemap_invalidate_lock(.exclusive)
        if r < 0 { return r }
        defer { filemap_invalidate_unlock() }

        switch mode {
        case .punchHole, .zeroRange:
            let error = xfs_flush_unmap_range(offset, len)
            if error < 0 { return error }
        case .allocate:
            break
        }
        var new_size = 0
        switch mode {
        case .punchHole:
            return xfs_free_file_space(offset, len)
        case let .allocate(keepSize), let .zeroRange(keepSize):
            if !keepSize && offset + len > ip.i_size { new_size = offset + len }
            var off = offset, l = len
            if case .zeroRange = mode {
                let error = xfs_free_file_space(offset, len)
                if error < 0 { return error }
                let bs = geometry.blockSize
                l = roundUp(offset + len, bs) - roundDown(offset, bs)
                off = roundDown(offset, bs)
            }
            let error = xfs_alloc_file_space(off, l)
            if error < 0 { return error }
        }
        if new_size > 0 {
            let error = xfs_setattr_size(new_size)
            if error < 0 { return error }
        }
        return 0
    }

    /// `xfs_flush_unmap_range`: writes back and drops the page cache over the range, widened to whole pages/blocks.
    func xfs_flush_unmap_range(_ offset: Int, _ len: Int) -> Int {
        traceCall("xfs_flush_unmap_range", pos: offset)
        let rounding = max(geometry.blockSize, geometry.pageSize)
        let start = roundDown(offset, rounding)
        let end = roundUp(offset + len, rounding) - 1
        let error = filemap_write_and_wait_range(start, end)
        if error < 0 { return error }
        return truncate_pagecache_range(start, end)
    }

    /// `xfs_free_file_space`: unmaps the whole blocks of the range, then zeroes the partial blocks at its ends
    /// (`xfs_zero_range`, never past EOF).
    func xfs_free_file_space(_ offset: Int, _ len: Int) -> Int {
        traceCall("xfs_free_file_space", pos: offset)
        let g = geometry
        let startoffset_fsb = g.XFS_B_TO_FSB(offset)
        let endoffset_fsb = g.XFS_B_TO_FSBT(offset + len)
        if endoffset_fsb > startoffset_fsb {
            let r = xfs_ilock(.exclusive)
            if r < 0 { return r }
            xfs_bunmapi(ip, .data, startoffset_fsb, endoffset_fsb - startoffset_fsb)
            xfs_iunlock()
        }
        // Zero out any partial block at the beginning and/or end, not beyond EOF.
        if offset >= ip.i_size { return 0 }
        var len = len
        if offset + len > ip.i_size { len = ip.i_size - offset }
        var didZero = false
        let error = xfs_zero_range(offset, len, &didZero)
        if error < 0 { return error }
        if offset + len >= ip.i_size && (offset + len) % g.pageSize > 0 {
            return filemap_write_and_wait_range(roundDown(offset + len, g.pageSize), Int.max - 1)
        }
        return 0
    }

    /// `xfs_alloc_file_space`: allocates unwritten extents over the holes of the range (`xfs_bmapi_write` with
    /// XFS_BMAPI_PREALLOC); `-ENOSPC` when space runs out.
    func xfs_alloc_file_space(_ offset: Int, _ len: Int) -> Int {
        traceCall("xfs_alloc_file_space", pos: offset)
        let g = geometry
        let startoffset_fsb = g.XFS_B_TO_FSBT(offset)
        let endoffset_fsb = g.XFS_B_TO_FSB(offset + len)
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        defer { xfs_iunlock() }
        do {
            try xfs_bmapi_write_prealloc(ip, startoffset_fsb, endoffset_fsb - startoffset_fsb)
        } catch {
            return -Int(error.rawValue)
        }
        return 0
    }

    // MARK: fsync(2)

    /// `xfs_file_fsync`: writes back the whole file, waits, and flushes the device.
    func xfs_file_fsync() -> Int {
        traceCall("xfs_file_fsync")
        let r = filemap_write_and_wait_range(0, Int.max - 1)
        if r < 0 { return r }
        do { try device.flush() } catch { return -Errno.EIO }
        return 0
    }
}
