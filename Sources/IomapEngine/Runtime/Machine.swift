// MARK: - Machine

/// The whole model: one mounted XFS with one regular file, its page cache, the device, the locks and the scheduler.
///
/// The facade SpecKit and FsxReplay drive (Docs/design.md "Engine public API"). Operations run either synchronously
/// (`perform`, no threads) or as scenario actors (`start`/`resume`, one thread each, exactly one running at a time).
public final class Machine {
    public let config: EngineConfig
    /// The applied patches of the series.
    public let patches: PatchSet
    /// The device under the filesystem.
    public let device: BlockDevice
    /// The file's page cache (`inode->i_mapping`).
    public let mapping: AddressSpace
    /// The mounted filesystem.
    public let mount: XfsMount
    /// The file.
    public let ip: XfsInode

    // MARK: Runtime state

    let locks = Locks()
    let scheduler = Scheduler()
    /// The actor whose code runs now ("-" for the harness / synchronous `perform`).
    var currentActor: String = "-"
    var traceEvents: [TraceEvent] = []
    /// Record `call`, `pause`, `lock`, `unlock`, `blocked` events (operation boundaries and violations always are).
    public var tracing: Bool = true
    /// Check invariants after every micro-step (pause point, lock operation, operation end).
    public var invariantChecking: Bool = true
    var violationList: [InvariantViolation] = []
    var violationKeys: Set<String> = []
    /// Actors whose current operation hit a deadlock: it ends with -EDEADLK.
    var deadlockedActors: Set<String> = []
    /// Set by `abandonActors`: pauses no longer stop, waits fail.
    var cancelled = false
    /// Highest sequence number seen per fork (the `sequence-backwards` invariant).
    var lastSeq: [ForkKind: UInt32] = [:]
    /// The iomap iteration each actor is in (for `currentIomap(of:)`).
    var actorIters: [String: IomapIter] = [:]
    /// File ranges whose device writes fail with EIO (`failIO`).
    public internal(set) var failingRanges: [ByteRange] = []
    /// File ranges whose delalloc conversion in writeback's `->map_blocks` fails with EIO (`failMap`).
    public internal(set) var failingMapRanges: [ByteRange] = []

    public var geometry: Geometry { config.geometry }

    public init(config: EngineConfig, device: BlockDevice? = nil) {
        self.config = config
        self.patches = config.patches
        self.device = device ?? MemoryBlockDevice(sizeBytes: config.geometry.deviceBytes)
        self.mapping = AddressSpace(geometry: config.geometry)
        self.mount = XfsMount(geometry: config.geometry)
        self.ip = XfsInode(mount: mount)
    }

    /// A machine with default geometry and the given patches.
    public convenience init(patches: PatchSet = .series) {
        self.init(config: EngineConfig(patches: patches))
    }

    // MARK: Synchronous operations

    /// Runs `op` to completion on the calling thread (no scheduler; pause points only check invariants).
    ///
    /// Must not be called from inside an actor. A lock held by a paused actor cannot be waited for: the
    /// operation fails with -EDEADLK and records `deadlock`.
    @discardableResult
    public func perform(_ op: Operation) -> OperationResult {
        let savedActor = currentActor, savedRunning = scheduler.running
        currentActor = "-"
        scheduler.running = nil
        defer { currentActor = savedActor; scheduler.running = savedRunning }
        return runOperation(op)
    }

    /// Runs one operation for the current actor: trace boundaries, dispatch, lock and invariant checks at the end.
    func runOperation(_ op: Operation) -> OperationResult {
        let actor = currentActor
        deadlockedActors.remove(actor)
        record(.start, op.description)
        var r = dispatch(op)
        if deadlockedActors.contains(actor) { r = OperationResult(value: 0, error: .EDEADLK, data: r.data) }
        releaseAllLocks(of: actor, reason: "end of \(op.name)")
        actorIters[actor] = nil
        record(.end, op.name, detail: "ret=\(r)")
        checkInvariants(at: "end of \(op.name)")
        return r
    }

    /// Sends `op` to the kernel entry point that implements it.
    func dispatch(_ op: Operation) -> OperationResult {
        switch op {
        case let .pwrite(offset, data, efaultAfter):
            return OperationResult(kernelReturn: xfs_file_buffered_write(offset, data, efaultAfter: efaultAfter))
        case let .pread(offset, length):
            var out: [UInt8] = []
            let r = filemap_read(offset, length, into: &out)
            return OperationResult(kernelReturn: r, data: out)
        case let .mmapStore(offset, data):
            return OperationResult(kernelReturn: mmapStore(offset, data))
        case let .mmapLoad(offset, length):
            var out: [UInt8] = []
            let r = mmapLoad(offset, length, into: &out)
            return OperationResult(kernelReturn: r, data: out)
        case let .truncate(size):
            return OperationResult(kernelReturn: xfs_vn_setattr_size(size))
        case let .fallocate(offset, length, keepSize):
            return OperationResult(kernelReturn: xfs_file_fallocate(.allocate(keepSize: keepSize), offset, length))
        case let .punchHole(offset, length):
            return OperationResult(kernelReturn: xfs_file_fallocate(.punchHole, offset, length))
        case let .zeroRange(offset, length, keepSize):
            return OperationResult(kernelReturn: xfs_file_fallocate(.zeroRange(keepSize: keepSize), offset, length))
        case .fsync:
            return OperationResult(kernelReturn: xfs_file_fsync())
        case let .writeback(offset, length):
            guard length > 0 else { return OperationResult() }
            return OperationResult(kernelReturn: filemap_write_and_wait_range(offset, offset + length - 1))
        case let .reclaim(offset, length):
            return OperationResult(kernelReturn: reclaimRange(ByteRange(offset: offset, length: length)))
        case let .readahead(offset, length):
            return OperationResult(kernelReturn: page_cache_readahead(offset, length))
        case let .errortagSet(tag, value):
            return OperationResult(kernelReturn: xfs_errortag_set(tag, value))
        case let .failIO(offset, length):
            failingRanges.append(ByteRange(offset: offset, length: length))
            return OperationResult()
        case let .failMap(offset, length):
            failingMapRanges.append(ByteRange(offset: offset, length: length))
            return OperationResult()
        }
    }

    /// Memory reclaim over a range: evicts clean, unlocked folios not under writeback; returns 0.
    func reclaimRange(_ r: ByteRange) -> Int {
        traceCall("shrink_folio_list", pos: r.start)
        mapping.reclaim(r)
        return 0
    }

    // MARK: Inspection (side-effect free)

    /// `i_size`.
    public var fileSize: Int { ip.i_size }

    /// The trace so far.
    public var trace: [TraceEvent] { traceEvents }

    /// The invariant violations so far.
    public var violations: [InvariantViolation] { violationList }

    /// Device bytes behind the data fork; nil where no block is allocated (hole, delalloc).
    public func diskContent(_ range: ByteRange) -> [UInt8?] {
        var out: [UInt8?] = []
        out.reserveCapacity(range.length)
        var pos = range.start
        let bs = geometry.blockSize
        while pos < range.end {
            let fsb = geometry.XFS_B_TO_FSBT(pos)
            let blockEnd = min(range.end, geometry.XFS_FSB_TO_B(fsb + 1))
            if let e = ip.i_df.lookup(fsb), let sb = e.startBlock {
                let daddr = (sb + fsb - e.startOff) * bs + (pos - fsb * bs)
                let bytes = (try? device.read(at: daddr, count: blockEnd - pos)) ?? [UInt8](repeating: 0, count: blockEnd - pos)
                out.append(contentsOf: bytes.map { Optional($0) })
            } else {
                out.append(contentsOf: [UInt8?](repeating: nil, count: blockEnd - pos))
            }
            pos = blockEnd
        }
        return out
    }

    /// What a read would return for `range` (clipped at EOF), without instantiating folios.
    ///
    /// Cached uptodate blocks come from the folio; other blocks from the extent map: written blocks from the device,
    /// holes, delalloc and unwritten blocks as zeroes.
    public func fileContent(_ range: ByteRange) -> [UInt8] {
        let end = min(range.end, ip.i_size)
        guard end > range.start else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(end - range.start)
        var pos = range.start
        let bs = geometry.blockSize
        while pos < end {
            let blockEnd = min(end, roundDown(pos, bs) + bs)
            if let f = mapping.folio(containing: pos), f.uptodate[f.block(of: pos)] {
                out.append(contentsOf: f.data[(pos - f.pos)..<(blockEnd - f.pos)])
            } else {
                let fsb = geometry.XFS_B_TO_FSBT(pos)
                if let e = ip.i_df.lookup(fsb), e.state == .written, let sb = e.startBlock {
                    let daddr = (sb + fsb - e.startOff) * bs + (pos - fsb * bs)
                    out.append(contentsOf: (try? device.read(at: daddr, count: blockEnd - pos))
                               ?? [UInt8](repeating: 0, count: blockEnd - pos))
                } else {
                    out.append(contentsOf: [UInt8](repeating: 0, count: blockEnd - pos))
                }
            }
            pos = blockEnd
        }
        return out
    }

    /// The fork's `if_seq`.
    public func sequence(_ fork: ForkKind) -> UInt32 { ip.fork(fork).seq }

    /// Blocks reserved for delalloc.
    public var reservedBlocks: Int { mount.allocator.reservedBlocks }
    /// Free blocks (neither allocated nor reserved).
    public var freeBlocks: Int { mount.allocator.freeBlocks }

    /// The iomap `actor` is iterating with now (nil when it is not inside an iomap iteration).
    public func currentIomap(of actor: String) -> IomapSnapshot? {
        guard let it = actorIters[actor], it.iomap.length > 0 else { return nil }
        return IomapSnapshot(it.iomap, srcmap: it.srcmap)
    }
}
