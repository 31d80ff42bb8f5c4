import Testing
@testable import IomapEngine

// MARK: - Helpers

func storageMachine(bs: Int = 4096, folio: Int = 4096, device: Int = 64 << 20, patches: PatchSet = .series) -> Machine {
    Machine(config: EngineConfig(blockSize: bs, folioSize: folio, deviceBytes: device, patches: patches))
}

func storageBytes(_ c: Character, _ n: Int) -> [UInt8] { [UInt8](repeating: c.asciiValue!, count: n) }

/// Dirty cached data over delalloc without going through the write path: the state `iomap_write_end` leaves.
func storageDirtyDelalloc(_ m: Machine, _ pos: Int, _ data: [UInt8], uptodateOnly: ByteRange? = nil) {
    let g = m.geometry
    var p = pos
    while p < pos + data.count {
        let f = m.mapping.folio(containing: p) ?? m.mapping.createFolio(at: p)
        let n = min(f.nextPos, pos + data.count) - p
        f.data.replaceSubrange((p - f.pos)..<(p - f.pos + n), with: data[(p - pos)..<(p - pos + n)])
        f.setRangeUptodate(p, n)
        m.mapping.filemap_dirty_folio(f)
        p += n
    }
    let s = g.XFS_B_TO_FSBT(pos), e = g.XFS_B_TO_FSB(pos + data.count)
    for fsb in s..<e where m.ip.i_df.lookup(fsb) == nil {
        try! m.mount.allocator.reserve(1)
        m.ip.i_df.replaceRange(fsb, 1, with: .delalloc(fsb, 1))
    }
    if pos + data.count > m.ip.i_size { m.ip.i_size_write(pos + data.count) }
}

func storageExtents(_ m: Machine, _ from: Int, _ to: Int) -> String {
    m.extentPicture(.data, ByteRange(start: from, end: to))
}

// MARK: - Delalloc conversion and unwritten completion

@Test func writebackConvertsDelallocAndWritesTheDevice() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("A", 8192))
    #expect(storageExtents(m, 0, 8192) == "dd")
    let r = m.perform(.writeback(offset: 0, length: 8192))
    #expect(r.error == nil)
    #expect(storageExtents(m, 0, 8192) == "ww")
    #expect(m.diskContent(ByteRange(start: 0, end: 8192)) == storageBytes("A", 8192).map { Optional($0) })
    #expect(m.folios(in: ByteRange(start: 0, end: 8192)).allSatisfy { !$0.dirty && !$0.writeback })
    #expect(m.reservedBlocks == 0)
    #expect(m.violations.isEmpty)
    // One conversion for the whole delalloc extent, the second block reuses the cached mapping (xfs_imap_valid).
    #expect(m.callCount("xfs_bmapi_convert_delalloc") == 1)
    #expect(m.callCount("xfs_map_blocks") == 2)
    #expect(m.callCount("xfs_end_ioend") == 1 && m.callCount("xfs_iomap_write_unwritten") == 1)
}

@Test func extentsStayUnwrittenUntilIOCompletion() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("B", 8192))
    let s = m.start(actor: "WB", .writeback(offset: 0, length: 8192), until: PauseTarget(point: .ioSubmit))
    #expect(s == .paused(.ioSubmit, pos: 0))
    // Submitted: data on the device, blocks allocated but unwritten, folios under writeback.
    #expect(storageExtents(m, 0, 8192) == "uu")
    #expect(m.cachePicture(ByteRange(start: 0, end: 8192)) == "WW")
    #expect(m.fileContent(ByteRange(start: 0, end: 8192)) == storageBytes("B", 8192))
    let d = m.resume(actor: "WB", until: nil)
    #expect(d == .done(OperationResult()))
    #expect(storageExtents(m, 0, 8192) == "ww")
    #expect(m.cachePicture(ByteRange(start: 0, end: 8192)) == "uu")
}

@Test func mapBlocksPausesPerBlock() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("C", 12288))
    let s = m.start(actor: "WB", .writeback(offset: 0, length: 12288), until: PauseTarget(point: .mapBlocks, pos: 8192))
    #expect(s == .paused(.mapBlocks, pos: 8192))
    // The first two blocks' folios are under writeback already; the third is locked by the writeback actor.
    #expect(m.cachePicture(ByteRange(start: 0, end: 12288)) == "WWL")
    _ = m.resume(actor: "WB", until: nil)
    #expect(storageExtents(m, 0, 12288) == "www")
}

// MARK: - Ioend building

@Test func ioendsSplitByMappingType() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("D", 8192))
    _ = m.perform(.writeback(offset: 0, length: 8192))     // blocks 0-1 written
    let t0 = m.trace.count
    storageDirtyDelalloc(m, 8192, storageBytes("E", 8192))               // blocks 2-3 delalloc
    let f0 = m.mapping.folio(containing: 0)!
    m.mapping.filemap_dirty_folio(f0)                                     // redirty block 0 (written extent)
    _ = m.perform(.writeback(offset: 0, length: 16384))
    // Block 0 goes in a MAPPED ioend, blocks 2-3 in an UNWRITTEN one: two bios.
    #expect(m.callCount("submit_bio", since: t0) == 2)
    #expect(m.callCount("xfs_end_ioend", since: t0) == 1)
    #expect(storageExtents(m, 0, 16384) == "wwww")
    #expect(m.diskContent(ByteRange(start: 8192, end: 16384)) == storageBytes("E", 8192).map { Optional($0) })
}

// MARK: - Sub-folio blocks and EOF

@Test func onlyUptodateBlocksOfALargeFolioAreWritten() {
    let m = storageMachine(bs: 1024, folio: 16384)
    // 16k folio, 1k blocks: blocks 0-3 dirty data over delalloc; blocks 4-15 not uptodate, no extent (holes).
    storageDirtyDelalloc(m, 0, storageBytes("F", 4096))
    m.ip.i_size_write(16384)
    #expect(m.mapping.folios.count == 1 && m.mapping.folios[0].size == 16384)
    _ = m.perform(.writeback(offset: 0, length: 16384))
    #expect(storageExtents(m, 0, 16384) == "wwww" + String(repeating: "h", count: 12))
    #expect(m.callCount("xfs_map_blocks") == 4)  // not-uptodate blocks are not even mapped
    #expect(m.diskContent(ByteRange(start: 0, end: 4096)) == storageBytes("F", 4096).map { Optional($0) })
}

@Test func folioStraddlingEOFIsZeroedPastEOF() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("G", 4096))
    m.ip.i_size_write(1000)  // a truncate that has not reached the page cache yet
    _ = m.perform(.writeback(offset: 0, length: 4096))
    let f = m.mapping.folio(containing: 0)!
    #expect(f.data[999] == UInt8(ascii: "G") && f.data[1000] == 0 && f.data[4095] == 0)
    let disk = m.diskContent(ByteRange(start: 0, end: 4096))
    #expect(disk[999] == UInt8(ascii: "G") && disk[1000] == 0)
}

@Test func folioWhollyPastEOFIsCleanedNotWritten() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("H", 8192))
    m.ip.i_size_write(4096)
    _ = m.perform(.writeback(offset: 0, length: 8192))
    // The second folio is skipped, but xfs_bmapi_convert_delalloc converted the whole delalloc extent (both blocks,
    // bma.length = got.br_blockcount) when mapping the first: the block past EOF is allocated, unwritten.
    #expect(storageExtents(m, 0, 8192) == "wu")
    #expect(!m.mapping.folio(containing: 4096)!.dirty)
}

// MARK: - IO errors

@Test func failedIOLeavesUnwrittenAndReportsEIO() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("I", 8192))
    _ = m.perform(.failIO(offset: 4096, length: 1))
    let r = m.perform(.writeback(offset: 0, length: 8192))
    #expect(r.error == .EIO)
    #expect(storageExtents(m, 0, 8192) == "uu")                       // no unwritten conversion
    #expect(m.diskContent(ByteRange(start: 0, end: 1)) == [0])  // the bio was not written
    #expect(m.cachePicture(ByteRange(start: 0, end: 8192)) == "uu")  // clean, uptodate, no longer under writeback
    #expect(m.callCount("xfs_iomap_write_unwritten") == 0)
    // The error was reported once (WAIT_AFTER advanced the file's errseq past it).
    #expect(m.perform(.writeback(offset: 0, length: 8192)).error == nil)
}

@Test func fsyncReportsAFailedWriteback() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("J", 4096))
    _ = m.perform(.failIO(offset: 0, length: 4096))
    #expect(m.perform(.fsync).error == .EIO)
}

// MARK: - Map failure and xfs_discard_folio

@Test func discardFolioRangeFormulas() {
    // 6.2: [pos, round_up(pos, folio_size)): empty for a folio-aligned pos.
    #expect(XfsInode.discardFolioRangeBytes(folioPos: 0, folioSize: 4096, pos: 0) == (0, 0))
    #expect(XfsInode.discardFolioRangeBytes(folioPos: 16384, folioSize: 16384, pos: 20480) == (20480, 32768))
    // Pre-7348b322332d: start_fsb = pos >> blkbits, length = blocks_per_folio - offset_in_folio >> blkbits.
    #expect(XfsInode.discardFolioRangeFsb(folioPos: 0, folioSize: 4096, pos: 0, blockSize: 4096) == (0, 1))
    #expect(XfsInode.discardFolioRangeFsb(folioPos: 16384, folioSize: 16384, pos: 20480, blockSize: 1024) == (20, 12))
}

@Test func discardFolioAtAFolioAlignedPosPunchesNothingIn62() {
    for patches in [PatchSet.series, .series.without(.byteRangePunch)] {
        // pos 4096, not 0: at 0 the empty range wraps in xfs_iext_lookup_extent_before (FailMapTests).
        let m = storageMachine(patches: patches)
        storageDirtyDelalloc(m, 4096, storageBytes("K", 4096))
        let f = m.mapping.folio(containing: 4096)!
        m.ip.xfs_discard_folio(f, 4096)
        let expected = patches.contains(.byteRangePunch) ? "hd" : "hh"
        #expect(storageExtents(m, 0, 8192) == expected, "\(patches)")
        #expect(m.reservedBlocks == (patches.contains(.byteRangePunch) ? 1 : 0))
    }
}

@Test func mapFailureCallsDiscardFolioAndReportsTheError() {
    // Device of 4 blocks, all allocated; a dirty folio over delalloc that lost its reservation cannot be converted.
    let m = storageMachine(device: 4 * 4096, patches: .series.without(.byteRangePunch))
    _ = try! m.mount.allocator.allocate(4, from: false)
    let f = m.mapping.createFolio(at: 0)
    f.data = storageBytes("L", 4096); f.setRangeUptodate(0, 4096); m.mapping.filemap_dirty_folio(f)
    m.ip.i_df.replaceRange(0, 1, with: .delalloc(0, 1))
    m.ip.i_size_write(4096)
    let r = m.perform(.writeback(offset: 0, length: 4096))
    #expect(r.error == .ENOSPC)
    #expect(m.callCount("xfs_discard_folio") == 1)
    #expect(storageExtents(m, 0, 4096) == "h")   // pre-patch block range: the delalloc block is punched
    #expect(!f.dirty && !f.writeback && f.lockOwner == nil)
}

// MARK: - On-disk size

@Test func appendingIOAdvancesTheOnDiskSizeCappedAtISize() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("M", 8192))
    m.ip.i_size_write(6000)
    #expect(m.ip.i_disk_size == 0)
    _ = m.perform(.writeback(offset: 0, length: 4096))
    #expect(m.ip.i_disk_size == 4096)           // xfs_setfilesize: offset + size of the completed ioend
    _ = m.perform(.writeback(offset: 4096, length: 4096))
    #expect(m.ip.i_disk_size == 6000)           // xfs_new_eof caps at i_size
    let t0 = m.trace.count
    m.mapping.filemap_dirty_folio(m.mapping.folio(containing: 0)!)
    _ = m.perform(.writeback(offset: 0, length: 4096))
    #expect(m.callCount("xfs_end_ioend", since: t0) == 0)  // a written, non-appending ioend completes in iomap
}

@Test func discardParameterFunctionsAgreeWithTheEngine() throws {
    // The spec's parameter tables are checked against ParameterFunctions; xfs_discard_folio punches with
    // XfsInode.discardFolioRange*: both must give the same ranges over a grid of folio sizes, block sizes and positions.
    let fsbFn = try #require(ParameterFunctions.all["discard-folio-range-fsb"])
    let bytesFn = try #require(ParameterFunctions.all["discard-folio-range-bytes"])
    for bs in [512, 1024, 4096] {
        for folioSize in [4096, 16384, 65536] where folioSize >= bs {
            let folioPos = 3 * folioSize
            for pos in stride(from: folioPos, to: folioPos + folioSize, by: bs) {
                let args = ["folio_pos": folioPos, "folio_size": folioSize, "pos": pos, "bs": bs]
                let b = XfsInode.discardFolioRangeBytes(folioPos: folioPos, folioSize: folioSize, pos: pos)
                #expect(bytesFn.evaluate(args) == ["start": b.start, "end": b.end])
                let f = XfsInode.discardFolioRangeFsb(folioPos: folioPos, folioSize: folioSize, pos: pos, blockSize: bs)
                #expect(fsbFn.evaluate(args) == ["start": f.start_fsb * bs, "end": (f.start_fsb + f.length) * bs])
                // Off: always to the folio end. On: to the folio end unless pos is folio aligned (then empty).
                #expect((f.start_fsb + f.length) * bs == folioPos + folioSize)
                #expect(b.end == (pos == folioPos ? pos : folioPos + folioSize))
            }
        }
    }
}

// MARK: - Waiting for writeback

@Test func fsyncWaitsForWritebackInFlight() {
    let m = storageMachine()
    storageDirtyDelalloc(m, 0, storageBytes("N", 4096))
    #expect(m.start(actor: "WB", .writeback(offset: 0, length: 4096), until: PauseTarget(point: .ioSubmit))
            == .paused(.ioSubmit, pos: 0))
    // fsync finds nothing dirty but the folio under writeback: __filemap_fdatawait_range sleeps on it.
    #expect(m.start(actor: "S", .fsync, until: nil) == .blocked(lock: .writeback(pos: 0)))
    #expect(m.resume(actor: "S", until: nil) == .blocked(lock: .writeback(pos: 0)))  // still in flight
    #expect(m.resume(actor: "WB", until: nil) == .done(OperationResult()))
    #expect(m.resume(actor: "S", until: nil) == .done(OperationResult()))
    #expect(m.violations.isEmpty)
    // The synchronous harness cannot sleep: it reports a deadlock instead of waiting.
    storageDirtyDelalloc(m, 4096, storageBytes("O", 4096))
    _ = m.start(actor: "WB2", .writeback(offset: 4096, length: 4096), until: PauseTarget(point: .ioSubmit))
    #expect(m.perform(.fsync).error == .EDEADLK)
    #expect(m.violations.map(\.name) == ["deadlock"])
    _ = m.resume(actor: "WB2", until: nil)
}
