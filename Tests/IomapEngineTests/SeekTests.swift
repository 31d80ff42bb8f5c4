import Testing
@testable import IomapEngine

// MARK: - lseek(SEEK_DATA / SEEK_HOLE) through xfs_seek_iomap_ops

@Test func seekOverWrittenDataAndHoles() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 4096, storageBytes("A", 4096))
    _ = m.perform(.writeback(offset: 0, length: 1 << 20))
    m.ip.i_size_write(16384)
    #expect(m.seekData(0) == 4096)
    #expect(m.seekHole(0) == 0)
    #expect(m.seekHole(4096) == 8192)
    #expect(m.seekData(8192) == nil)          // nothing before EOF
    #expect(m.seekHole(12000) == 12000)
    #expect(m.seekData(16384) == nil)         // at EOF: ENXIO
    #expect(m.seekHole(16384) == -6)
}

@Test func seekHoleReturnsEOFAfterTrailingData() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("B", 8192))
    m.ip.i_size_write(6000)
    #expect(m.seekHole(0) == 6000)
}

@Test func delallocIsDataWithoutProbingTheCache() {
    // xfs_bmbt_to_iomap reports delalloc as IOMAP_DELALLOC, which iomap_seek_*_iter treat as data (default case).
    let m = storageMachine()
    try! m.mount.allocator.reserve(2)
    m.ip.i_df.replaceRange(1, 2, with: .delalloc(1, 2))  // no folio at all behind it
    m.ip.i_size_write(16384)
    #expect(m.seekData(0) == 4096)
    #expect(m.seekHole(4096) == 12288)
}

@Test func unwrittenProbesThePageCache() throws {
    let m = storageMachine()
    try xfs_bmapi_write_prealloc(m.ip, 0, 4)
    m.ip.i_size_write(16384)
    #expect(m.seekData(0) == nil)             // unwritten, nothing cached: no data
    #expect(m.seekHole(0) == 0)
    let f = m.mapping.createFolio(at: 8192)
    f.setRangeUptodate(8192, 4096)            // cached (clean) data over the unwritten block
    #expect(m.seekData(0) == 8192)
    #expect(m.seekHole(8192) == 12288)
    #expect(m.seekHole(0) == 0)
}

@Test func unwrittenProbeIsPerBlockInsideALargeFolio() throws {
    let m = storageMachine(bs: 1024, folio: 16384)
    try xfs_bmapi_write_prealloc(m.ip, 0, 16)
    m.ip.i_size_write(16384)
    let f = m.mapping.createFolio(at: 0)
    f.setRangeUptodate(2048, 2048)
    f.setRangeUptodate(9216, 1024)
    #expect(m.seekData(0) == 2048)
    #expect(m.seekHole(2048) == 4096)
    #expect(m.seekData(4096) == 9216)
    #expect(m.seekHole(9216) == 10240)
    #expect(m.seekData(10240) == nil)
}

@Test func seekIsSideEffectFree() throws {
    let m = storageMachine()
    try xfs_bmapi_write_prealloc(m.ip, 0, 2)
    m.ip.i_size_write(8192)
    let n = m.trace.count
    _ = m.seekData(0); _ = m.seekHole(0)
    #expect(m.trace.count == n)
    #expect(m.mapping.folios.isEmpty)
}
