// MARK: - SEEK_DATA / SEEK_HOLE (fs/iomap/seek.c)

extension Inode {
    /// `iomap_seek_hole_iter`: ends the search at a hole, probes unwritten ranges, skips data.
    ///
    /// A hole ends the search at its start; an unwritten range is probed in the page cache
    /// (`mapping_seek_hole_data(SEEK_HOLE)`); anything else (written, delalloc) is data: skip it.
    // excerpt: iomap_seek_hole_iter
    func iomap_seek_hole_iter(_ iter: IomapIter, _ hole_pos: inout Int) -> Int {
        let length = iter.iomap_length
        switch iter.iomap.type {
        case .IOMAP_UNWRITTEN:
            hole_pos = mapping.mapping_seek_hole_data(iter.pos, iter.pos + length, whence: .hole)
            if hole_pos == iter.pos + length { return length }
            return 0
        case .IOMAP_HOLE:
            hole_pos = iter.pos
            return 0
        default:
            return length
        }
    }
    // excerpt-end

    /// `iomap_seek_data_iter`: skips holes, probes unwritten ranges, ends the search at data.
    ///
    /// A hole is skipped; an unwritten range is probed in the page cache
    /// (`mapping_seek_hole_data(SEEK_DATA)`, skipped when it finds none); anything else is data at `iter.pos`.
    // excerpt: iomap_seek_data_iter
    func iomap_seek_data_iter(_ iter: IomapIter, _ hole_pos: inout Int) -> Int {
        let length = iter.iomap_length
        switch iter.iomap.type {
        case .IOMAP_HOLE:
            return length
        case .IOMAP_UNWRITTEN:
            hole_pos = mapping.mapping_seek_hole_data(iter.pos, iter.pos + length, whence: .data)
            if hole_pos < 0 { return length }
            return 0
        default:
            hole_pos = iter.pos
            return 0
        }
    }
    // excerpt-end

    // iomap_seek_hole and iomap_seek_data are twins line for line, as in fs/iomap/seek.c; they stay two functions
    // so each reads like its kernel counterpart (they differ in the per-mapping step and the not-found result).

    /// `iomap_seek_hole(inode, pos, ops)`: the first hole at or after `pos`.
    ///
    /// The first hole at or after `pos` (i_size counts as a hole), mapped with
    /// the filesystem's seek ops (XFS: `xfs_seek_iomap_ops`); `-ENXIO` outside `[0, i_size)`.
    func iomap_seek_hole(_ pos: Int, _ ops: IomapOps) -> Int {
        var pos = pos
        let size = i_size
        if pos < 0 || pos >= size { return -Errno.ENXIO }
        let iter = IomapIter(pos: pos, len: size - pos, flags: .IOMAP_REPORT)
        var ret: Int
        repeat {
            ret = iomap_iter(iter, ops)
            if ret <= 0 { break }
            iter.processed = iomap_seek_hole_iter(iter, &pos)
        } while true
        if ret < 0 { return ret }
        if iter.len > 0 { return pos }  // found hole before EOF
        return size
    }

    /// `iomap_seek_data(inode, pos, ops)`: the first data at or after `pos`.
    ///
    /// The first data at or after `pos`, mapped with the filesystem's seek ops;
    /// `-ENXIO` when none before i_size or `pos` is outside.
    func iomap_seek_data(_ pos: Int, _ ops: IomapOps) -> Int {
        var pos = pos
        let size = i_size
        if pos < 0 || pos >= size { return -Errno.ENXIO }
        let iter = IomapIter(pos: pos, len: size - pos, flags: .IOMAP_REPORT)
        var ret: Int
        repeat {
            ret = iomap_iter(iter, ops)
            if ret <= 0 { break }
            iter.processed = iomap_seek_data_iter(iter, &pos)
        } while true
        if ret < 0 { return ret }
        if iter.len > 0 { return pos }  // found data before EOF
        return -Errno.ENXIO
    }
}
