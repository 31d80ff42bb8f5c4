import Testing
@testable import IomapEngine

private let k4 = 4096

// MARK: - iomap_iter advance rule (d7b64041164c)

/// An ops table mapping every request as one MAPPED block at the request's block, counting `->iomap_begin` calls.
private final class CountingOps {
    var begins = 0
    var ops: IomapOps {
        IomapOps(name: "test_ops", iomap_begin: { [unowned self] _, pos, _, _, iomap, _ in
            self.begins += 1
            iomap = Iomap(addr: 0, offset: roundDown(pos, k4), length: k4, type: .IOMAP_MAPPED)
            return 0
        })
    }
}

@Test(arguments: [true, false])
func staleIomapWithNothingProcessedRemapsOnlyWithTheCookie(cookie: Bool) {
    let m = testMachine(cookie ? .series : .series.without(.validityCookie))
    let c = CountingOps()
    let iter = IomapIter(pos: 0, len: 2 * k4, flags: .IOMAP_WRITE)
    #expect(m.ip.iomap_iter(iter, c.ops) == 1)
    iter.iomap.flags.insert(.IOMAP_F_STALE)
    iter.processed = 0
    let again = m.ip.iomap_iter(iter, c.ops)
    if cookie {
        #expect(again == 1)           // remap the whole remaining range
        #expect(iter.pos == 0)
        #expect(c.begins == 2)
    } else {
        #expect(again == 0)           // processed == 0 ends the iteration
        #expect(c.begins == 1)
    }
}

@Test func iteratorAdvancesByProcessedAndStopsOnError() {
    let m = testMachine()
    let c = CountingOps()
    let iter = IomapIter(pos: 100, len: 2 * k4, flags: .IOMAP_WRITE)
    #expect(m.ip.iomap_iter(iter, c.ops) == 1)
    #expect(iter.iomap_length == k4 - 100)
    iter.processed = k4 - 100
    #expect(m.ip.iomap_iter(iter, c.ops) == 1)
    #expect(iter.pos == k4)
    iter.processed = -Errno.EFAULT
    #expect(m.ip.iomap_iter(iter, c.ops) == -Errno.EFAULT)
}

// MARK: - Short writes (efault injection)

@Test func shortCopyIsRetriedWithTheCopiedLength() {
    let m = testMachine()
    // Buffer readable for 5000 bytes: block 0 whole, 904 bytes of block 1 (rejected once, retried as 904 bytes).
    let r = m.perform(.pwrite(offset: 0, data: filled("A", 4 * k4), efaultAfter: 5000))
    #expect(r == OperationResult(value: 5000))
    #expect(m.fileSize == 5000)
    #expect(m.fileContent(ByteRange(offset: 0, length: 5000)) == filled("A", 5000))
    // iomap_end punched [round_up(5000), 16k): two delalloc blocks remain.
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 4 * k4)) == "ddhh")
    #expect(m.reservedBlocks == 2)
    #expect(m.violations.isEmpty)
}

@Test func unreadableBufferFailsAndPunchesEverything() {
    let m = testMachine()
    let r = m.perform(.pwrite(offset: 0, data: filled("A", 4 * k4), efaultAfter: 0))
    #expect(r.error == .EFAULT)
    #expect(m.fileSize == 0)
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 4 * k4)) == "hhhh")
    #expect(m.reservedBlocks == 0)
    #expect(m.violations.isEmpty)
}

// MARK: - __iomap_write_begin: zero or read partial blocks

@Test func subBlockWriteZeroesOnlyTheTouchedBlock() {
    let m = testMachine(bs: 1024, folio: 4096)
    #expect(m.perform(.pwrite(offset: 1500, data: filled("A", 100))) == OperationResult(value: 100))
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: k4)) == "hdhh")
    #expect(m.cachePicture(ByteRange(offset: 0, length: k4)) == "dDdd")
    let r = m.perform(.pread(offset: 0, length: 1600))
    #expect(r.data == [UInt8](repeating: 0, count: 1500) + filled("A", 100))
    #expect(m.violations.isEmpty)
}

@Test func partialWriteOverUnwrittenZeroesTheRestOfTheBlock() {
    let m = testMachine()
    #expect(m.perform(.fallocate(offset: 0, length: k4, keepSize: false)).error == nil)
    #expect(m.perform(.pwrite(offset: 100, data: filled("B", 10))) == OperationResult(value: 10))
    #expect(m.fileContent(ByteRange(offset: 0, length: k4))
            == [UInt8](repeating: 0, count: 100) + filled("B", 10) + [UInt8](repeating: 0, count: k4 - 110))
    #expect(m.violations.isEmpty)
}

@Test func partialWriteOverWrittenBlockReadsItFromDisk() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", k4)))
    #expect(m.perform(.fsync).error == nil)
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: k4)) == "w")
    m.perform(.reclaim(offset: 0, length: k4))
    #expect(m.cachePicture(ByteRange(offset: 0, length: k4)) == "-")
    #expect(m.perform(.pwrite(offset: 100, data: filled("B", 10))) == OperationResult(value: 10))
    #expect(m.fileContent(ByteRange(offset: 0, length: k4)) == filled("A", 100) + filled("B", 10) + filled("A", k4 - 110))
    #expect(m.callCount("iomap_read_folio_sync") == 1)
    #expect(m.violations.isEmpty)
}

@Test func writesCreatePageSizedFoliosReadaheadLargeOnes() {
    let m = testMachine(bs: 1024, folio: 16384)
    m.perform(.pwrite(offset: 0, data: filled("A", 8192)))
    #expect(m.folios(in: ByteRange(offset: 0, length: 8192)).map(\.description) == ["0+4k", "4k+4k"])
    m.perform(.truncate(size: 32768))
    m.perform(.readahead(offset: 16384, length: 16384))
    #expect(m.folios(in: ByteRange(offset: 16384, length: 16384)).map(\.description) == ["16k+16k"])
}
