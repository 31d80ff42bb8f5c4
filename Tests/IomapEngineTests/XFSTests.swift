import Testing
@testable import IomapEngine

private let k4 = 4096

@Test func truncateDownZeroesThePartialEofBlock() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", 2 * k4)))
    #expect(m.perform(.truncate(size: 5000)).error == nil)
    #expect(m.fileSize == 5000)
    #expect(m.perform(.truncate(size: 2 * k4)).error == nil)
    #expect(m.fileContent(ByteRange(offset: 0, length: 2 * k4))
            == filled("A", 5000) + [UInt8](repeating: 0, count: 2 * k4 - 5000))
    #expect(m.violations.isEmpty)
}

@Test func truncateDownFreesBlocksPastEof() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", 4 * k4)))
    #expect(m.perform(.truncate(size: k4)).error == nil)
    #expect(m.extents(.data, in: ByteRange(offset: 0, length: 4 * k4)).allSatisfy { $0.offset + $0.length <= k4 })
    #expect(m.reservedBlocks == 0 || m.reservedBlocks == 1)
    #expect(m.violations.isEmpty)
}

@Test func punchHoleUnmapsWholeBlocks() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", 4 * k4)))
    #expect(m.perform(.punchHole(offset: k4, length: 2 * k4)).error == nil)
    #expect(m.fileSize == 4 * k4)
    #expect(m.fileContent(ByteRange(offset: 0, length: 4 * k4))
            == filled("A", k4) + [UInt8](repeating: 0, count: 2 * k4) + filled("A", k4))
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 4 * k4)).dropFirst().prefix(2) == "hh")
    #expect(m.cachePicture(ByteRange(offset: k4, length: 2 * k4)) == "--")
    #expect(m.violations.isEmpty)
}

@Test func zeroRangeInsideABlockKeepsTheRest() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", 4 * k4)))
    #expect(m.perform(.zeroRange(offset: 1000, length: 2000, keepSize: false)).error == nil)
    #expect(m.fileContent(ByteRange(offset: 0, length: k4))
            == filled("A", 1000) + [UInt8](repeating: 0, count: 2000) + filled("A", k4 - 3000))
    #expect(m.fileContent(ByteRange(offset: k4, length: 3 * k4)) == filled("A", 3 * k4))
    #expect(m.violations.isEmpty)
}

@Test func fallocateKeepSizeAllocatesUnwrittenPastEof() {
    let m = testMachine()
    #expect(m.perform(.fallocate(offset: 0, length: 2 * k4, keepSize: true)).error == nil)
    #expect(m.fileSize == 0)
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 2 * k4)) == "uu")
    #expect(m.perform(.fallocate(offset: 0, length: 3 * k4, keepSize: false)).error == nil)
    #expect(m.fileSize == 3 * k4)
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 3 * k4)) == "uuu")
}

@Test func speculativePreallocationPastEofOfALargeFile() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", 16 * k4)))
    #expect(m.reservedBlocks == 16)   // i_size was below 64 KiB: no preallocation
    m.perform(.pwrite(offset: 16 * k4, data: filled("B", k4)))
    // 64 KiB file: twice the preceding 16-block extent = 32 blocks from XFS_ALLOC_ALIGN(64k) → blocks [16, 48).
    #expect(m.reservedBlocks == 48)
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 49 * k4)) == String(repeating: "d", count: 48) + "h")
    #expect(m.fileSize == 17 * k4)
    #expect(m.violations.isEmpty)
}

/// A thousand seeded random operations leave no invariant violation (throughput is measured by `iomapspec bench`, never timed here).
@Test func thousandRandomOperationsKeepInvariants() {
    let m = testMachine()
    m.tracing = false
    var seed: UInt64 = 42
    func next(_ n: Int) -> Int {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Int((seed >> 33) % UInt64(n))
    }
    do {
        for _ in 0..<1000 {
            let off = next(256 * 1024), len = 1 + next(64 * 1024)
            switch next(6) {
            case 0, 1: m.perform(.pwrite(offset: off, data: filled("A", len)))
            case 2: m.perform(.pread(offset: off, length: len))
            case 3: m.perform(.truncate(size: next(256 * 1024)))
            case 4: m.perform(.mmapStore(offset: off % max(1, m.fileSize), data: filled("M", min(len, 8192))))
            default: m.perform(.punchHole(offset: off, length: len))
            }
        }
    }
    #expect(m.violations.isEmpty, "\(m.violations.prefix(3))")
}

@Test func truncateWaitsForWritebackInFlight() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", 8192)))
    #expect(m.start(actor: "WB", .writeback(offset: 0, length: 8192), until: PauseTarget(point: .ioSubmit))
            == pausedAt(.ioSubmit, 0))
    // truncate_inode_pages_range waits for writeback under the folio lock.
    #expect(m.start(actor: "T", .truncate(size: 0), until: nil) == .blocked(lock: .writeback(pos: 0)))
    #expect(result(m.resume(actor: "WB", until: nil))?.error == nil)
    #expect(result(m.resume(actor: "T", until: nil)) == OperationResult(value: 0))
    #expect(m.fileSize == 0)
    #expect(m.cachePicture(ByteRange(offset: 0, length: 8192)) == "--")
    #expect(m.violations.isEmpty)
}
