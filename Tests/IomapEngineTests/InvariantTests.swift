import Testing
@testable import IomapEngine

// The dirty-folio invariants read the ghost per-block state `Folio.dataDirty` (blocks that received data since
// the folio was last cleaned), not the folio's bytes and not 6.2's per-folio dirty flag.

private let k1 = 1024
private let k4 = 4096

// MARK: - Ghost state bookkeeping

@Test func writeEndMarksOnlyTheCopiedBlocksDataDirty() {
    let m = testMachine(bs: k1)
    #expect(m.perform(.truncate(size: k4)).error == nil)
    #expect(m.perform(.pwrite(offset: k1 + 100, data: filled("a", k1))) == OperationResult(value: k1))
    let f = m.mapping.folio(containing: 0)!
    // [1124, 2148) overlaps blocks 1 and 2 of the 4k folio.
    #expect(f.dirty)
    #expect(f.dataDirty == [false, true, true, false])
}

@Test func writebackCleansTheGhostState() {
    let m = testMachine(bs: k1)
    #expect(m.perform(.pwrite(offset: 0, data: filled("a", k4))) == OperationResult(value: k4))
    #expect(m.mapping.folio(containing: 0)!.dataDirty == [true, true, true, true])
    #expect(m.perform(.writeback(offset: 0, length: k4)).error == nil)
    let f = m.mapping.folio(containing: 0)!
    #expect(!f.dirty)
    #expect(f.dataDirty == [false, false, false, false])
}

@Test func mmapStoreMarksTheStoredBlocksDataDirty() {
    let m = testMachine(bs: k1)
    #expect(m.perform(.truncate(size: k4)).error == nil)
    #expect(m.perform(.mmapStore(offset: 3 * k1, data: filled("s", 10))) == OperationResult(value: 10))
    #expect(m.mapping.folio(containing: 0)!.dataDirty == [false, false, false, true])
    #expect(m.violations.isEmpty)
}

@Test func truncatePagecacheRangeForgetsOnlyBlocksWhollyInside() {
    let mapping = AddressSpace(geometry: Geometry(blockSize: k1, folioSize: k4, deviceBlocks: 64))
    let f = mapping.createFolio(at: 0)
    f.dirty = true
    f.setRangeDataDirty(0, k4)
    // [1536, 3072): block 1 is partly inside (kept), block 2 wholly inside (forgotten).
    mapping.truncate_pagecache_range(1536, 3071)
    #expect(f.dataDirty == [true, true, false, true])
    mapping.truncate_pagecache_range(0, k4 - 1)
    #expect(mapping.folios.isEmpty)
    #expect(f.dataDirty == [false, false, false, false])
}

// MARK: - dirty-without-backing

/// W's write fails after 4k and its cleanup is paused before punching `[4k, 16k)`; F stores `data` at 8k.
private func invalidateRace(_ patches: PatchSet, storing data: [UInt8]) -> Machine {
    let m = testMachine(patches)
    #expect(m.perform(.truncate(size: 4 * k4)).error == nil)
    #expect(m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 4 * k4), efaultAfter: k4),
                    until: PauseTarget(point: .punch, pos: k4)) == pausedAt(.punch, k4))
    _ = m.start(actor: "F", .mmapStore(offset: 2 * k4, data: data), until: nil)
    _ = m.resume(actor: "W", until: nil)
    _ = m.resume(actor: "F", until: nil)
    return m
}

@Test func lostStoreOfZeroBytesIsReported() {
    // The data is all zero bytes; a content-based rule cannot see it, the ghost state does.
    let zeroes = [UInt8](repeating: 0, count: k4)
    let m = invalidateRace(.series.without(.invalidateLock), storing: zeroes)
    #expect(violationNames(m) == ["dirty-without-backing"])
    #expect(m.violations.first?.detail.contains("data at 8192") == true)
    // With the series the fault waits for the punch, then reserves its own delalloc: nothing to report.
    #expect(invalidateRace(.series, storing: zeroes).violations.isEmpty)
}

@Test func subFolioWriteIntoALargeFolioOverHolesIsNotReported() {
    // A 16k folio read over a 16k hole (all blocks uptodate zeroes), then 1k written into its second block: the
    // folio is dirty, three of its blocks have no extent, but only block 1 holds data.
    let m = testMachine(folio: 4 * k4)
    #expect(m.perform(.truncate(size: 4 * k4)).error == nil)
    #expect(m.perform(.readahead(offset: 0, length: 4 * k4)).error == nil)
    #expect(m.folios(in: ByteRange(offset: 0, length: 4 * k4)).map(\.size) == [4 * k4])
    #expect(m.perform(.pwrite(offset: k4, data: filled("a", k1))) == OperationResult(value: k1))
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 4 * k4)) == "hdhh")
    #expect(m.cachePicture(ByteRange(offset: 0, length: 4 * k4)) == "DDDD")
    #expect(m.violations.isEmpty)
}

@Test func ghostDirtyBlockOverAHoleBelowEOFIsReported() {
    let m = testMachine(bs: k1)
    #expect(m.perform(.truncate(size: k4)).error == nil)
    #expect(m.perform(.pwrite(offset: 0, data: filled("a", k1))) == OperationResult(value: k1))
    #expect(m.violations.isEmpty)
    // Block 2 (a hole) claims data it never received: both rules must catch it.
    let f = m.mapping.folio(containing: 0)!
    f.dataDirty[2] = true
    m.state.checkInvariants(at: "test")
    #expect(violationNames(m) == ["dirty-not-uptodate", "dirty-without-backing"])
}

@Test func ghostDirtyBlockPastEOFIsNotCheckedForBacking() {
    let m = testMachine(bs: k1)
    #expect(m.perform(.pwrite(offset: 0, data: filled("a", k1))) == OperationResult(value: k1))
    let f = m.mapping.folio(containing: 0)!
    f.uptodate[2] = true
    f.dataDirty[2] = true   // beyond i_size = 1k: writeback never writes it
    m.state.checkInvariants(at: "test")
    #expect(m.violations.isEmpty)
}

// MARK: - dirty-not-uptodate

@Test func subFolioWriteLeavesOtherBlocksNotUptodateWithoutViolation() {
    // 1k blocks, 4k folio: writing block 0 of a hole leaves blocks 1-3 not uptodate in a dirty folio (6.2 does
    // this); they hold no data, so the rule is satisfied.
    let m = testMachine(bs: k1)
    #expect(m.perform(.truncate(size: k4)).error == nil)
    #expect(m.perform(.pwrite(offset: 0, data: filled("a", k1))) == OperationResult(value: k1))
    #expect(m.cachePicture(ByteRange(offset: 0, length: k4)) == "Dddd")
    #expect(m.violations.isEmpty)
}
