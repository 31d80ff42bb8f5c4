// MARK: - Snapshots

/// A copy of one folio's state for inspection.
public struct FolioSnapshot: Hashable, CustomStringConvertible {
    public var pos: Int
    public var size: Int
    /// Per block.
    public var uptodate: [Bool]
    public var dirty: Bool
    /// The actor holding the folio lock.
    public var lockedBy: String?
    public var writeback: Bool

    public var locked: Bool { lockedBy != nil }
    /// `POS+SIZE` as the scenario grammar's `folios` expectation writes it.
    public var description: String { "\(formatSize(pos))+\(formatSize(size))" }
}

/// A copy of one extent, in bytes and blocks.
public struct ExtentSnapshot: Hashable, CustomStringConvertible {
    public var fork: ForkKind
    /// File offset, bytes.
    public var offset: Int
    /// Length, bytes.
    public var length: Int
    public var state: ExtentState
    /// First device block; nil for delalloc.
    public var startBlock: Int?

    public var description: String {
        let s: String
        switch state { case .delalloc: s = "delalloc"; case .unwritten: s = "unwritten"; case .written: s = "written" }
        return "\(fork) \(formatSize(offset))+\(formatSize(length)) \(s)" + (startBlock.map { " @\($0)" } ?? "")
    }
}

extension Machine {
    /// The cached folios overlapping `range`.
    public func folios(in range: ByteRange) -> [FolioSnapshot] {
        mapping.folios(in: range).map {
            FolioSnapshot(pos: $0.pos, size: $0.size, uptodate: $0.uptodate, dirty: $0.dirty, lockedBy: $0.lockOwner,
                          writeback: $0.writeback)
        }
    }

    /// The extents of `fork` overlapping `range`, unclipped.
    public func extents(_ fork: ForkKind, in range: ByteRange) -> [ExtentSnapshot] {
        let g = geometry
        return ip.fork(fork).extents(overlapping: g.XFS_B_TO_FSBT(range.start), g.XFS_B_TO_FSB(range.end)).map {
            ExtentSnapshot(fork: fork, offset: g.XFS_FSB_TO_B($0.startOff), length: g.XFS_FSB_TO_B($0.blockCount),
                           state: $0.state, startBlock: $0.startBlock)
        }
    }

    // MARK: Pictures

    /// The page-cache picture of `range`: one character per block.
    ///
    /// One character per block of `range`: `-` no folio, `.` not uptodate, `u` uptodate clean, `D` uptodate dirty,
    /// `d` not uptodate in a dirty folio, `W` under writeback, `L` locked (wins over the others).
    /// Spec: (spec: overview)
    public func cachePicture(_ range: ByteRange) -> String {
        let bs = geometry.blockSize
        var s = ""
        var pos = roundDown(range.start, bs)
        while pos < range.end {
            if let f = mapping.folio(containing: pos) {
                let up = f.uptodate[f.block(of: pos)]
                if f.lockOwner != nil { s.append("L") }
                else if f.writeback { s.append("W") }
                else if f.dirty { s.append(up ? "D" : "d") }
                else { s.append(up ? "u" : ".") }
            } else {
                s.append("-")
            }
            pos += bs
        }
        return s
    }

    /// One character per block of `range`: `h` hole, `d` delalloc, `u` unwritten, `w` written.
    /// Spec: (spec: overview)
    public func extentPicture(_ fork: ForkKind, _ range: ByteRange) -> String {
        let g = geometry
        var s = ""
        var fsb = g.XFS_B_TO_FSBT(range.start)
        let end = g.XFS_B_TO_FSB(range.end)
        let f = ip.fork(fork)
        while fsb < end {
            if let e = f.lookup(fsb) {
                switch e.state { case .delalloc: s.append("d"); case .unwritten: s.append("u"); case .written: s.append("w") }
            } else {
                s.append("h")
            }
            fsb += 1
        }
        return s
    }
}
