// MARK: - Zeroing and unsharing (fs/iomap/buffered-io.c)

extension Inode {
    /// `iomap_zero_range`: zeroes `[pos, pos+len)` through the page cache, skipping holes and unwritten extents.
    ///
    /// `didZero` is set when any folio was zeroed. Returns 0 or `-errno`.
    func iomap_zero_range(_ pos: Int, _ len: Int, _ didZero: inout Bool, _ ops: IomapOps) -> Int {
        traceCall("iomap_zero_range", pos: pos)
        guard len > 0 else { return 0 }
        let iter = IomapIter(pos: pos, len: len, flags: .IOMAP_ZERO)
        var ret: Int
        while true {
            ret = iomap_iter(iter, ops)
            if ret <= 0 { break }
            iter.processed = iomap_zero_iter(iter, &didZero)
        }
        return ret
    }

    /// `iomap_truncate_page`: zeroes from `pos` to the end of its block (nothing when `pos` is block aligned).
    func iomap_truncate_page(_ pos: Int, _ didZero: inout Bool, _ ops: IomapOps) -> Int {
        let blocksize = geometry.blockSize
        let off = pos & (blocksize - 1)
        if off == 0 { return 0 }
        return iomap_zero_range(pos, blocksize - off, &didZero, ops)
    }

    /// `iomap_zero_iter`: zeroes the current mapping's part of the range folio by folio.
    ///
    /// Zeroes the current mapping's part of the range folio by folio; holes and unwritten
    /// extents already read as zeroes and are skipped. A STALE iomap ends the pass so `iomap_iter` remaps.
    func iomap_zero_iter(_ iter: IomapIter, _ didZero: inout Bool) -> Int {
        traceCall("iomap_zero_iter", pos: iter.pos)
        let srcmap = iter.iomap_iter_srcmap
        var pos = iter.pos
        var length = iter.iomap_length
        var written = 0
        // already zeroed?  we're done.
        if srcmap.type == .IOMAP_HOLE || srcmap.type == .IOMAP_UNWRITTEN { return length }
        repeat {
            var bytes = length
            var folioOut: Folio?
            let status = iomap_write_begin(iter, pos, bytes, &folioOut)
            if status != 0 { return status }
            if iter.iomap.flags.contains(.IOMAP_F_STALE) { break }
            let folio = folioOut!
            let offset = pos - folio.pos
            if bytes > folio.size - offset { bytes = folio.size - offset }
            folio.zeroRange(pos, bytes)
            bytes = iomap_write_end(iter, pos, bytes, bytes, folio)
            if bytes == 0 { return -Errno.EIO }  // WARN_ON_ONCE
            pos += bytes
            length -= bytes
            written += bytes
            didZero = true
        } while length > 0
        return written
    }

    /// `iomap_unshare_iter`: rewrites shared (COW) blocks through the page cache so they get private copies.
    ///
    /// Only `IOMAP_F_SHARED` mappings with a mapped srcmap are processed; the model has no reflink, so nothing
    /// reaches it except for completeness.
    func iomap_unshare_iter(_ iter: IomapIter) -> Int {
        traceCall("iomap_unshare_iter", pos: iter.pos)
        let iomap = iter.iomap
        let srcmap = iter.iomap_iter_srcmap
        var pos = iter.pos
        var length = iter.iomap_length
        var written = 0
        // don't bother with blocks that are not shared to start with
        if !iomap.flags.contains(.IOMAP_F_SHARED) { return length }
        // don't bother with holes or unwritten extents
        if srcmap.type == .IOMAP_HOLE || srcmap.type == .IOMAP_UNWRITTEN { return length }
        repeat {
            let bytes = min(length, geometry.pageSize - pos % geometry.pageSize)
            var folioOut: Folio?
            let status = iomap_write_begin(iter, pos, bytes, &folioOut)
            if status != 0 { return status }
            if iter.iomap.flags.contains(.IOMAP_F_STALE) { break }
            let n = iomap_write_end(iter, pos, bytes, bytes, folioOut!)
            if n == 0 { return -Errno.EIO }
            pos += n
            written += n
            length -= n
        } while length > 0
        return written
    }
}
