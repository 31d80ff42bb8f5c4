// MARK: - Page-cache tags (include/linux/fs.h, mm/page-writeback.c, mm/filemap.c)

/// `PAGECACHE_TAG_*`: the xarray marks of `mapping->i_pages` that writeback looks folios up by.
///
/// `DIRTY` is `XA_MARK_0`, `WRITEBACK` `XA_MARK_1`, `TOWRITE` `XA_MARK_2`; the raw value is the mark's bit.
/// Spec: (spec: overview/writeback-tagging)
public enum PagecacheTag: UInt8, CaseIterable, Sendable {
    /// `PAGECACHE_TAG_DIRTY`: set by `__folio_mark_dirty`, cleared by `__folio_start_writeback` on a clean folio.
    case PAGECACHE_TAG_DIRTY = 0b001
    /// `PAGECACHE_TAG_WRITEBACK`: set by `__folio_start_writeback`, cleared by `__folio_end_writeback`.
    case PAGECACHE_TAG_WRITEBACK = 0b010
    /// `PAGECACHE_TAG_TOWRITE`: set by `tag_pages_for_writeback` on DIRTY folios, cleared by `__folio_start_writeback`.
    case PAGECACHE_TAG_TOWRITE = 0b100
}

extension AddressSpace {
    // MARK: Marks

    /// `xa_get_mark(&mapping->i_pages, folio->index, tag)`.
    public func xa_get_mark(_ folio: Folio, _ tag: PagecacheTag) -> Bool {
        folio.xaMarks & tag.rawValue != 0
    }

    /// `xas_set_mark`: marks the folio's slot (only a folio still in this cache has one).
    func xa_set_mark(_ folio: Folio, _ tag: PagecacheTag) {
        guard self.folio(containing: folio.pos) === folio else { return }
        folio.xaMarks |= tag.rawValue
    }

    /// `xas_clear_mark`.
    func xa_clear_mark(_ folio: Folio, _ tag: PagecacheTag) {
        folio.xaMarks &= ~tag.rawValue
    }

    // MARK: Dirtying and cleaning (mm/page-writeback.c)

    /// `filemap_dirty_folio`: sets `PG_dirty`; a folio newly dirtied gets `PAGECACHE_TAG_DIRTY` (`__folio_mark_dirty`).
    ///
    /// Returns true when the folio was clean (`!folio_test_set_dirty`). `__folio_mark_dirty` marks the slot only
    /// while the folio is in the mapping (`folio->mapping`). Spec: (spec: overview/writeback-tagging)
    @discardableResult
    public func filemap_dirty_folio(_ folio: Folio) -> Bool {
        if folio.dirty { return false }
        folio.dirty = true
        xa_set_mark(folio, .PAGECACHE_TAG_DIRTY)
        return true
    }

    /// `folio_clear_dirty_for_io`: clears `PG_dirty` of a locked folio before writeback; true when it was dirty.
    ///
    /// The DIRTY mark stays: `__folio_start_writeback` clears it, and a folio redirtied before that keeps it.
    /// The model has no page tables, so there is no `folio_mkclean` write-protection step.
    func folio_clear_dirty_for_io(_ folio: Folio) -> Bool {
        guard folio.dirty else { return false }
        folio.dirty = false
        return true
    }

    /// `__folio_start_writeback(folio, keep_write=false)`: sets `PG_writeback` and updates the marks.
    ///
    /// Marks the slot `PAGECACHE_TAG_WRITEBACK`, clears `PAGECACHE_TAG_DIRTY` when the folio is not dirty and
    /// always clears `PAGECACHE_TAG_TOWRITE` (the folio has been written for this integrity pass).
    /// Spec: (spec: overview/writeback-tagging)
    func folio_start_writeback(_ folio: Folio) {
        folio.writeback = true
        xa_set_mark(folio, .PAGECACHE_TAG_WRITEBACK)
        if !folio.dirty { xa_clear_mark(folio, .PAGECACHE_TAG_DIRTY) }
        xa_clear_mark(folio, .PAGECACHE_TAG_TOWRITE)
    }

    /// `__folio_end_writeback`: clears `PG_writeback` and `PAGECACHE_TAG_WRITEBACK`.
    func folio_end_writeback(_ folio: Folio) {
        folio.writeback = false
        xa_clear_mark(folio, .PAGECACHE_TAG_WRITEBACK)
    }

    // MARK: Tagged lookup

    /// `tag_pages_for_writeback(mapping, start, end)`: marks every DIRTY folio overlapping the pages `TOWRITE`.
    ///
    /// `start` and `end` are page indexes, `end` inclusive. Only folios dirty now are tagged, so a
    /// `WB_SYNC_ALL` walk over `TOWRITE` writes what was dirty when it started. Spec: (spec: overview/writeback-tagging)
    func tag_pages_for_writeback(_ start: Int, _ end: Int) {
        for folio in folios(in: pageRange(start, end)) where xa_get_mark(folio, .PAGECACHE_TAG_DIRTY) {
            xa_set_mark(folio, .PAGECACHE_TAG_TOWRITE)
        }
    }

    /// `pagevec_lookup_range_tag(&pvec, mapping, &index, end, tag)`: up to `PAGEVEC_SIZE` folios marked `tag`.
    ///
    /// The folios (one entry each, large or not) with the mark, in index order, overlapping the pages
    /// `[index, end]`; `index` moves past the last one returned (`folio->index + folio_nr_pages`), or past `end`
    /// when the range holds no more.
    func pagevec_lookup_range_tag(_ index: inout Int, _ end: Int, _ tag: PagecacheTag) -> [Folio] {
        guard index <= end else { return [] }
        var batch: [Folio] = []
        for folio in folios(in: pageRange(index, end)) where xa_get_mark(folio, tag) {
            batch.append(folio)
            if batch.count == Self.PAGEVEC_SIZE { break }
        }
        if batch.count == Self.PAGEVEC_SIZE, let last = batch.last {
            index = last.nextPos / geometry.pageSize
        } else {
            index = end == Int.max ? end : end + 1
        }
        return batch
    }

    /// `PAGEVEC_SIZE`: the batch of a tagged lookup.
    static let PAGEVEC_SIZE = 15

    /// The bytes of the pages `[start, end]` (`end` inclusive, `Int.max` for the end of the file).
    private func pageRange(_ start: Int, _ end: Int) -> ByteRange {
        let page = geometry.pageSize
        let last = end >= Int.max / page ? Int.max : (end + 1) * page
        return ByteRange(start: start >= Int.max / page ? last : min(start * page, last), end: last)
    }
}
