// MARK: - PausePoint

/// A place in the kernel model where a scenario actor may be stopped (Docs/design.md "Pause points").
public enum PausePoint: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// `iomap_iter`, after `->iomap_begin` returned; pos = iter.pos.
    case iomapBegin = "iomap_begin"
    /// `iomap_write_begin`, after the folio lookup/creation, before `folio_lock`; pos = write pos.
    case writeBegin = "write_begin"
    /// `iomap_write_begin`, after `folio_lock`, before `->iomap_valid`; pos = write pos.
    case folioLocked = "folio_locked"
    /// `iomap_write_iter`, after the copy-in, before `iomap_write_end`; pos = write pos.
    case copied = "copied"
    /// `iomap_iter`, before `->iomap_end`; pos = iter.pos (start of the range processed).
    case iomapEnd = "iomap_end"
    /// Write-failure cleanup, before each punch call; pos = punch start byte.
    case punch = "punch"
    /// `iomap_page_mkwrite`, after the folio is locked, before the iomap iteration; pos = folio pos.
    case fault = "fault"
    /// Writeback, before `->map_blocks` for a block; pos = block pos.
    case mapBlocks = "map_blocks"
    /// Writeback, after the ioend is submitted, before its completion runs; pos = ioend offset.
    case ioSubmit = "io_submit"
    /// Right after `xfs_iunlock` in `xfs_buffered_write_iomap_begin` (pos = offset) and after I/O completion's
    /// unwritten conversion hold (pos = ioend offset): chapter 8's cookie sample and two-step edit windows.
    case iunlock = "iunlock"
    /// Writeback's delalloc conversion and I/O completion's unwritten conversion, before ILOCK_EXCL; pos = range
    /// start. With `seq-bump-under-ilock` off, between the load and the store of the `if_seq` increment.
    case seqInc = "seq_inc"
    /// `xfs_free_file_space`, after the cache over the range was flushed and dropped, before `xfs_bunmapi`; pos = range start.
    case unmap = "unmap"

    public var description: String { rawValue }
}

// MARK: - PauseTarget

/// Where a scenario wants an actor to stop: the first hit of `point` (at `pos` when given).
public struct PauseTarget: Hashable, Sendable, CustomStringConvertible {
    public var point: PausePoint
    public var pos: Int?

    public init(point: PausePoint, pos: Int? = nil) {
        self.point = point
        self.pos = pos
    }

    /// True when a hit of `point` at `pos` satisfies this target.
    public func matches(_ point: PausePoint, pos: Int) -> Bool {
        self.point == point && (self.pos == nil || self.pos == pos)
    }

    public var description: String { pos.map { "\(point)@\(formatSize($0))" } ?? point.rawValue }
}
