import Testing
@testable import IomapEngine

// MARK: - A second filesystem plugs into the generic core

/// A toy filesystem: every file byte `pos` lives at device byte `base + pos`, always MAPPED (no allocation).
private final class IdentityFs {
    let base: Int
    var readBegins = 0
    init(base: Int) { self.base = base }

    var read_iomap_ops: IomapOps {
        IomapOps(name: "identity_read_iomap_ops", iomap_begin: { [unowned self] _, pos, length, _, iomap, _ in
            self.readBegins += 1
            iomap = Iomap(addr: self.base + pos, offset: pos, length: length, type: .IOMAP_MAPPED)
            return 0
        })
    }

    var a_ops: AddressSpaceOperations {
        AddressSpaceOperations(
            name: "identity_aops",
            read_folio: { [unowned self] inode, folio in inode.iomap_read_folio(folio, self.read_iomap_ops) },
            readahead: { [unowned self] inode, folios in inode.iomap_readahead(folios, self.read_iomap_ops) },
            writepages: { _, _, _ in 0 })
    }
}

@Test func aSecondFilesystemReadsThroughTheGenericPageCacheAndIomapCode() throws {
    let g = Geometry(blockSize: 4096, deviceBlocks: 16)
    let device = MemoryBlockDevice(sizeBytes: 16 * 4096)
    try device.write(at: 8192, [UInt8](repeating: 7, count: 4096) + [UInt8](repeating: 9, count: 4096))
    let state = RuntimeState()
    let kernel = KernelContext(rt: DirectRuntime(state: state), patches: .series, device: device)
    let inode = Inode(geometry: g, kernel: kernel)
    let fs = IdentityFs(base: 8192)
    inode.i_mapping.a_ops = fs.a_ops
    inode.i_size_write(8192)
    var out: [UInt8] = []
    #expect(inode.filemap_read(0, 8192, into: &out) == 8192)
    #expect(out == [UInt8](repeating: 7, count: 4096) + [UInt8](repeating: 9, count: 4096))
    #expect(fs.readBegins == 2)   // one ->iomap_begin per folio read
    #expect(state.traceEvents.contains { $0.kind == .call && $0.name == "iomap_read_folio" })
    #expect(!state.traceEvents.contains { $0.name.hasPrefix("xfs_") })
}

// MARK: - The inspection runtime

@Test func seekIsAnInspection() {
    let m = testMachine()
    #expect(m.perform(.pwrite(offset: 8192, data: filled("a", 4096))).error == nil)
    let trace = m.trace, violations = m.violations
    #expect(m.seekData(0) == 8192)
    #expect(m.seekHole(8192) == 12288)
    #expect(m.trace == trace)
    #expect(m.violations == violations)
}

@Test func theSameSeekOnTheDirectRuntimeIsTraced() {
    let m = testMachine()
    #expect(m.perform(.pwrite(offset: 8192, data: filled("a", 4096))).error == nil)
    let t0 = m.trace.count
    #expect(m.ip.xfs_file_llseek(0, .data) == 8192)
    #expect(m.callCount("iomap_iter", since: t0) >= 2)
    #expect(m.trace[t0...].contains { $0.kind == .pause && $0.name == PausePoint.iomapBegin.rawValue })
}

// MARK: - One wait mechanism

@Test func theHarnessCannotWaitForALockOrForWriteback() {
    let m = testMachine()
    _ = m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 4096)), until: PauseTarget(point: .copied))
    // i_rwsem is held by the paused W: the straight-through runtime cannot sleep.
    #expect(m.perform(.truncate(size: 0)).error == .EDEADLK)
    #expect(m.violations.last?.invariant == .deadlock)
    #expect(m.violations.last?.location == "take i_rwsem")
    _ = m.resume(actor: "W", until: nil)
    // Writeback paused after submission: the folio stays under writeback; the harness's fsync cannot wait for it.
    _ = m.start(actor: "B", .writeback(offset: 0, length: 4096), until: PauseTarget(point: .ioSubmit))
    #expect(m.perform(.fsync).error == .EDEADLK)
    #expect(m.violations.last?.location == "wait writeback@0")
    m.abandonActors()
}
