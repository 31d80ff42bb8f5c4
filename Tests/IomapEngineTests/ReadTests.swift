import Testing
@testable import IomapEngine

// MARK: - Helpers

/// Writes `data` at `pos` through dirty folios + writeback, then drops the clean folios: the data is on disk only.
private func onDisk(_ m: Machine, _ pos: Int, _ data: [UInt8]) {
    storageDirtyDelalloc(m, pos, data)
    _ = m.perform(.writeback(offset: pos, length: data.count))
    _ = m.perform(.reclaim(offset: 0, length: 1 << 30))
}

private func cache(_ m: Machine, _ from: Int, _ to: Int) -> String { m.cachePicture(ByteRange(start: from, end: to)) }

// MARK: - Readahead

@Test func readaheadReadsWrittenBlocksAndZeroesHoles() {
    let m = storageMachine()
    onDisk(m, 4096, storageBytes("R", 4096))
    m.ip.i_size_write(12288)
    #expect(cache(m, 0, 12288) == "---")
    let t0 = m.trace.count
    #expect(m.perform(.readahead(offset: 0, length: 12288)).error == nil)
    #expect(cache(m, 0, 12288) == "uuu")
    let f = m.mapping.folios
    #expect(f[0].data == storageBytes("\0", 4096) && f[1].data == storageBytes("R", 4096) && f[2].data == storageBytes("\0", 4096))
    // One iomap iteration over the run of three new folios: hole, mapped, hole.
    #expect(m.callCount("xfs_read_iomap_begin", since: t0) == 3)
    #expect(m.callCount("submit_bio", since: t0) == 1)
    #expect(m.mapping.folios.allSatisfy { $0.lockOwner == nil })
}

@Test func readaheadStopsAtEOFAndSkipsCachedFolios() {
    let m = storageMachine()
    onDisk(m, 0, storageBytes("S", 8192))
    m.ip.i_size_write(5000)
    let existing = m.mapping.createFolio(at: 0)  // present, not uptodate: readahead leaves it alone
    _ = m.perform(.readahead(offset: 0, length: 1 << 20))
    #expect(cache(m, 0, 12288) == ".u-")
    #expect(!existing.isUptodate)
}

@Test func unwrittenAndDelallocReadAsZeroes() throws {
    let m = storageMachine()
    try xfs_bmapi_write_prealloc(m.ip, 0, 1)           // block 0 unwritten on device block 0
    try m.device.write(at: 0, storageBytes("X", 4096))  // stale bytes on disk must not show
    try m.mount.allocator.reserve(1)
    m.ip.i_df.replaceRange(1, 1, with: .delalloc(1, 1))
    m.ip.i_size_write(8192)
    _ = m.perform(.readahead(offset: 0, length: 8192))
    #expect(m.mapping.folios.map(\.data) == [storageBytes("\0", 4096), storageBytes("\0", 4096)])
    #expect(cache(m, 0, 8192) == "uu")
}

@Test func blocksWhollyPastEOFAreZeroedTheEOFBlockIsRead() throws {
    let m = storageMachine(bs: 1024, folio: 4096)
    onDisk(m, 0, storageBytes("T", 4096))
    m.ip.i_size_write(1500)
    _ = m.perform(.readahead(offset: 0, length: 4096))
    let f = m.mapping.folio(containing: 0)!
    #expect(f.isUptodate)
    #expect(f.data[0..<2048].allSatisfy { $0 == UInt8(ascii: "T") })  // block 1 holds EOF: read whole from disk
    #expect(f.data[2048..<4096].allSatisfy { $0 == 0 })                // blocks 2-3 are past EOF: zeroed
}

// MARK: - read_folio

@Test func readFolioKeepsUptodateBlocks() throws {
    let m = storageMachine(bs: 1024, folio: 16384)
    onDisk(m, 0, storageBytes("U", 16384))
    let f = m.mapping.createFolio(at: 0)
    #expect(f.size == 16384)
    f.data.replaceSubrange(2048..<4096, with: storageBytes("V", 2048))  // newer cached data in blocks 2-3
    f.setRangeUptodate(2048, 2048)
    #expect(m.ip.read_folio(f) == 0)
    #expect(f.isUptodate)
    #expect(f.data[0..<2048].allSatisfy { $0 == UInt8(ascii: "U") })
    #expect(f.data[2048..<4096].allSatisfy { $0 == UInt8(ascii: "V") })
    #expect(f.data[4096..<16384].allSatisfy { $0 == UInt8(ascii: "U") })
}
