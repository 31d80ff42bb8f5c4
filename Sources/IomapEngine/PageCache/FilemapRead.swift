// MARK: - Buffered read and read faults (mm/filemap.c)

extension Inode {
    /// `mapping->a_ops->read_folio(file, folio)`: the filesystem fills the locked folio; 0 or `-errno`.
    func read_folio(_ folio: Folio) -> Int {
        guard let a_ops = mapping.a_ops else { return -Errno.EIO }
        return a_ops.read_folio(self, folio)
    }

    /// `filemap_read`: copies a file range out of the page cache, reading what is missing.
    ///
    /// Copies `[offset, offset+length)` (clipped at EOF) out of the page cache, creating and
    /// reading missing folios (`filemap_create_folio` under `invalidate_lock` shared) and reading not-uptodate
    /// ones (`filemap_update_page`); blocks already uptodate are used as they are (`iomap_is_partially_uptodate`).
    /// The uptodate check covers the caller's whole count (`filemap_get_pages(iocb, iter->count)` →
    /// `filemap_range_uptodate`), so a read across EOF reads a partially uptodate folio and its post-EOF blocks
    /// become uptodate (zeroed); only the copy stops at i_size. Spec: (spec: overview/read-through-eof)
    func filemap_read(_ offset: Int, _ length: Int, into out: inout [UInt8]) -> Int {
        traceCall("filemap_read", pos: offset)
        if offset < 0 || length < 0 { return -Errno.EINVAL }
        var pos = offset
        let end = offset + length
        while pos < end && pos < i_size {
            // filemap_range_uptodate gets the caller's whole count, not clipped at i_size.
            guard let folio = filemap_get_uptodate_folio(pos, need: ByteRange(start: pos, end: end))
            else { return out.isEmpty ? -Errno.EIO : out.count }
            let isize = i_size
            let stop = min(end, isize, folio.nextPos)
            if stop <= pos { break }
            out.append(contentsOf: folio.data[(pos - folio.pos)..<(stop - folio.pos)])
            pos = stop
        }
        return out.count
    }

    /// Finds or creates the folio holding `pos` and makes the blocks of `need` inside it uptodate; nil on a read error.
    func filemap_get_uptodate_folio(_ pos: Int, need: ByteRange) -> Folio? {
        if let f = mapping.folio(containing: pos) {
            let r = need.intersection(f.range) ?? ByteRange(offset: pos, length: 1)
            if f.isUptodate || f.isPartiallyUptodate(r.start, r.length) { return f }
            // filemap_update_page
            if filemap_invalidate_lock(.shared) < 0 { return nil }
            defer { filemap_invalidate_unlock() }
            if folio_lock(f) < 0 { return nil }
            defer { folio_unlock(f) }
            if !f.isUptodate && read_folio(f) < 0 { return nil }
            return f
        }
        // filemap_create_folio
        if filemap_invalidate_lock(.shared) < 0 { return nil }
        defer { filemap_invalidate_unlock() }
        let f = mapping.folio(containing: pos) ?? mapping.createFolio(at: pos, limit: roundUp(i_size, geometry.pageSize))
        if folio_lock(f) < 0 { return nil }
        defer { folio_unlock(f) }
        if !f.isUptodate && read_folio(f) < 0 { return nil }
        return f
    }

    // MARK: Read faults

    /// `filemap_fault`: returns the uptodate folio holding `pos`, locked, or `-EFAULT` (SIGBUS) past EOF.
    ///
    /// Missing or not-uptodate folios are created/read under `invalidate_lock` shared. Simplification: no
    /// fault-around or mmap readahead; every store or load faults every page it touches (no PTE state).
    /// Spec: (spec: invalidate-locking/fix)
    func filemap_fault(_ pos: Int, _ folioOut: inout Folio?) -> Int {
        traceCall("filemap_fault", pos: pos)
        let pageSize = geometry.pageSize
        let max_idx = (i_size + pageSize - 1) / pageSize
        if pos / pageSize >= max_idx { return -Errno.EFAULT }
        var folio = mapping.folio(containing: pos)
        var mapping_locked = false
        if folio == nil || !folio!.isUptodate {
            let r = filemap_invalidate_lock(.shared)
            if r < 0 { return r }
            mapping_locked = true
        }
        defer { if mapping_locked { filemap_invalidate_unlock() } }
        var f: Folio
        while true {
            // __filemap_get_folio(FGP_CREAT) looks up again: another task may have added the folio meanwhile.
            f = mapping.folio(containing: pos) ?? mapping.createFolio(at: pos, limit: roundUp(i_size, geometry.pageSize))
            folio = f
            let r = folio_lock(f)
            if r < 0 { return r }
            // Truncated while we slept on the lock (folio->mapping != mapping): unlock and look it up again.
            if mapping.folio(containing: pos) === f { break }
            folio_unlock(f)
        }
        if !f.isUptodate {
            let e = read_folio(f)
            if e < 0 { folio_unlock(f); return e }
        }
        // We must recheck i_size under page lock.
        if pos / pageSize >= (i_size + pageSize - 1) / pageSize {
            folio_unlock(f)
            return -Errno.EFAULT
        }
        folioOut = f
        return 0
    }
}
