// MARK: - Readahead (mm/readahead.c)

extension Inode {
    /// Readahead (`page_cache_ra_unbounded`): instantiates and reads the uncached folios of a range.
    ///
    /// Readahead over `[offset, offset+length)` clipped at EOF (`page_cache_ra_unbounded`): allocates a folio of
    /// `folioSize` at each uncached position, never past the page holding EOF (`page_cache_ra_order`), existing
    /// folios skipped as readahead does; locks the new
    /// folios, reads each run of them with the filesystem's `->readahead`, and unlocks; 0 or `-errno`.
    /// Spec: (spec: overview/readahead-eof)
    func page_cache_readahead(_ offset: Int, _ length: Int) -> Int {
        traceCall("page_cache_ra_unbounded", pos: offset)
        let end = min(offset + max(length, 0), roundUp(i_size, geometry.pageSize))
        var pos = roundDown(max(offset, 0), geometry.pageSize)
        var run: [Folio] = []
        var ret = 0
        func flush() {
            guard !run.isEmpty else { return }
            let r = mapping.a_ops?.readahead(self, run) ?? -Errno.EIO
            if r < 0 && ret == 0 { ret = r }
            for f in run { folio_unlock(f) }
            run.removeAll()
        }
        while pos < end {
            if let f = mapping.folio(containing: pos) {
                flush()
                pos = f.nextPos
                continue
            }
            let f = mapping.createFolio(at: pos, limit: roundUp(i_size, geometry.pageSize))
            if folio_lock(f) < 0 { flush(); return -Errno.EDEADLK }
            if let last = run.last, last.nextPos != f.pos { flush() }
            run.append(f)
            pos = f.nextPos
        }
        flush()
        return ret
    }
}
