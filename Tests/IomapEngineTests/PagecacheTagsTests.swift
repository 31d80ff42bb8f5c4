import Testing
@testable import IomapEngine

// MARK: - Helpers

private func cache(pages: Int) -> (AddressSpace, [Folio]) {
    let m = AddressSpace(geometry: Geometry(blockSize: 4096, folioSize: 4096, deviceBlocks: 1 << 14))
    return (m, (0..<pages).map { m.createFolio(at: $0 * 4096) })
}

private func marks(_ m: AddressSpace, _ f: Folio) -> [PagecacheTag] {
    PagecacheTag.allCases.filter { m.xa_get_mark(f, $0) }
}

// MARK: - Marks (mm/page-writeback.c)

@Test func dirtyingSetsTheDirtyMarkOnlyWhenTheFolioWasClean() {
    let (m, f) = cache(pages: 1)
    #expect(m.filemap_dirty_folio(f[0]))
    #expect(!m.filemap_dirty_folio(f[0]))   // folio_test_set_dirty: already dirty
    #expect(marks(m, f[0]) == [.PAGECACHE_TAG_DIRTY])
}

@Test func taggingMarksOnlyDirtyFoliosOfTheRange() {
    let (m, f) = cache(pages: 4)
    m.filemap_dirty_folio(f[0]); m.filemap_dirty_folio(f[2]); m.filemap_dirty_folio(f[3])
    m.tag_pages_for_writeback(0, 2)
    #expect(f.map { m.xa_get_mark($0, .PAGECACHE_TAG_TOWRITE) } == [true, false, true, false])
}

@Test func startingWritebackClearsTowriteAndTheDirtyMarkOfACleanFolio() {
    let (m, f) = cache(pages: 2)
    for x in f { m.filemap_dirty_folio(x) }
    m.tag_pages_for_writeback(0, 1)
    #expect(m.folio_clear_dirty_for_io(f[0]))
    #expect(m.folio_clear_dirty_for_io(f[1]))
    #expect(!m.folio_clear_dirty_for_io(f[1]))   // already clean
    #expect(marks(m, f[1]) == [.PAGECACHE_TAG_DIRTY, .PAGECACHE_TAG_TOWRITE])   // the mark outlives the flag
    f[1].dirty = true   // redirtied before folio_start_writeback (the flag alone, as folio_redirty_for_writepage)
    m.folio_start_writeback(f[0]); m.folio_start_writeback(f[1])
    #expect(marks(m, f[0]) == [.PAGECACHE_TAG_WRITEBACK])
    #expect(marks(m, f[1]) == [.PAGECACHE_TAG_DIRTY, .PAGECACHE_TAG_WRITEBACK])
    m.folio_end_writeback(f[0])
    #expect(marks(m, f[0]).isEmpty && !f[0].writeback)
}

@Test func tagsGoWithTheFolioAndAreNeverSetOnOneOutsideTheCache() {
    let (m, f) = cache(pages: 1)
    m.filemap_dirty_folio(f[0])
    m.remove(f[0])
    #expect(marks(m, f[0]).isEmpty)
    m.xa_set_mark(f[0], .PAGECACHE_TAG_TOWRITE)
    #expect(marks(m, f[0]).isEmpty)
}

// MARK: - Tagged lookup

@Test func taggedLookupReturnsBatchesOfPagevecSizeAndAdvancesTheIndex() {
    let (m, f) = cache(pages: 40)
    for x in f where x.index % 2 == 0 { m.filemap_dirty_folio(x) }   // 20 dirty folios: 0, 2, ..., 38
    var index = 1
    let first = m.pagevec_lookup_range_tag(&index, 39, .PAGECACHE_TAG_DIRTY)
    #expect(first.map(\.index) == Array(stride(from: 2, through: 30, by: 2)))
    #expect(index == 31)   // past the last folio returned
    let second = m.pagevec_lookup_range_tag(&index, 35, .PAGECACHE_TAG_DIRTY)
    #expect(second.map(\.index) == [32, 34])
    #expect(index == 36)   // end + 1: the range holds no more
    #expect(m.pagevec_lookup_range_tag(&index, 35, .PAGECACHE_TAG_DIRTY).isEmpty)
    var whole = 39
    #expect(m.pagevec_lookup_range_tag(&whole, Int.max, .PAGECACHE_TAG_DIRTY).isEmpty)
    #expect(m.pagevec_lookup_range_tag(&whole, Int.max, .PAGECACHE_TAG_DIRTY).isEmpty)   // no overflow at the end
}
