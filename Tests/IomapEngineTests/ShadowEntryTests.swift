import Testing
@testable import IomapEngine

// MARK: - Workingset shadow entries (mm/workingset.c, mm/truncate.c): derived from the kernel code

private func cache(folio: Int = 16384) -> AddressSpace {
    AddressSpace(geometry: Geometry(blockSize: 4096, folioSize: folio, deviceBlocks: 1 << 14))
}

/// `__remove_mapping(reclaimed=true)` leaves one value entry per page of the folio; seek counts it as data.
@Test func reclaimLeavesShadowsThatSeekCountsAsData() {
    let m = cache()
    let f = m.createFolio(at: 0)
    f.setRangeUptodate(0, 16384)
    #expect(m.reclaim(ByteRange(start: 0, end: 16384)) == 1)
    #expect(m.folios.isEmpty && m.shadowPages == [0, 1, 2, 3])
    #expect(m.mapping_seek_hole_data(4096, 8192, whence: .data) == 4096)
    #expect(m.mapping_seek_hole_data(4096, 8192, whence: .hole) == 8192)
}

/// A folio stored over shadow entries replaces them (the rest of a larger shadow stays, as after `xas_split`).
@Test func newFolioReplacesShadowsItCovers() {
    let m = cache()
    m.createFolio(at: 0).setRangeUptodate(0, 16384)
    m.reclaim(ByteRange(start: 0, end: 16384))
    _ = m.createFolio(at: 4096, maxSize: 4096)
    #expect(m.shadowPages == [0, 2, 3])
}

/// Truncation clears the shadows of whole pages in the range only (`truncate_folio_batch_exceptionals`).
@Test func truncationClearsShadowsOfWholePages() {
    let m = cache(folio: 4096)
    for pos in stride(from: 0, to: 16384, by: 4096) { m.createFolio(at: pos).setRangeUptodate(pos, 4096) }
    m.reclaim(ByteRange(start: 0, end: 16384))
    m.truncate_pagecache_range(6144, -1)
    #expect(m.shadowPages == [0, 1])
}

/// `invalidate_mapping_pages` drops clean folios without shadows and clears those there; whole pages only.
@Test func invalidationLeavesNoShadows() {
    let m = cache(folio: 4096)
    for pos in stride(from: 0, to: 16384, by: 4096) { m.createFolio(at: pos).setRangeUptodate(pos, 4096) }
    m.reclaim(ByteRange(start: 0, end: 8192))
    #expect(m.invalidate_mapping_pages(ByteRange(start: 2048, end: 16384)) == 2)
    #expect(m.shadowPages == [0])                          // page 0 is only partly in the range
    #expect(m.folios.isEmpty)
    #expect(m.mapping_seek_hole_data(4096, 16384, whence: .data) == -Int(Errno.ENXIO.rawValue))
}
