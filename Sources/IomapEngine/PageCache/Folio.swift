// MARK: - Folio

/// A folio of the page cache (include/linux/mm_types.h) with iomap's per-block state (`struct iomap_page`).
///
/// Blocks never straddle folios: a folio is at least `max(PAGE_SIZE, blocksize)` and aligned at its own size.
/// Locking goes through the runtime seam (`Inode.folio_lock` records the holder in `lockOwner`); the folio itself
/// never blocks.
public final class Folio {
    /// `folio_pos`: file offset of the first byte.
    public let pos: Int
    /// `folio_size`.
    public let size: Int
    /// `folio->index`: `pos / PAGE_SIZE`.
    public var index: Int
    /// Filesystem block size (`i_blocksize`): the granularity of `uptodate`.
    public let blockSize: Int
    /// The folio's bytes.
    public var data: [UInt8] { didSet { dataGeneration &+= 1 } }
    /// Model only: bumped by every change to `data` (a fingerprint reuses its hash of unchanged content).
    public private(set) var dataGeneration = 0
    /// `iop->uptodate` (`iomap_page` state bitmap): one flag per block.
    public var uptodate: [Bool] { didSet { touch() } }
    /// `folio_test_dirty`: the whole folio is dirty or clean (6.2 has no per-block dirty tracking).
    public var dirty: Bool = false { didSet { touch() } }
    /// `folio_test_writeback`.
    public var writeback: Bool = false
    /// The marks of this folio's slot in its mapping's `i_pages` xarray (`PAGECACHE_TAG_*`), one bit per tag.
    ///
    /// They belong to the xarray, not to the folio: set and cleared only through the mapping
    /// (`AddressSpace.xa_set_mark`, PagecacheTags.swift), and gone when the folio leaves the cache.
    /// Spec: (spec: overview/writeback-tagging)
    public internal(set) var xaMarks: UInt8 = 0
    /// Ghost state: the blocks that received data since the folio was last cleaned.
    ///
    /// Ghost state, never read by 6.2 code paths: blocks that received data since the folio was last cleaned —
    /// exactly what later upstream per-block dirty tracking (`iomap_folio_state`, Linux 6.6) records; only
    /// invariants read it.
    ///
    /// Set where data enters the folio and the folio is dirtied (`__iomap_write_end` over the copied bytes, an
    /// mmap store, `iomap_zero_iter`); cleared by `folio_clear_dirty_for_io`, removal, and for blocks wholly inside
    /// a range `truncate_pagecache_range` zeroes on purpose.
    public var dataDirty: [Bool] { didSet { touch() } }
    /// The actor holding the folio lock (`folio_test_locked`), nil when unlocked.
    public var lockOwner: String?

    /// Model only: the page cache that notes this folio's state changes for the invariant checks (set on insertion).
    weak var owner: AddressSpace?
    /// Model only: already noted since the invariants last looked.
    var touched = false

    public init(pos: Int, size: Int, blockSize: Int, pageSize: Int) {
        precondition(size >= blockSize && size >= pageSize && size % blockSize == 0, "folio size \(size)")
        precondition(pos % size == 0, "folio at \(pos) not aligned to its size \(size)")
        self.pos = pos
        self.size = size
        self.index = pos / pageSize
        self.blockSize = blockSize
        self.data = [UInt8](repeating: 0, count: size)
        self.uptodate = [Bool](repeating: false, count: size / blockSize)
        self.dataDirty = [Bool](repeating: false, count: size / blockSize)
    }

    /// Model only: tells the owning page cache that the state the invariants read (dirty, uptodate, ghost) changed.
    @inline(__always) private func touch() {
        guard !touched, let owner, owner.changes.isRecording else { return }
        touched = true
        owner.changes.note(self)
    }

    /// `folio_test_uptodate`: every block is uptodate.
    public var isUptodate: Bool { !uptodate.contains(false) }
    /// `[folio_pos, folio_pos + folio_size)`.
    public var range: ByteRange { ByteRange(start: pos, end: pos + size) }
    /// `folio_next_index(folio) << PAGE_SHIFT`: the file offset just past the folio.
    public var nextPos: Int { pos + size }
    /// `i_blocks_per_folio`.
    public var blocksPerFolio: Int { size / blockSize }
    /// `folio_test_locked`.
    public var isLocked: Bool { lockOwner != nil }

    /// Index into `uptodate` of the block holding file offset `fpos` (`offset_in_folio >> i_blkbits`).
    public func block(of fpos: Int) -> Int {
        precondition(range.contains(fpos), "offset \(fpos) outside folio \(range)")
        return (fpos - pos) / blockSize
    }

    /// `iomap_set_range_uptodate`: marks every block overlapping `[fpos, fpos+len)` uptodate.
    ///
    /// The kernel marks only blocks wholly covered (`first = (off + blocksize-1) >> blkbits` is not used: it
    /// rounds `off` down and `off+len` up); callers only pass block-aligned ranges or ranges they filled.
    public func setRangeUptodate(_ fpos: Int, _ len: Int) {
        guard len > 0 else { return }
        let first = block(of: fpos), last = block(of: fpos + len - 1)
        uptodate.withUnsafeMutableBufferPointer { p in p[first...last].update(repeating: true) }
    }

    /// `iomap_is_partially_uptodate`: true when every block overlapping `[fpos, fpos+count)` is uptodate.
    public func isPartiallyUptodate(_ fpos: Int, _ count: Int) -> Bool {
        guard count > 0 else { return true }
        let first = block(of: fpos), last = block(of: min(fpos + count, nextPos) - 1)
        return !uptodate[first...last].contains(false)
    }

    // MARK: Ghost per-block dirty state (model only)

    /// Ghost: marks the blocks overlapping `[fpos, fpos+len)` as holding data to write back.
    ///
    /// Ghost: records that every block overlapping `[fpos, fpos+len)` received data the folio must write back
    /// (what Linux 6.6's `ifs_set_range_dirty` records; 6.2 has no such state).
    public func setRangeDataDirty(_ fpos: Int, _ len: Int) {
        guard len > 0 else { return }
        let first = block(of: fpos), last = block(of: fpos + len - 1)
        dataDirty.withUnsafeMutableBufferPointer { p in p[first...last].update(repeating: true) }
    }

    /// Ghost: forgets the blocks wholly inside `[fpos, fpos+len)` (their data is being discarded on purpose).
    public func clearRangeDataDirty(_ fpos: Int, _ len: Int) {
        let s = max(fpos, pos), e = min(fpos + len, nextPos)
        guard e > s else { return }
        let first = (s - pos + blockSize - 1) / blockSize, end = (e - pos) / blockSize
        guard end > first else { return }
        dataDirty.withUnsafeMutableBufferPointer { p in p[first..<end].update(repeating: false) }
    }

    /// Ghost: forgets every block (the folio was cleaned for writeback or removed).
    public func clearDataDirty() {
        guard dataDirty.contains(true) else { return }
        dataDirty.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
    }

    /// `folio_zero_range`: zeroes `[fpos, fpos+len)` of the folio (file offsets); uptodate and dirty unchanged.
    public func zeroRange(_ fpos: Int, _ len: Int) {
        guard len > 0 else { return }
        let s = fpos - pos
        precondition(s >= 0 && s + len <= size, "zero range \(fpos)+\(len) outside folio \(range)")
        data.withUnsafeMutableBufferPointer { p in p[s..<(s + len)].update(repeating: 0) }
    }
}

// MARK: - State capture (explorer)

extension Folio {
    /// Model only: a folio with every field of `other` (data copy-on-write), not yet in any page cache.
    convenience init(copying other: Folio) {
        self.init(pos: other.pos, size: other.size, blockSize: other.blockSize, pageSize: other.size)  // index set below
        index = other.index
        data = other.data
        dataGeneration = other.dataGeneration
        uptodate = other.uptodate
        dirty = other.dirty
        writeback = other.writeback
        xaMarks = other.xaMarks
        dataDirty = other.dataDirty
        lockOwner = other.lockOwner
        touched = other.touched
    }
}
