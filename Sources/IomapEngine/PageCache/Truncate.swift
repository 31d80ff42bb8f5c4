// MARK: - Locked page cache truncation (mm/truncate.c)

extension Inode {
    /// `truncate_pagecache_range(inode, lstart, lend)`: drops or zeroes the cache over a range, under folio locks.
    ///
    /// `lend` is inclusive. Locks each cached folio of the range in ascending order (as `truncate_inode_pages_range`
    /// does), then drops or zeroes them; 0 or `-EDEADLK`.
    ///
    /// Each folio's writeback is waited for under its lock. Simplification: the kernel splits large folios that
    /// are only partly in the range; the model behaves as if the split failed (clean ones dropped whole).
    /// Spec: (spec: invalidate-locking/problem), (spec: seek-data-scanning/problem)
    func truncate_pagecache_range(_ lstart: Int, _ lend: Int) -> Int {
        traceCall("truncate_pagecache_range", pos: lstart)
        let endEx = lend < 0 || lend == Int.max ? Int.max : lend + 1
        guard endEx > lstart else { return 0 }
        let victims = mapping.folios(in: ByteRange(start: lstart, end: endEx))
        var locked: [Folio] = []
        var status = 0
        for f in victims {
            let r = folio_lock(f)
            if r < 0 { status = r; break }
            locked.append(f)
            // truncate_inode_folio / truncate_inode_partial_folio: folio_wait_writeback under the folio lock
            let w = folio_wait_writeback(f)
            if w < 0 { status = w; break }
        }
        if status == 0 {
            // truncate_inode_partial_folio: a large folio only partly in the range is zeroed there and split; when
            // the split fails a clean folio is dropped whole (its data is on disk or reads as zeroes). The model
            // never splits, so it always takes that path: clean partial large folios go, dirty ones stay zeroed.
            let r = ByteRange(start: lstart, end: endEx)
            for f in locked where f.size > geometry.pageSize && !f.dirty && f.range.intersection(r) != f.range {
                mapping.remove(f)
            }
            mapping.truncate_pagecache_range(lstart, lend)
        }
        for f in locked.reversed() { folio_unlock(f) }
        return status
    }
}
