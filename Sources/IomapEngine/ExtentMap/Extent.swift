// MARK: - ForkKind

/// Which fork of the inode (`XFS_DATA_FORK`, `XFS_COW_FORK`, `XFS_ATTR_FORK`).
public enum ForkKind: String, CaseIterable, Hashable, Sendable {
    case data, cow, attr
}

// MARK: - ExtentState

/// The state of a mapping (`xfs_exntst_t` plus delalloc, which XFS encodes as `isnullstartblock(br_startblock)`).
public enum ExtentState: Equatable, Hashable {
    /// Reserved but not allocated: no disk block yet (`br_startblock == DELAYSTARTBLOCK`-ish).
    case delalloc
    /// Allocated, reads as zeroes until converted at IO completion (`XFS_EXT_UNWRITTEN`).
    case unwritten
    /// Allocated and holding data (`XFS_EXT_NORM`).
    case written
}

// MARK: - Extent

/// One incore extent record (`struct xfs_bmbt_irec`): file offset and length in filesystem blocks.
public struct Extent: Equatable, Hashable, CustomStringConvertible {
    /// `br_startoff`: first file block.
    public var startOff: Int
    /// `br_blockcount`.
    public var blockCount: Int
    /// `br_startblock`: first device block; nil for delalloc.
    public var startBlock: Int?
    /// `br_state` (and delalloc).
    public var state: ExtentState

    public init(startOff: Int, blockCount: Int, startBlock: Int?, state: ExtentState) {
        precondition(blockCount > 0, "empty extent at \(startOff)")
        precondition((state == .delalloc) == (startBlock == nil), "delalloc iff no start block")
        self.startOff = startOff
        self.blockCount = blockCount
        self.startBlock = startBlock
        self.state = state
    }

    /// A delalloc extent (`nullstartblock`).
    public static func delalloc(_ startOff: Int, _ count: Int) -> Extent {
        Extent(startOff: startOff, blockCount: count, startBlock: nil, state: .delalloc)
    }

    /// First file block past the extent.
    public var endOff: Int { startOff + blockCount }

    /// `isnullstartblock(br_startblock)`.
    public var isDelalloc: Bool { state == .delalloc }

    /// True when file block `fsb` lies in the extent.
    public func contains(_ fsb: Int) -> Bool { fsb >= startOff && fsb < endOff }

    /// `xfs_trim_extent`: the part of this extent over file blocks `[from, to)`.
    ///
    /// The part of this extent over file blocks `[from, to)` (clipped), nil when they do not overlap;
    /// the start block moves with the offset (`xfs_trim_extent`).
    public func trimmed(_ from: Int, _ to: Int) -> Extent? {
        let s = max(startOff, from), e = min(endOff, to)
        guard s < e else { return nil }
        return Extent(startOff: s, blockCount: e - s, startBlock: startBlock.map { $0 + (s - startOff) }, state: state)
    }

    /// True when `next` can be merged onto the end of this one (contiguous in file and device, same state).
    public func canMerge(with next: Extent) -> Bool {
        guard endOff == next.startOff, state == next.state else { return false }
        switch (startBlock, next.startBlock) {
        case (nil, nil): return true
        case let (a?, b?): return a + blockCount == b
        default: return false
        }
    }

    public var description: String {
        let st: String
        switch state {
        case .delalloc: st = "delalloc"
        case .unwritten: st = "unwritten@\(startBlock!)"
        case .written: st = "written@\(startBlock!)"
        }
        return "[\(startOff)+\(blockCount) \(st)]"
    }
}
