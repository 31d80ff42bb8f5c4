// MARK: - fallocate(2) (fs/xfs/xfs_file.c, fs/xfs/xfs_bmap_util.c)

/// The fallocate(2) modes the model implements.
public enum FallocMode: Hashable {
    case allocate(keepSize: Bool)
    case punchHole
    case zeroRange(keepSize: Bool)
    /// `FALLOC_FL_COLLAPSE_RANGE`: removes the range, the rest of the file moves down (spec: byte-range-punching/collapse-insert).
    case collapseRange
    /// `FALLOC_FL_INSERT_RANGE`: inserts a hole at the offset, the rest of the file moves up.
    case insertRange
}

extension XfsInode {
    /// `xfs_file_fallocate`: allocate, punch, zero, collapse or insert a range under i_rwsem and invalidate_lock.
    ///
    /// Under i_rwsem and invalidate_lock exclusive; punch, zero and collapse first write back and drop the cache over
    /// the range (`xfs_flush_unmap_range`, before any argument check); punch → `xfs_free_file_space`; collapse →
    /// block alignment and `offset + len < i_size` checks (`-EINVAL`), `xfs_collapse_file_space`, size − len;
    /// insert → alignment, `-EFBIG` past `s_maxbytes`, `offset < i_size` (`-EINVAL`), size + len, then
    /// `xfs_insert_file_space`; zero → free then allocate; allocate → `xfs_alloc_file_space` (unwritten extents
    /// over holes); the size change is `xfs_vn_setattr_size`. Spec: (spec: byte-range-punching/collapse-insert)
    func xfs_file_fallocate(_ mode: FallocMode, _ offset: Int, _ len: Int) -> Int {
        traceCall("xfs_file_fallocate", pos: offset)
        if offset < 0 || len <= 0 { return -Errno.EINVAL }
        let r = xfs_ilock_iolock_mmaplock()
        if r < 0 { return r }
        defer { xfs_iunlock_iolock_mmaplock() }

        switch mode {
        case .punchHole, .zeroRange, .collapseRange:
            let error = xfs_flush_unmap_range(offset, len)
            if error < 0 { return error }
        case .allocate, .insertRange:
            break
        }
        var new_size = 0
        var do_file_insert = false
        switch mode {
        case .punchHole:
            return xfs_free_file_space(offset, len)
        case .collapseRange:
            if !xfs_is_falloc_aligned(offset, len) { return -Errno.EINVAL }
            // There is no need to overlap collapse range with EOF, in which case it is effectively a truncate.
            if offset + len >= ip.i_size { return -Errno.EINVAL }
            new_size = ip.i_size - len
            let error = xfs_collapse_file_space(offset, len)
            if error < 0 { return error }
        case .insertRange:
            let isize = ip.i_size
            if !xfs_is_falloc_aligned(offset, len) { return -Errno.EINVAL }
            if MAX_LFS_FILESIZE - isize < len { return -Errno.EFBIG }
            new_size = isize + len
            if offset >= isize { return -Errno.EINVAL }
            do_file_insert = true
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
        // Insert after the size change, so a crash never leaves shifted extents past EOF.
        if do_file_insert {
            let error = xfs_insert_file_space(offset, len)
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

    /// `xfs_free_file_space`: unmaps the range's whole blocks and zeroes its partial ones.
    ///
    /// Unmaps the whole blocks of the range, then zeroes the partial blocks at its ends
    /// (`xfs_zero_range`, never past EOF).
    func xfs_free_file_space(_ offset: Int, _ len: Int) -> Int {
        traceCall("xfs_free_file_space", pos: offset)
        let g = geometry
        let startoffset_fsb = g.XFS_B_TO_FSB(offset)
        let endoffset_fsb = g.XFS_B_TO_FSBT(offset + len)
        if endoffset_fsb > startoffset_fsb {
            pause(.unmap, pos: g.XFS_FSB_TO_B(startoffset_fsb))
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

    /// `xfs_alloc_file_space`: allocates unwritten extents over the holes of the range.
    ///
    /// Allocates unwritten extents over the holes of the range (`xfs_bmapi_write` with
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
        // In the same transaction: `ip->i_diflags |= XFS_DIFLAG_PREALLOC` (since 5.17, 0b02c8c0d75a).
        if endoffset_fsb > startoffset_fsb { ip.i_diflags.insert(.prealloc) }
        return 0
    }
}

/// `MAX_LFS_FILESIZE` on 64-bit (`LLONG_MAX`): XFS's `s_maxbytes`.
let MAX_LFS_FILESIZE = Int(Int64.max)
