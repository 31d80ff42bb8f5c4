// MARK: - Locked page cache truncation (mm/truncate.c)

extension Inode {
    /// `truncate_pagecache_range(inode, lstart, lend)`: drops or zeroes the cache over a range, under folio locks.
    ///
    /// `lend` is inclusive. Locks each cached folio of the range in ascending order (as `truncate_inode_pages_range`
    /// does), then drops or zeroes them; 0 or `-EDEADLK`.
    ///
    /// Each folio's writeback is waited for under its lock. A large folio only partly in the range is split to
    /// order-0 folios (`truncate_inode_partial_folio` → `split_folio`) so the pages wholly inside go and the rest
    /// stay; when the split fails a dirty folio stays whole (zeroed over the range), a clean one is dropped whole.
    /// Spec: (spec: invalidate-locking/problem), (spec: seek-data-scanning/problem), (spec: overview/truncate-split)
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
            let r = ByteRange(start: lstart, end: endEx)
            for (i, f) in locked.enumerated() where f.size > geometry.pageSize && f.range.intersection(r) != f.range {
                truncate_inode_partial_folio(f, locked: &locked[i])
            }
            mapping.truncate_pagecache_range(lstart, lend)
        }
        for f in locked.reversed() { folio_unlock(f) }
        return status
    }

    /// `truncate_inode_partial_folio`, large-folio tail: `split_folio`; on failure a clean folio goes whole.
    ///
    /// The zeroing (`folio_zero_range`) and the removal of the pages wholly inside are the mapping primitive's
    /// (`AddressSpace.truncate_pagecache_range`), run after this over the split pages, as the kernel's second pass
    /// (`find_get_entries` → `truncate_inode_folio`) does; a failed split of a dirty folio returns false there,
    /// which keeps the folio whole. `locked` becomes the head page, which the split leaves locked.
    /// Spec: (spec: overview/truncate-split)
    // excerpt: truncate_inode_partial_folio
    private func truncate_inode_partial_folio(_ folio: Folio, locked: inout Folio) {
        if split_folio(folio) == 0 {
            locked = mapping.folio(containing: folio.pos)!
        } else if !folio.dirty {
            mapping.remove(folio)   // truncate_inode_folio: its data is on disk or reads as zeroes
        }
    }
    // excerpt-end
}
