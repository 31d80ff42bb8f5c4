// MARK: - Splitting a large folio (mm/huge_memory.c)

extension Inode {
    /// `split_folio(folio)` → `split_huge_page_to_list`: splits a locked large page-cache folio into order-0 folios.
    ///
    /// 0 or `-EBUSY`, checked in 6.2's order: under writeback; `folio_test_private` and `filemap_release_folio`
    /// refusing (it refuses under writeback, then asks `a_ops->release_folio`: `iomap_release_folio` keeps a dirty
    /// folio's `iomap_page`); `can_split_folio`'s reference count (not modelled: no references, pins or page
    /// tables). On success every page becomes a folio of its own with the head's `PG_uptodate` and `PG_dirty`
    /// (`__split_huge_page_tail` copies the flags; the per-block `iomap_page` is gone, so a page is uptodate only
    /// if the whole folio was). The head page stays locked by its holder, the tail pages come out unlocked.
    /// Spec: (spec: overview/truncate-split)
    // excerpt: split_folio
    func split_folio(_ folio: Folio) -> Int {
        precondition(folio.isLocked && folio.size > geometry.pageSize, "split_folio of \(folio.range)")
        let EBUSY = -Int(Errno.EBUSY.rawValue)
        if folio.writeback { return EBUSY }
        // Every large folio iomap has touched carries an iomap_page (folio_test_private): release it first.
        if !filemap_release_folio(folio) { return EBUSY }
        let pages = mapping.replaceWithPages(folio)
        pages[0].lockOwner = folio.lockOwner   // the head page keeps the lock (`.folio(pos)` is unchanged)
        folio.lockOwner = nil
        return 0
    }
    // excerpt-end

    /// `filemap_release_folio`: false under writeback, else the filesystem's `->release_folio` (true without one).
    ///
    /// Without `->release_folio` the kernel calls `try_to_free_buffers`; the model has no buffer heads, so true.
    func filemap_release_folio(_ folio: Folio) -> Bool {
        if folio.writeback { return false }
        return mapping.a_ops?.release_folio?(self, folio) ?? true
    }
}

extension AddressSpace {
    /// The page-cache half of `__split_huge_page`: replaces `folio` with its pages as order-0 folios, head first.
    ///
    /// Each page keeps its bytes and gets the folio's dirty and all-blocks-uptodate state; the ghost per-block
    /// dirty record follows the bytes. Returns the new folios in file order.
    func replaceWithPages(_ folio: Folio) -> [Folio] {
        let page = geometry.pageSize, bpp = page / folio.blockSize
        let i = firstIndex(endingAfter: folio.pos)
        precondition(i < folios.count && folios[i] === folio, "split of a folio not in the cache")
        let uptodate = folio.isUptodate
        let pages = stride(from: folio.pos, to: folio.nextPos, by: page).map { pos in
            let p = Folio(pos: pos, size: page, blockSize: folio.blockSize, pageSize: page)
            let off = pos - folio.pos, b = off / folio.blockSize
            p.data = Array(folio.data[off..<(off + page)])
            p.uptodate = [Bool](repeating: uptodate, count: bpp)
            p.dataDirty = Array(folio.dataDirty[b..<(b + bpp)])
            p.dirty = folio.dirty
            p.owner = self
            return p
        }
        folios.replaceSubrange(i...i, with: pages)
        if changes.isRecording { for p in pages { p.touched = true; changes.note(p) } }
        return pages
    }
}
