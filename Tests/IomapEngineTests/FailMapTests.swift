import Testing
@testable import IomapEngine

// MARK: - fail-map: ->map_blocks fails, iomap_writepage_map calls ->discard_folio (6.2)

/// A machine with the file sized to `size` (truncate), so writes add no speculative preallocation.
private func sized(_ size: Int, bs: Int = 4096, patches: PatchSet = .series) -> Machine {
    let m = storageMachine(bs: bs, patches: patches)
    #expect(m.perform(.truncate(size: size)).error == nil)
    return m
}

@Test(arguments: [PatchSet.series, .series.without(.byteRangePunch)])
func failMapAtAFolioAlignedPos(_ patches: PatchSet) {
    let m = sized(8192, patches: patches)
    #expect(m.perform(.pwrite(offset: 4096, data: storageBytes("A", 4096))).value == 4096)
    #expect(m.reservedBlocks == 1)
    _ = m.perform(.failMap(offset: 4096, length: 4096))
    let t0 = m.trace.count
    let r = m.perform(.writeback(offset: 0, length: 8192))
    #expect(r.error == .EIO)
    #expect(m.callCount("xfs_discard_folio", since: t0) == 1)
    #expect(m.callCount("xfs_bmapi_convert_delalloc", since: t0) == 1)
    let f = m.mapping.folio(containing: 4096)!
    #expect(!f.dirty && !f.writeback && f.lockOwner == nil)  // unlocked, left clean: no ioend holds it
    #expect(m.cachePicture(ByteRange(start: 0, end: 8192)) == "-u")
    if patches.contains(.byteRangePunch) {
        // 6.2: [4096, round_up(4096, 4096)) is empty: the delalloc block and its reservation leak.
        #expect(m.extentPicture(.data, ByteRange(start: 0, end: 8192)) == "hd")
        #expect(m.reservedBlocks == 1)
    } else {
        // Block form: XFS_B_TO_FSBT(4096) = 1, one block to the folio end: punched.
        #expect(m.extentPicture(.data, ByteRange(start: 0, end: 8192)) == "hh")
        #expect(m.reservedBlocks == 0)
    }
    // sync_file_range returned the submission error before WAIT_AFTER advanced the file's errseq, so the next
    // writeback's WAIT_BEFORE reports it once more and returns (spec: overview/writeback-errors); then it is seen,
    // and the clean folio gives writeback nothing more to do.
    #expect(m.perform(.writeback(offset: 0, length: 8192)).error == .EIO)
    #expect(m.perform(.writeback(offset: 0, length: 8192)).error == nil)
    #expect(m.violations.isEmpty)
}

@Test(arguments: [PatchSet.series, .series.without(.byteRangePunch)])
func failMapAtAnUnalignedPos(_ patches: PatchSet) {
    // 1k blocks in a 4k folio: blocks 0-1 written (A), then the whole folio rewritten (B): blocks 0-1 map as
    // written, blocks 2-3 are delalloc and their conversion fails at 2048.
    let m = sized(8192, bs: 1024, patches: patches)
    _ = m.perform(.pwrite(offset: 0, data: storageBytes("A", 2048)))
    #expect(m.perform(.writeback(offset: 0, length: 4096)).error == nil)
    _ = m.perform(.pwrite(offset: 0, data: storageBytes("B", 4096)))
    #expect(m.extentPicture(.data, ByteRange(start: 0, end: 4096)) == "wwdd")
    _ = m.perform(.failMap(offset: 2048, length: 2048))
    let t0 = m.trace.count
    #expect(m.perform(.writeback(offset: 0, length: 4096)).error == .EIO)
    #expect(m.callCount("xfs_discard_folio", since: t0) == 1)
    // Both forms punch [2048, 4096).
    #expect(m.extentPicture(.data, ByteRange(start: 0, end: 4096)) == "wwhh")
    #expect(m.reservedBlocks == 0)
    // Blocks 0-1 were added to the ioend; write_cache_pages returns -EIO and iomap_writepages submits that ioend
    // with the error: it completes failed, nothing reaches the disk, the folio ends writeback clean.
    #expect(m.diskContent(ByteRange(start: 0, end: 2048)) == storageBytes("A", 2048).map { Optional($0) })
    let f = m.mapping.folio(containing: 0)!
    #expect(!f.dirty && !f.writeback && f.lockOwner == nil)
    #expect(m.fileContent(ByteRange(start: 0, end: 4096)) == storageBytes("B", 4096))
    #expect(m.violations.isEmpty)
}

@Test(arguments: [PatchSet.series, .series.without(.byteRangePunch)])
func failMapAtPosZero(_ patches: PatchSet) {
    // 6.2 at pos 0: xfs_bmap_punch_delalloc_range(ip, 0, 0): end_fsb - 1 wraps, the lookup steps back to the last
    // extent and the walk punches every delalloc extent, here also block 2 under a dirty folio.
    let m = sized(16384, patches: patches)
    _ = m.perform(.pwrite(offset: 0, data: storageBytes("A", 4096)))
    _ = m.perform(.pwrite(offset: 8192, data: storageBytes("C", 4096)))
    _ = m.perform(.failMap(offset: 0, length: 4096))
    #expect(m.perform(.writeback(offset: 0, length: 4096)).error == .EIO)
    if patches.contains(.byteRangePunch) {
        #expect(m.extentPicture(.data, ByteRange(start: 0, end: 16384)) == "hhhh")
        #expect(m.reservedBlocks == 0)
        #expect(Set(m.violations.map(\.name)) == ["dirty-without-backing"])
        // The unseen error is reported by the next writeback's WAIT_BEFORE, which then returns (errseq).
        #expect(m.perform(.writeback(offset: 8192, length: 4096)).error == .EIO)
        #expect(m.diskContent(ByteRange(start: 8192, end: 8193)) == [nil])
        // Writeback of the dirty folio at 8k now finds a hole and skips it: the data never reaches the disk.
        #expect(m.perform(.writeback(offset: 8192, length: 4096)).error == nil)
        #expect(m.diskContent(ByteRange(start: 8192, end: 8193)) == [nil])
    } else {
        #expect(m.extentPicture(.data, ByteRange(start: 0, end: 16384)) == "hhdh")
        #expect(m.reservedBlocks == 1)
        #expect(m.violations.isEmpty)
    }
}
