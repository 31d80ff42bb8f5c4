import IomapEngine

// MARK: - the engine as an fsx target

/// One engine `Machine` (mount + one inode) driven only through its public synchronous operations.
public final class EngineFile: FsxTarget {
    public let machine: Machine

    /// A fresh file system with `blockSize` blocks on `device` (nil: the in-memory device), the whole series applied.
    ///
    /// `check`: the invariant checks after each micro-step (incremental by default); the replay ends with a sweep.
    public init(blockSize: Int, device: BlockDevice? = nil, patches: PatchSet = .series,
                check: InvariantCheck = .incremental) {
        machine = Machine(config: EngineConfig(blockSize: blockSize, patches: patches), device: device)
        machine.tracing = false   // a replay needs results, not the call trace; invariants stay checked
        machine.invariantCheck = check
    }

    /// The full invariant sweep over the final state (catches what no micro-step's check saw).
    public func finishReplay() { machine.sweepInvariants() }

    @discardableResult
    private func run(_ op: Operation) throws -> OperationResult {
        let result = machine.perform(op)
        if let error = result.error { throw error }
        return result
    }

    public func fileSize() throws -> Int { machine.fileSize }

    public func pwrite(offset: Int, data: [UInt8]) throws {
        let r = try run(.pwrite(offset: offset, data: data))
        if r.value != data.count { throw FsxReplayError("short write: \(r.value) of \(data.count) bytes") }
    }

    public func pread(offset: Int, length: Int) throws -> [UInt8] { try run(.pread(offset: offset, length: length)).data }

    public func truncate(size: Int) throws { try run(.truncate(size: size)) }

    /// Stores through the mapping (write faults, `iomap_page_mkwrite`), then msync(MS_SYNC) of the mapping:
    /// `vfs_fsync_range` over `[page-aligned offset, offset + length)`, i.e. writeback of that range and wait.
    public func mapStore(offset: Int, data: [UInt8]) throws {
        if data.isEmpty { return }
        try run(.mmapStore(offset: offset, data: data))
        let start = roundDown(offset, machine.geometry.pageSize)
        try run(.writeback(offset: start, length: offset + data.count - start))
    }

    public func mapLoad(offset: Int, length: Int) throws -> [UInt8] { try run(.mmapLoad(offset: offset, length: length)).data }

    public func fallocate(offset: Int, length: Int, keepSize: Bool) throws {
        try run(.fallocate(offset: offset, length: length, keepSize: keepSize))
    }

    public func punchHole(offset: Int, length: Int) throws { try run(.punchHole(offset: offset, length: length)) }

    public func zeroRange(offset: Int, length: Int, keepSize: Bool) throws {
        try run(.zeroRange(offset: offset, length: length, keepSize: keepSize))
    }

    public func collapseRange(offset: Int, length: Int) throws { try run(.collapseRange(offset: offset, length: length)) }

    public func insertRange(offset: Int, length: Int) throws { try run(.insertRange(offset: offset, length: length)) }

    /// Invariant violations the engine recorded during the replay (none expected).
    public var violations: [InvariantViolation] { machine.violations }

    public func fsync() throws { try run(.fsync) }

    /// The engine's `remount` operation (`xfs_release`, `sync_filesystem`, eviction, a cold inode).
    public func remount() throws { try run(.remount) }

    /// The whole-file hash from the page cache and the extent map (`Machine.forEachContentRun`), without reading.
    ///
    /// Reading the whole file through the cache would cost time and memory in proportion to the file size (a folio
    /// per page, holes included). What that read leaves behind matters afterwards in one place only: SEEK_DATA
    /// reports an unwritten extent as data where its cached blocks are uptodate (`iomap_seek_data` probes the cache
    /// for unwritten extents; holes are holes and written or delalloc extents data whatever is cached). So just the
    /// unwritten extents below EOF are read, whole pages, through the engine's pread, as the recorder's read did.
    public func wholeFileSHA256(size: Int) throws -> [UInt8] {
        var hasher = SHA256()
        machine.forEachContentRun(ByteRange(start: 0, end: size)) { run in
            switch run {
            case let .bytes(p): hasher.update(p)
            case let .zeros(n): hasher.updateZeros(n)
            }
        }
        let page = machine.geometry.pageSize
        for e in machine.extents(.data, in: ByteRange(start: 0, end: size)) where e.state == .unwritten {
            let start = roundDown(e.offset, page), end = min(size, roundUp(e.offset + e.length, page))
            if end > start { _ = try pread(offset: start, length: end - start) }
        }
        return hasher.finalize()
    }
    public func seekData(_ offset: Int) throws -> Int? { machine.seekData(offset) }
    public func seekHole(_ offset: Int) throws -> Int { machine.seekHole(offset) }
}
