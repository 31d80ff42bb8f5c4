import Testing
@testable import IomapEngine

// MARK: - Helpers

private func cache(bs: Int = 4096, folio: Int = 4096) -> AddressSpace {
    AddressSpace(geometry: Geometry(blockSize: bs, folioSize: folio, deviceBlocks: 1 << 14))
}

private let ENXIO = -Int(Errno.ENXIO.rawValue)

// MARK: - Folio

@Test func folioPerBlockUptodate() {
    let f = Folio(pos: 16384, size: 16384, blockSize: 1024, pageSize: 4096)
    #expect(f.index == 4 && f.uptodate.count == 16 && f.nextPos == 32768)
    f.setRangeUptodate(16384 + 2048, 2048)
    #expect(f.uptodate[2] && f.uptodate[3] && !f.uptodate[1] && !f.uptodate[4])
    #expect(f.isPartiallyUptodate(16384 + 2048, 2048))
    #expect(f.isPartiallyUptodate(16384 + 2500, 100))
    #expect(!f.isPartiallyUptodate(16384 + 1024, 2048))
    #expect(!f.isUptodate)
    f.setRangeUptodate(16384, 16384)
    #expect(f.isUptodate)
}

// MARK: - createFolio sizing

@Test func createFolioUsesConfiguredSizeAlignedAtItsSize() {
    let m = cache(folio: 16384)
    let f = m.createFolio(at: 20000)
    #expect(f.pos == 16384 && f.size == 16384)
    #expect(m.folio(containing: 32767) === f && m.folio(containing: 32768) == nil)
}

@Test func createFolioShrinksToAvoidNeighbours() {
    let m = cache(folio: 16384)
    _ = m.createFolio(at: 4096, maxSize: 4096)
    let f = m.createFolio(at: 0)
    #expect(f.pos == 0 && f.size == 4096)
    let g = m.createFolio(at: 8192)
    #expect(g.pos == 8192 && g.size == 8192)
    #expect(m.folios.map(\.pos) == [0, 4096, 8192])
}

@Test func createFolioRespectsMaxSizeAndMinimum() {
    let m = cache(folio: 65536)
    let f = m.createFolio(at: 20480, maxSize: 12288)  // largest power of two ≤ 12k is 8k
    #expect(f.pos == 16384 && f.size == 8192)
    let b = cache(bs: 16384, folio: 4096)
    let g = b.createFolio(at: 20000, maxSize: 4096)  // a folio holds a whole 16k block
    #expect(g.pos == 16384 && g.size == 16384 && g.uptodate.count == 1)
}

// MARK: - truncate_pagecache_range

@Test func truncateRemovesWholeFoliosAndZeroesPartialOnes() {
    let m = cache()
    for pos in [0, 4096, 8192] {
        let f = m.createFolio(at: pos)
        f.data = [UInt8](repeating: 0x41, count: 4096)
        f.setRangeUptodate(pos, 4096)
        f.dirty = true
    }
    m.truncate_pagecache_range(2048, 8999)
    #expect(m.folios.map(\.pos) == [0, 8192])
    let a = m.folios[0], c = m.folios[1]
    #expect(a.data[2047] == 0x41 && a.data[2048] == 0 && a.data[4095] == 0)
    #expect(c.data[0] == 0 && c.data[807] == 0 && c.data[808] == 0x41)
    #expect(a.dirty && c.dirty && a.isUptodate && c.isUptodate)
}

@Test func truncateKeepsPartialLargeFolio() {
    let m = cache(bs: 1024, folio: 16384)
    let f = m.createFolio(at: 0)
    f.data = [UInt8](repeating: 0x42, count: 16384)
    f.setRangeUptodate(0, 16384)
    m.truncate_pagecache_range(4096, -1)  // to EOF: the folio starts before lstart, so it is partial
    #expect(m.folios.count == 1)
    #expect(f.data[4095] == 0x42 && f.data[4096] == 0 && f.data[16383] == 0 && f.isUptodate)
    m.truncate_pagecache_range(0, 16383)  // exactly the folio: removed
    #expect(m.folios.isEmpty)
}

// MARK: - Reclaim

@Test func reclaimOnlyCleanUnlockedIdleFolios() {
    let m = cache()
    let a = m.createFolio(at: 0), b = m.createFolio(at: 4096), c = m.createFolio(at: 8192), d = m.createFolio(at: 12288)
    b.dirty = true; c.lockOwner = "W"; d.writeback = true
    #expect(m.isReclaimable(a) && !m.isReclaimable(b) && !m.isReclaimable(c) && !m.isReclaimable(d))
    #expect(m.reclaim(ByteRange(start: 0, end: 16384)) == 1)
    #expect(m.folios.map(\.pos) == [4096, 8192, 12288])
}

// MARK: - mapping_seek_hole_data

@Test func seekOnEmptyCache() {
    let m = cache()
    #expect(m.mapping_seek_hole_data(0, 8192, whence: .data) == ENXIO)
    #expect(m.mapping_seek_hole_data(100, 8192, whence: .hole) == 100)
    #expect(m.mapping_seek_hole_data(8192, 8192, whence: .hole) == ENXIO)  // end <= start
}

/// One 16k folio with 1k blocks; uptodate blocks 2-3, 7 and 12-15: three discontiguous data regions.
private func fragmentedFolio() -> AddressSpace {
    let m = cache(bs: 1024, folio: 16384)
    let f = m.createFolio(at: 0)
    f.setRangeUptodate(2048, 2048)
    f.setRangeUptodate(7168, 1024)
    f.setRangeUptodate(12288, 4096)
    return m
}

@Test func seekSubFolioRegionsInOneLargeFolio() {
    let m = fragmentedFolio()
    #expect(m.mapping_seek_hole_data(0, 32768, whence: .data) == 2048)
    #expect(m.mapping_seek_hole_data(2048, 32768, whence: .hole) == 4096)
    #expect(m.mapping_seek_hole_data(3000, 32768, whence: .hole) == 4096)
    #expect(m.mapping_seek_hole_data(4096, 32768, whence: .data) == 7168)
    #expect(m.mapping_seek_hole_data(7168, 32768, whence: .hole) == 8192)
    #expect(m.mapping_seek_hole_data(8192, 32768, whence: .data) == 12288)
    #expect(m.mapping_seek_hole_data(13000, 32768, whence: .data) == 13000)  // mid-block in an uptodate block
    #expect(m.mapping_seek_hole_data(12288, 32768, whence: .hole) == 16384)  // runs to the folio end, nothing after
    #expect(m.mapping_seek_hole_data(1500, 32768, whence: .hole) == 1500)    // inside a not-uptodate block
    #expect(m.mapping_seek_hole_data(16384, 32768, whence: .data) == ENXIO)
}

@Test func seekRangesEndingOnBlockAndFolioBoundaries() {
    let m = fragmentedFolio()
    // Hole answer past `end` is clamped to end.
    #expect(m.mapping_seek_hole_data(12288, 16384, whence: .hole) == 16384)
    #expect(m.mapping_seek_hole_data(12288, 14336, whence: .hole) == 14336)
    // Data found in the folio beyond `end` is clamped to `end`, not -ENXIO (mm/filemap.c: `if (start > end) return end`).
    #expect(m.mapping_seek_hole_data(4096, 5120, whence: .data) == 5120)
    // Ending exactly where data starts: the scan finds 7168 ≥ end and clamps.
    #expect(m.mapping_seek_hole_data(4096, 7168, whence: .data) == 7168)
    // Starting at the last byte of a data block.
    #expect(m.mapping_seek_hole_data(4095, 8192, whence: .data) == 4095)
}

@Test func seekAcrossUptodateFoliosAndGaps() {
    let m = cache()
    let a = m.createFolio(at: 0)
    a.setRangeUptodate(0, 4096)
    _ = m.createFolio(at: 8192)  // present, nothing uptodate: a hole
    let c = m.createFolio(at: 12288)
    c.setRangeUptodate(12288, 4096)
    #expect(m.mapping_seek_hole_data(0, 65536, whence: .hole) == 4096)        // the gap after the first folio
    #expect(m.mapping_seek_hole_data(100, 65536, whence: .data) == 100)
    #expect(m.mapping_seek_hole_data(4096, 65536, whence: .data) == 12288)    // skips the gap and the empty folio
    #expect(m.mapping_seek_hole_data(8192, 65536, whence: .hole) == 8192)
    #expect(m.mapping_seek_hole_data(12288, 65536, whence: .hole) == 16384)
    #expect(m.mapping_seek_hole_data(4096, 12288, whence: .data) == ENXIO)    // range ends where data starts
    #expect(m.mapping_seek_hole_data(0, 4096, whence: .hole) == 4096)
}

@Test func seekInsideLargeFoliosWithPageGaps() {
    let m = cache(folio: 65536)
    let a = m.createFolio(at: 0)            // 64k at 0
    a.setRangeUptodate(0, 65536)
    let b = m.createFolio(at: 131072)       // 64k at 128k, second half uptodate
    b.setRangeUptodate(131072 + 32768, 32768)
    #expect(m.mapping_seek_hole_data(40000, 1 << 20, whence: .hole) == 65536)
    #expect(m.mapping_seek_hole_data(65536, 1 << 20, whence: .data) == 131072 + 32768)
    #expect(m.mapping_seek_hole_data(131072 + 40000, 1 << 20, whence: .hole) == 196608)
    #expect(m.mapping_seek_hole_data(131072, 131072 + 32768, whence: .data) == 131072 + 32768)  // clamped to end
}

@Test func seekLocksOnlyFoliosItMustScan() {
    let m = cache()
    let a = m.createFolio(at: 0)
    a.setRangeUptodate(0, 4096)                  // uptodate: answered without the lock
    let b = m.createFolio(at: 4096)              // not uptodate: scanned under the lock
    var locked: [Int] = []
    var unlocked: [Int] = []
    let r = m.mapping_seek_hole_data(0, 8192, whence: .hole,
                                     folio_lock: { locked.append($0.pos); return true },
                                     folio_unlock: { unlocked.append($0.pos) })
    #expect(r == 4096)
    #expect(locked == [4096] && unlocked == [4096])  // a is answered unlocked; b is present, so it is scanned
    _ = m.mapping_seek_hole_data(4096, 8192, whence: .data,
                                 folio_lock: { locked.append($0.pos); return true },
                                 folio_unlock: { unlocked.append($0.pos) })
    #expect(locked == [4096, 4096] && unlocked == [4096, 4096])
    // Truncated while the seeker slept on the folio lock: the folio is given up, `start` is returned as is.
    let r2 = m.mapping_seek_hole_data(4096, 8192, whence: .data,
                                      folio_lock: { f in m.remove(f); return true }, folio_unlock: { _ in })
    #expect(r2 == 4096 && m.folio(containing: 4096) == nil && b.pos == 4096)
}
