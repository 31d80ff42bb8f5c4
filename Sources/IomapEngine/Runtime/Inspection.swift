// MARK: - Inspection (side-effect free)

extension Machine {
    /// `i_size`.
    public var fileSize: Int { ip.i_size }

    /// The trace so far.
    public var trace: [TraceEvent] { state.traceEvents }

    /// The invariant violations so far.
    public var violations: [InvariantViolation] { state.violationList }

    /// Device bytes behind the data fork; nil where no block is allocated (hole, delalloc).
    public func diskContent(_ range: ByteRange) -> [UInt8?] {
        var out: [UInt8?] = []
        out.reserveCapacity(max(range.length, 0))
        forEachDiskRun(range.start, range.end, unwrittenAsData: true) { daddr, count in
            guard let daddr else { return out.append(contentsOf: repeatElement(nil, count: count)) }
            let bytes = (try? device.read(at: daddr, count: count)) ?? [UInt8](repeating: 0, count: count)
            out.append(contentsOf: bytes.lazy.map { Optional($0) })
        }
        return out
    }

    /// What a read would return for `range` (clipped at EOF), without instantiating folios.
    ///
    /// Cached uptodate blocks come from the folio; other blocks from the extent map: written blocks from the device,
    /// holes, delalloc and unwritten blocks as zeroes (`forEachContentRun`, gathered).
    public func fileContent(_ range: ByteRange) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, min(range.end, ip.i_size) - range.start))
        forEachContentRun(range) { run in
            switch run {
            case let .bytes(p): out.append(contentsOf: p)
            case let .zeros(n): out.append(contentsOf: repeatElement(0, count: n))
            }
        }
        return out
    }

    /// The fork's `if_seq`.
    public func sequence(_ fork: ForkKind) -> UInt32 { ip.fork(fork).seq }

    /// Blocks reserved for delalloc.
    public var reservedBlocks: Int { mount.allocator.reservedBlocks }
    /// Free blocks (neither allocated nor reserved).
    public var freeBlocks: Int { mount.allocator.freeBlocks }

    /// `lseek(fd, offset, SEEK_DATA)` as XFS answers it; nil for `ENXIO`.
    ///
    /// `ENXIO`: no data at or after `offset` before EOF. An inspection (`xfs_file_llseek` on the inspection
    /// runtime): nothing is traced or checked.
    public func seekData(_ offset: Int) -> Int? {
        let r = inspecting { ip.xfs_file_llseek(offset, .data) }
        return r < 0 ? nil : r
    }

    /// `lseek(fd, offset, SEEK_HOLE)` as XFS answers it; `-ENXIO` outside the file.
    ///
    /// The next hole, i_size at the latest. An inspection: nothing is traced or checked.
    public func seekHole(_ offset: Int) -> Int {
        inspecting { ip.xfs_file_llseek(offset, .hole) }
    }

    /// The iomap `actor` is iterating with now (nil when it is not inside an iomap iteration).
    public func currentIomap(of actor: String) -> IomapSnapshot? {
        guard let it = state.actorIters[actor], it.iomap.length > 0 else { return nil }
        return IomapSnapshot(it.iomap, srcmap: it.srcmap)
    }
}
