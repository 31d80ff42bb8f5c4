// MARK: - SEEK_DATA / SEEK_HOLE (fs/iomap/seek.c)

extension Machine {
    /// `iomap_seek_hole_iter`: a hole ends the search at its start; an unwritten range is probed in the page cache
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

    /// `iomap_seek_data_iter`: a hole is skipped; an unwritten range is probed in the page cache
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

    /// `iomap_seek_hole`: the first hole at or after `pos` (i_size counts as a hole); `-ENXIO` outside `[0, i_size)`.
    func iomap_seek_hole(_ pos: Int, _ ops: IomapOps) -> Int {
        var pos = pos
        let size = ip.i_size
        if pos < 0 || pos >= size { return -Errno.ENXIO }
        let iter = IomapIter(pos: pos, len: size - pos, flags: .IOMAP_REPORT)
        var ret: Int
        repeat {
            ret = seek_iomap_iter(iter, ops)
            if ret <= 0 { break }
            iter.processed = iomap_seek_hole_iter(iter, &pos)
        } while true
        if ret < 0 { return ret }
        if iter.len > 0 { return pos }  // found hole before EOF
        return size
    }

    /// `iomap_seek_data`: the first data at or after `pos`; `-ENXIO` when none before i_size or `pos` is outside.
    func iomap_seek_data(_ pos: Int, _ ops: IomapOps) -> Int {
        var pos = pos
        let size = ip.i_size
        if pos < 0 || pos >= size { return -Errno.ENXIO }
        let iter = IomapIter(pos: pos, len: size - pos, flags: .IOMAP_REPORT)
        var ret: Int
        repeat {
            ret = seek_iomap_iter(iter, ops)
            if ret <= 0 { break }
            iter.processed = iomap_seek_data_iter(iter, &pos)
        } while true
        if ret < 0 { return ret }
        if iter.len > 0 { return pos }  // found data before EOF
        return -Errno.ENXIO
    }

    /// `iomap_iter` for the side-effect-free seek: the same advance and `->iomap_begin` calls, without the trace
    /// entries and pause points of the operation path (seek is an inspection in the model).
    func seek_iomap_iter(_ iter: IomapIter, _ ops: IomapOps) -> Int {
        var ret = iomap_iter_advance(iter)
        if ret <= 0 { return ret }
        ret = ops.iomap_begin(self, iter.pos, iter.len, iter.flags, &iter.iomap, &iter.srcmap)
        return ret < 0 ? ret : 1
    }

    // MARK: Public inspection

    /// `lseek(fd, offset, SEEK_DATA)` as XFS answers it (`xfs_file_llseek` → `iomap_seek_data` with
    /// `xfs_seek_iomap_ops`); nil for `ENXIO` (no data at or after `offset` before EOF).
    public func seekData(_ offset: Int) -> Int? {
        let r = iomap_seek_data(offset, xfs_seek_iomap_ops)
        return r < 0 ? nil : r
    }

    /// `lseek(fd, offset, SEEK_HOLE)` as XFS answers it (`iomap_seek_hole`): the next hole, i_size at the latest;
    /// `-ENXIO` (negative) when `offset` is not inside the file.
    public func seekHole(_ offset: Int) -> Int {
        iomap_seek_hole(offset, xfs_seek_iomap_ops)
    }
}
