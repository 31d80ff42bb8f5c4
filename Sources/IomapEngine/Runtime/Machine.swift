// MARK: - Machine

/// The whole model: one mounted XFS with one regular file, its page cache, the device, and the runtimes.
///
/// The facade SpecKit and FsxReplay drive (Docs/design.md "Engine public API"). Operations run either synchronously
/// (`perform`, no threads) or as scenario actors (`start`/`resume`, one fiber each, exactly one running at a time).
public final class Machine {
    public let config: EngineConfig
    /// The applied patches of the series.
    public let patches: PatchSet
    /// The device under the filesystem.
    public let device: BlockDevice
    /// The mounted filesystem.
    public let mount: XfsMount
    /// The file.
    public let ip: XfsInode
    /// The file's page cache (`inode->i_mapping`).
    public var mapping: AddressSpace { ip.i_mapping }

    // MARK: Runtime

    /// The trace, locks and violations every runtime implementation shares.
    let state = RuntimeState()
    /// What the kernel objects share, including the runtime in use now.
    let kernel: KernelContext
    /// `perform`: straight through on the calling thread.
    let direct: DirectRuntime
    /// Scenario actors: one fiber each, exactly one running at a time.
    let stepped: SteppedRuntime
    /// Side-effect-free look-ups (`seekData`, `seekHole`).
    let inspection: InspectionRuntime
    /// What the invariant checks remember between micro-steps (InvariantsIncremental.swift).
    let checker = InvariantChecker()

    /// Record every trace event; off: only violations (so memory does not grow with the operations replayed).
    public var tracing: Bool {
        get { state.tracing }
        set { state.tracing = newValue }
    }
    /// Check invariants after every micro-step (pause point, lock operation, operation end): `invariantCheck` is
    /// not `.off` (turning it on selects `.incremental`).
    public var invariantChecking: Bool {
        get { invariantCheck != .off }
        set { if newValue != invariantChecking { invariantCheck = newValue ? .incremental : .off } }
    }
    /// File ranges whose device writes fail with EIO (`failIO`).
    public var failingRanges: [ByteRange] { kernel.failingRanges }
    /// File ranges whose delalloc conversion in writeback's `->map_blocks` fails with EIO (`failMap`).
    public var failingMapRanges: [ByteRange] { kernel.failingMapRanges }

    public var geometry: Geometry { config.geometry }

    public init(config: EngineConfig, device: BlockDevice? = nil) {
        self.config = config
        self.patches = config.patches
        self.device = device ?? MemoryBlockDevice(sizeBytes: config.geometry.deviceBytes)
        direct = DirectRuntime(state: state)
        inspection = InspectionRuntime(state: state)
        kernel = KernelContext(rt: direct, patches: config.patches, device: self.device, mutations: config.mutations)
        stepped = SteppedRuntime(state: state, kernel: kernel)
        mount = XfsMount(geometry: config.geometry)
        ip = XfsInode(mount: mount, kernel: kernel)
        state.invariants = { [unowned self] site in self.checkStateInvariants(at: site) }
        stepped.writebackBusy = { [unowned self] pos in self.mapping.folio(containing: pos)?.writeback ?? false }
    }

    /// A machine with default geometry and the given patches.
    public convenience init(patches: PatchSet = .series) {
        self.init(config: EngineConfig(patches: patches))
    }

    // MARK: Synchronous operations

    /// Runs `op` to completion on the calling thread (the direct runtime).
    ///
    /// No threads: pause points only record and check invariants.
    ///
    /// Must not be called from inside an actor. A lock held by a paused actor cannot be waited for: the
    /// operation fails with -EDEADLK and records `deadlock`.
    @discardableResult
    public func perform(_ op: Operation) -> OperationResult {
        let savedActor = state.currentActor, savedRuntime = kernel.rt
        state.currentActor = "-"
        kernel.rt = direct
        defer { state.currentActor = savedActor; kernel.rt = savedRuntime }
        return runOperation(op)
    }

    /// Runs one operation for the current actor: trace boundaries, dispatch, lock and invariant checks at the end.
    func runOperation(_ op: Operation) -> OperationResult {
        let actor = state.currentActor
        state.deadlockedActors.remove(actor)
        if state.tracing { state.record(.start, op.description) }
        var r = dispatch(op)
        if state.deadlockedActors.contains(actor) { r = OperationResult(value: 0, error: .EDEADLK, data: r.data) }
        releaseAllLocks(of: actor, reason: "end of \(op.name)")
        state.actorIters[actor] = nil
        if state.tracing { state.record(.end, op.name, detail: "ret=\(r)") }
        state.checkInvariants(at: .end(op.name))
        return r
    }

    /// Sends `op` to the kernel entry point that implements it, after the VFS's argument checks.
    func dispatch(_ op: Operation) -> OperationResult {
        if let e = Self.vfsArgumentError(op) { return OperationResult(error: e) }
        switch op {
        case let .pwrite(offset, data, efaultAfter):
            return OperationResult(kernelReturn: ip.xfs_file_buffered_write(offset, data, efaultAfter: efaultAfter))
        case let .pread(offset, length):
            var out: [UInt8] = []
            let r = ip.xfs_file_buffered_read(offset, min(length, Self.maxRWCount), into: &out)
            return OperationResult(kernelReturn: r, data: out)
        case let .mmapStore(offset, data):
            return OperationResult(kernelReturn: ip.mmapStore(offset, data))
        case let .mmapLoad(offset, length):
            var out: [UInt8] = []
            let r = ip.mmapLoad(offset, min(length, Self.maxRWCount), into: &out)
            return OperationResult(kernelReturn: r, data: out)
        case let .truncate(size):
            return OperationResult(kernelReturn: ip.xfs_vn_setattr_size(size))
        case let .fallocate(offset, length, keepSize):
            return OperationResult(kernelReturn: ip.xfs_file_fallocate(.allocate(keepSize: keepSize), offset, length))
        case let .punchHole(offset, length):
            return OperationResult(kernelReturn: ip.xfs_file_fallocate(.punchHole, offset, length))
        case let .zeroRange(offset, length, keepSize):
            return OperationResult(kernelReturn: ip.xfs_file_fallocate(.zeroRange(keepSize: keepSize), offset, length))
        case let .collapseRange(offset, length):
            return OperationResult(kernelReturn: ip.xfs_file_fallocate(.collapseRange, offset, length))
        case let .insertRange(offset, length):
            return OperationResult(kernelReturn: ip.xfs_file_fallocate(.insertRange, offset, length))
        case .fsync:
            return OperationResult(kernelReturn: ip.xfs_file_fsync())
        case let .writeback(offset, length):
            return OperationResult(kernelReturn: ip.sync_file_range(offset, length))
        case .remount:
            return OperationResult(kernelReturn: ip.xfs_remount())
        case let .invalidate(offset, length):
            kernel.rt.traceCall("invalidate_mapping_pages", pos: offset)
            mapping.invalidate_mapping_pages(ByteRange(offset: offset, length: length))
            return OperationResult()
        case let .reclaim(offset, length):
            return OperationResult(kernelReturn: reclaimRange(ByteRange(offset: offset, length: length)))
        case let .readahead(offset, length):
            return OperationResult(kernelReturn: ip.page_cache_readahead(offset, length))
        case let .errortagSet(tag, value):
            return OperationResult(kernelReturn: ip.xfs_errortag_set(tag, value))
        case let .failIO(offset, length):
            kernel.failingRanges.append(ByteRange(offset: offset, length: length))
            return OperationResult()
        case let .failMap(offset, length):
            kernel.failingMapRanges.append(ByteRange(offset: offset, length: length))
            return OperationResult()
        }
    }

    /// Memory reclaim over a range: evicts clean, unlocked folios not under writeback; returns 0.
    func reclaimRange(_ r: ByteRange) -> Int {
        kernel.rt.traceCall("shrink_folio_list", pos: r.start)
        mapping.reclaim(r)
        return 0
    }
}

// MARK: - Argument checks at the system-call boundary

extension Machine {
    /// The model's `sb->s_maxbytes`: no file offset, length or size passes 2^62.
    ///
    /// XFS allows 2^63 - 1; the model stops at 2^62 so that offset + length and the rounding of either to a
    /// block or folio can never overflow an `Int` inside the engine (spec: overview/fidelity).
    public static let maxFileOffset = 1 << 62

    /// `MAX_RW_COUNT` (`INT_MAX & PAGE_MASK`): `rw_verify_area` shortens longer reads and writes to it.
    public static let maxRWCount = Int(Int32.max) & ~4095

    /// The errno the VFS returns before the filesystem sees `op`, or nil when its arguments are in range.
    ///
    /// `rw_verify_area` (negative position or a wrapping end: `-EINVAL`), `generic_write_checks` and
    /// `inode_newsize_ok` (past `s_maxbytes`: `-EFBIG`), `vfs_fallocate` (an end past `s_maxbytes`: `-EFBIG`).
    /// The harness actions (`writeback`, `reclaim`, `readahead`, `fail-io`, `fail-map`) take a read's rule.
    /// The model refuses a write whose end passes `s_maxbytes` with `-EFBIG` where the kernel shortens it.
    static func vfsArgumentError(_ op: Operation) -> Errno? {
        /// A byte range: a wrapping end is `-EINVAL`, an end past `s_maxbytes` is `-EFBIG`.
        func end(_ offset: Int, _ length: Int) -> Errno? {
            let (end, wraps) = offset.addingReportingOverflow(length)
            if wraps { return .EINVAL }
            return end > maxFileOffset ? .EFBIG : nil
        }
        /// A range whose negative parts the filesystem does not check itself.
        func range(_ offset: Int, _ length: Int) -> Errno? {
            offset < 0 || length < 0 ? .EINVAL : end(offset, length)
        }
        switch op {
        // xfs_file_buffered_write, xfs_vn_setattr_size and xfs_file_fallocate return -EINVAL for a negative
        // offset or size (and fallocate for a length that is not positive) themselves, traced.
        case let .pwrite(o, d, e):
            if let e, e < 0 { return .EINVAL }
            return o < 0 ? nil : end(o, d.count)
        case let .mmapStore(o, d): return range(o, d.count)
        case let .pread(o, l), let .mmapLoad(o, l): return range(o, min(l, maxRWCount))
        case let .truncate(size): return size > maxFileOffset ? .EFBIG : nil
        case let .fallocate(o, l, _), let .punchHole(o, l), let .zeroRange(o, l, _), let .collapseRange(o, l),
             let .insertRange(o, l):
            return o < 0 || l <= 0 ? nil : end(o, l)
        case let .writeback(o, l), let .reclaim(o, l), let .invalidate(o, l), let .readahead(o, l), let .failIO(o, l),
             let .failMap(o, l):
            return range(o, l)
        case .fsync, .errortagSet, .remount: return nil
        }
    }
}

// MARK: - Lock clean-up at the end of an operation

extension Machine {
    /// Releases every lock `actor` still holds, recording `lock-held-at-exit` for each.
    func releaseAllLocks(of actor: String, reason: String) {
        while let (l, _) = state.locks.held[actor]?.last {
            state.violation(.lockHeldAtExit, at: reason, detail: "\(actor) still holds \(l)")
            state.locks.release(l, actor: actor)
            if case let .folio(pos) = l, let f = mapping.folio(containing: pos), f.lockOwner == actor { f.lockOwner = nil }
        }
    }

    /// Runs `body` on the inspection runtime: nothing traced, paused, checked or published.
    func inspecting<T>(_ body: () -> T) -> T {
        let saved = kernel.rt
        kernel.rt = inspection
        defer { kernel.rt = saved }
        return body()
    }
}
