import Testing
@testable import IomapEngine

// Acceptance scenarios. Each runs with the series and with one switch off, and checks the outcome derived from
// the kernel code (6.2 and the pre-patch code in the thread's diffs), not from what the engine printed.

private let k4 = 4096

// MARK: - xfs/559: stale UNWRITTEN iomap zeroes data written back behind the write

/// 10-block unwritten file, last byte dirty; W writes all but the last byte and is paused before the last
/// folio's lock; WB writes the last block back (unwritten → written, sequence bump); reclaim drops the folio.
private func xfs559(_ patches: PatchSet) -> (Machine, ActorStatus) {
    let m = testMachine(patches)
    let size = 10 * k4
    #expect(m.perform(.fallocate(offset: 0, length: size, keepSize: false)).error == nil)
    #expect(m.perform(.pwrite(offset: size - 1, data: filled("Z", 1))) == OperationResult(value: 1))
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: size)) == "uuuuuuuuuu")
    #expect(m.start(actor: "W", .pwrite(offset: 0, data: filled("W", size - 1)),
                    until: PauseTarget(point: .writeBegin, pos: 9 * k4)) == pausedAt(.writeBegin, 9 * k4))
    let seqBefore = m.sequence(.data)
    #expect(result(m.start(actor: "WB", .writeback(offset: 9 * k4, length: k4), until: nil))?.error == nil)
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: size)) == "uuuuuuuuuw")
    #expect(m.sequence(.data) > seqBefore)
    #expect(m.perform(.reclaim(offset: 9 * k4, length: k4)).error == nil)
    #expect(m.cachePicture(ByteRange(offset: 9 * k4, length: k4)) == "-")
    return (m, m.resume(actor: "W", until: nil))
}

@Test func xfs559SeriesRemapsAndKeepsTheLastByte() {
    let (m, w) = xfs559(.series)
    #expect(w == .done(OperationResult(value: 10 * k4 - 1)))
    // STALE → short write → remap at 36k → MAPPED (written) → block read from disk → last byte preserved.
    #expect(m.fileContent(ByteRange(offset: 10 * k4 - 1, length: 1)) == filled("Z", 1))
    #expect(m.fileContent(ByteRange(offset: 9 * k4, length: k4 - 1)) == filled("W", k4 - 1))
    #expect(m.callCount("xfs_iomap_valid") > 0)
    #expect(m.trace.contains { $0.kind == .call && $0.name == "iomap_read_folio_sync" && $0.pos == 9 * k4 })
    #expect(m.violations.isEmpty)
}

@Test func xfs559WithoutValidityCookieLosesTheLastByte() {
    let (m, w) = xfs559(.series.without(.validityCookie))
    #expect(w == .done(OperationResult(value: 10 * k4 - 1)))
    // The cached UNWRITTEN iomap makes __iomap_write_begin zero the partial block: the last byte is lost.
    #expect(m.fileContent(ByteRange(offset: 10 * k4 - 1, length: 1)) == [0])
    #expect(m.callCount("xfs_iomap_valid") == 0)
    #expect(m.violations.isEmpty)
}

// MARK: - generic/346 style: write failure cleanup vs a racing mmap store

/// W pwrites 16k into a 16k hole; the user buffer faults after 4k. W is paused after iomap_begin (delalloc
/// 0+16k NEW reserved); F stores 4k at 8k through the mapping (the fault finds W's delalloc and dirties the page).
private func generic346(_ patches: PatchSet) -> (Machine, ActorStatus) {
    let m = testMachine(patches)
    #expect(m.perform(.truncate(size: 4 * k4)).error == nil)
    #expect(m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 4 * k4), efaultAfter: k4),
                    until: PauseTarget(point: .iomapBegin, pos: 0)) == pausedAt(.iomapBegin, 0))
    #expect(m.currentIomap(of: "W")?.description == "delalloc 0+16k NEW")
    #expect(m.reservedBlocks == 4)
    #expect(m.start(actor: "F", .mmapStore(offset: 2 * k4, data: filled("F", k4)), until: nil)
            == .done(OperationResult(value: k4)))
    #expect(m.reservedBlocks == 4)   // the fault found W's delalloc: no new reservation
    return (m, m.resume(actor: "W", until: nil))
}

@Test func generic346SeriesKeepsTheStoredData() {
    let (m, w) = generic346(.series)
    #expect(w == .done(OperationResult(value: k4)))
    #expect(m.fileContent(ByteRange(offset: 2 * k4, length: k4)) == filled("F", k4))
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 4 * k4)) == "dhdh")
    #expect(m.cachePicture(ByteRange(offset: 0, length: 4 * k4)) == "D-D-")
    #expect(m.reservedBlocks == 2)
    #expect(m.violations.isEmpty)
}

@Test func generic346WithoutSeekDataScanLosesTheStoredData() {
    let (m, w) = generic346(.series.without(.seekDataScan))
    #expect(w == .done(OperationResult(value: k4)))
    // truncate_pagecache_range(4k, 16k-1) dropped F's dirty folio, then the punch removed the delalloc under it.
    #expect(m.fileContent(ByteRange(offset: 2 * k4, length: k4)) == [UInt8](repeating: 0, count: k4))
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 4 * k4)) == "dhhh")
    #expect(m.cachePicture(ByteRange(offset: 0, length: 4 * k4)) == "D---")
    #expect(m.reservedBlocks == 1)
    #expect(m.violations.isEmpty)
}

// MARK: - invalidate_lock: a fault between the cache walk and the punch

/// W's write fails after 4k and its cleanup is paused before punching `[4k, 16k)`; F then stores at 8k.
private func invalidateRace(_ patches: PatchSet) -> (Machine, ActorStatus) {
    let m = testMachine(patches)
    #expect(m.perform(.truncate(size: 4 * k4)).error == nil)
    #expect(m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 4 * k4), efaultAfter: k4),
                    until: PauseTarget(point: .punch, pos: k4)) == pausedAt(.punch, k4))
    return (m, m.start(actor: "F", .mmapStore(offset: 2 * k4, data: filled("F", k4)), until: nil))
}

@Test func invalidateLockSeriesBlocksTheFault() {
    let (m, f) = invalidateRace(.series)
    #expect(f == .blocked(lock: .lock(.invalidate_lock)))
    #expect(result(m.resume(actor: "W", until: nil)) == OperationResult(value: k4))
    #expect(m.resume(actor: "F", until: nil) == .done(OperationResult(value: k4)))
    // The fault ran after the punch: it found a hole and reserved its own delalloc.
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 4 * k4)) == "dhdh")
    #expect(m.fileContent(ByteRange(offset: 2 * k4, length: k4)) == filled("F", k4))
    #expect(m.reservedBlocks == 2)
    #expect(m.violations.isEmpty)
}

@Test func invalidateLockOffLeavesADirtyFolioWithoutBacking() {
    let (m, f) = invalidateRace(.series.without(.invalidateLock))
    // Nothing keeps the fault out: it dirties the page over W's delalloc, which W then punches.
    #expect(f == .done(OperationResult(value: k4)))
    #expect(result(m.resume(actor: "W", until: nil)) == OperationResult(value: k4))
    #expect(violationNames(m) == ["dirty-without-backing"])
}

/// The pre-series cleanup (truncate + punch, no invalidate_lock): the fault re-instantiates the folio after the
/// truncate and before the punch (198dd8aedee6's race).
@Test func preSeriesTruncateThenPunchRace() {
    let pre = PatchSet.series.without(.invalidateLock, .seekDataScan, .byteRangePunch)
    let (m, f) = invalidateRace(pre)
    #expect(f == .done(OperationResult(value: k4)))
    #expect(result(m.resume(actor: "W", until: nil)) == OperationResult(value: k4))
    #expect(violationNames(m) == ["dirty-without-backing"])
    // With invalidate_lock alone (patch 2 applied) the fault waits.
    let (m2, f2) = invalidateRace(.series.without(.seekDataScan, .byteRangePunch))
    #expect(f2 == .blocked(lock: .lock(.invalidate_lock)))
    _ = m2.resume(actor: "W", until: nil)
    _ = m2.resume(actor: "F", until: nil)
    #expect(m2.violations.isEmpty)
}

// MARK: - mkwrite-ops-split: page faults must not run the write-failure cleanup

/// drop_writes is set (tag 28, only accepted without errortag-removal); F stores 4k at 0 of a 4k hole.
private func mkwrite(_ patches: PatchSet) -> (Machine, ActorStatus) {
    let m = testMachine(patches.without(.errortagRemoval))
    #expect(m.perform(.truncate(size: k4)).error == nil)
    #expect(m.perform(.errortagSet(tag: XFS_ERRTAG_DROP_WRITES, value: 1)).error == nil)
    return (m, m.start(actor: "F", .mmapStore(offset: 0, data: filled("F", k4)), until: nil))
}

@Test func mkwriteOpsSplitHasNoIomapEnd() {
    let (m, f) = mkwrite(.series)
    #expect(f == .done(OperationResult(value: k4)))
    #expect(m.fileContent(ByteRange(offset: 0, length: k4)) == filled("F", k4))
    let fStart = m.trace.first { $0.kind == .start && $0.actor == "F" }!.index
    #expect(m.callCount("xfs_buffered_write_iomap_end", since: fStart) == 0)
    #expect(m.callCount("xfs_buffered_write_iomap_begin", since: fStart) == 1)
    #expect(m.violations.isEmpty)
}

@Test func withoutMkwriteOpsSplitTheFaultDeadlocksOnItself() {
    let (m, f) = mkwrite(.series.without(.mkwriteOpsSplit))
    // iomap_end → drop_writes → punch: invalidate_lock exclusive while the fault holds it shared (and a folio).
    #expect(result(f)?.error == .EDEADLK)
    #expect(violationNames(m) == ["deadlock"])
    // Pre-series cleanup (truncate_pagecache_range) instead waits for the folio lock the fault holds.
    let (m2, f2) = mkwrite(.none)
    #expect(result(f2)?.error == .EDEADLK)
    #expect(m2.violations.contains { $0.name == "deadlock" && $0.detail.contains("folio@0") })
}

// MARK: - drop_writes (xfs/196): unfixable with the page cache scan

@Test func dropWritesKeepsDirtyDataOnlyWithTheScan() {
    let m = testMachine(.series.without(.errortagRemoval))
    #expect(m.perform(.errortagSet(tag: XFS_ERRTAG_DROP_WRITES, value: 1)).error == nil)
    // The write "succeeds"; the cleanup finds its own dirty folio and keeps the delalloc under it.
    #expect(m.perform(.pwrite(offset: 0, data: filled("A", k4))) == OperationResult(value: k4))
    #expect(m.fileContent(ByteRange(offset: 0, length: k4)) == filled("A", k4))
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: k4)) == "d")

    let old = testMachine(.series.without(.errortagRemoval, .seekDataScan))
    #expect(old.perform(.errortagSet(tag: XFS_ERRTAG_DROP_WRITES, value: 1)).error == nil)
    // Pre-f43dc4dc3eff: truncate + punch drop the write the syscall reported as done.
    #expect(old.perform(.pwrite(offset: 0, data: filled("A", k4))) == OperationResult(value: k4))
    #expect(old.fileContent(ByteRange(offset: 0, length: k4)) == [UInt8](repeating: 0, count: k4))
    #expect(old.extentPicture(.data, ByteRange(offset: 0, length: k4)) == "h")
    #expect(old.violations.isEmpty)
}
