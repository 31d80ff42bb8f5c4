// MARK: - AddressSpace

/// The inode's page cache (`struct address_space`, mm/filemap.c): folios by file offset.
///
/// Never blocks: folio locks are taken through the runtime seam (`Inode.folio_lock`, which records
/// `Folio.lockOwner`); waiting for writeback is the caller's.
public final class AddressSpace {
    public let geometry: Geometry
    /// `mapping->a_ops`: the filesystem's callbacks, set when the filesystem sets the inode up.
    public internal(set) var a_ops: AddressSpaceOperations?
    /// The cached folios, sorted by `pos`, non-overlapping.
    public var folios: [Folio] = []
    /// Page indexes holding a workingset shadow (value) entry, sorted; never where a folio is (ShadowEntries.swift).
    public internal(set) var shadowPages: [Int] = []

    /// `AS_EIO`: a writeback error not yet reported by `filemap_check_errors`.
    public private(set) var AS_EIO = false
    /// `AS_ENOSPC`: the same for `-ENOSPC`.
    public private(set) var AS_ENOSPC = false
    /// `mapping->wb_err`: the errseq every open file samples (`file->f_wb_err`) and advances past.
    public internal(set) var wb_err = errseq_t()

    /// Model only: folios whose invariant-relevant state changed since the last invariant check.
    var changes = CacheChanges()

    public init(geometry: Geometry) { self.geometry = geometry }

    // MARK: Writeback errors (include/linux/pagemap.h, mm/filemap.c)

    /// `mapping_set_error`: records a writeback error in `wb_err` (`errseq_set`) and in the legacy flag; 0 is ignored.
    ///
    /// `AS_ENOSPC` for `-ENOSPC`, `AS_EIO` for anything else. Spec: (spec: overview/writeback-errors)
    public func mapping_set_error(_ error: Int) {
        guard error != 0 else { return }
        wb_err.errseq_set(error)
        if error == -Int(Errno.ENOSPC.rawValue) { AS_ENOSPC = true } else { AS_EIO = true }
    }

    /// `filemap_check_errors`: the legacy per-mapping report, clearing the flags: `-EIO` over `-ENOSPC`, else 0.
    public func filemap_check_errors() -> Int {
        var ret = 0
        if AS_ENOSPC { AS_ENOSPC = false; ret = -Int(Errno.ENOSPC.rawValue) }
        if AS_EIO { AS_EIO = false; ret = -Int(Errno.EIO.rawValue) }
        return ret
    }

    /// Clears the legacy flags without reporting (what `file_check_and_advance_wb_err` does to them).
    func clearErrorFlags() { AS_EIO = false; AS_ENOSPC = false }

    // MARK: Lookup and creation

    /// Position in `folios` of the first folio whose end is beyond `pos` (binary search).
    func firstIndex(endingAfter pos: Int) -> Int {
        folios.partitionPoint { $0.nextPos > pos }
    }

    /// `filemap_get_folio`: the cached folio containing `pos`, or nil (the lookup half of `filemap_lock_folio`).
    public func folio(containing pos: Int) -> Folio? {
        let i = firstIndex(endingAfter: pos)
        guard i < folios.count, folios[i].pos <= pos else { return nil }
        return folios[i]
    }

    /// The cached folios overlapping `range`, in file order.
    public func folios(in range: ByteRange) -> [Folio] {
        var out: [Folio] = []
        var i = firstIndex(endingAfter: range.start)
        while i < folios.count, folios[i].pos < range.end {
            out.append(folios[i]); i += 1
        }
        return out
    }

    /// The first cached folio that ends after `pos` (it contains `pos` or lies beyond it): `filemap_get_folios` style walk.
    public func nextFolio(from pos: Int) -> Folio? {
        let i = firstIndex(endingAfter: pos)
        return i < folios.count ? folios[i] : nil
    }

    /// True when any cached folio overlaps `range`.
    func overlapsAnyFolio(_ range: ByteRange) -> Bool {
        let i = firstIndex(endingAfter: range.start)
        return i < folios.count && folios[i].pos < range.end
    }

    /// `__filemap_get_folio(FGP_CREAT)`, allocation half: adds a new, clean, not-uptodate folio containing `pos`.
    ///
    /// Its size is the largest power of two ≤ `min(folioSize, maxSize)`, aligned at its own size, that overlaps no
    /// cached folio; never below `max(PAGE_SIZE, blocksize)`. `limit` (exclusive) is where the folio must end by:
    /// readahead and faults pass the end of the page holding EOF, as `page_cache_ra_order` does ("Don't allocate
    /// pages past EOF": the order drops, and an order-1 folio becomes order 0, since 6.2 never allocates order-1
    /// page-cache folios). The caller must have found no folio containing `pos`.
    /// Spec: (spec: overview/readahead-eof)
    public func createFolio(at pos: Int, maxSize: Int? = nil, limit: Int? = nil) -> Folio {
        precondition(pos >= 0, "folio at negative offset \(pos)")
        precondition(folio(containing: pos) == nil, "a folio already contains \(pos)")
        let minSize = geometry.minFolioSize
        var size = max(minSize, largestPowerOfTwo(atMost: min(geometry.folioSize, maxSize ?? geometry.folioSize)))
        while size > minSize && overlapsAnyFolio(ByteRange(offset: roundDown(pos, size), length: size)) {
            size /= 2
        }
        if let limit {
            while size > minSize && roundDown(pos, size) + size > limit {
                size /= 2
                if size == 2 * geometry.pageSize && size > minSize { size = geometry.pageSize }   // order 1 → 0
            }
        }
        let start = roundDown(pos, size)
        precondition(!overlapsAnyFolio(ByteRange(offset: start, length: size)),
                     "minimum folio at \(start) overlaps a cached folio")
        let f = Folio(pos: start, size: size, blockSize: geometry.blockSize, pageSize: geometry.pageSize)
        f.owner = self
        clearShadows(ByteRange(offset: start, length: size))   // the store replaces the value entries
        folios.insert(f, at: firstIndex(endingAfter: start))
        return f
    }

    /// `filemap_remove_folio`: drops the folio from the cache (its data is gone).
    public func remove(_ folio: Folio) {
        folio.clearDataDirty()  // ghost: the data is gone with the folio
        folio.xaMarks = 0  // the slot and its marks go with it
        let i = firstIndex(endingAfter: folio.pos)
        if i < folios.count, folios[i] === folio { folios.remove(at: i) }
    }

    // MARK: Truncation (mm/truncate.c)

    /// `truncate_pagecache_range` → `truncate_inode_pages_range`: drops the cache over `[lstart, lend]` (`lend` inclusive).
    ///
    /// Folios wholly inside the range are removed, dirty or not (`truncate_inode_folio`). A folio partly inside is
    /// zeroed over the overlap and kept with dirty and uptodate unchanged (`truncate_inode_partial_folio`: `folio_zero_range`
    /// + `iomap_invalidate_folio`, which does nothing for a partial range). This primitive never splits: the locked
    /// `Inode.truncate_pagecache_range` (Truncate.swift) first splits such a large folio (`split_folio`), or drops
    /// it whole when a clean one cannot split, so what reaches here large and partial is a dirty folio that stays.
    /// Waiting for writeback (`folio_wait_writeback`) is the caller's. `lend < 0` means to the end of the file.
    // excerpt: truncate_pagecache_range
    public func truncate_pagecache_range(_ lstart: Int, _ lend: Int) {
        let endExclusive = lend < 0 ? Int.max : lend + 1
        guard endExclusive > lstart else { return }
        let r = ByteRange(start: lstart, end: endExclusive)
        clearShadows(wholePagesOf: r)   // truncate_folio_batch_exceptionals
        for f in folios(in: r) {
            guard let ov = f.range.intersection(r) else { continue }
            if ov == f.range {
                remove(f)
            } else {
                f.zeroRange(ov.start, ov.length)
                f.clearRangeDataDirty(ov.start, ov.length)  // ghost: the caller discards this data on purpose
            }
        }
    }
    // excerpt-end

    /// `truncate_inode_pages_range(mapping, lstart, lend)`: the page-cache half of `truncate_pagecache_range`.
    public func truncate_inode_pages_range(_ lstart: Int, _ lend: Int) { truncate_pagecache_range(lstart, lend) }

    // MARK: Reclaim

    /// Reclaim eligibility (`shrink_folio_list` / `invalidate_inode_pages2` style): clean, unlocked, not under writeback.
    public func isReclaimable(_ folio: Folio) -> Bool {
        !folio.dirty && folio.lockOwner == nil && !folio.writeback
    }

    /// Memory reclaim (`shrink_folio_list` → `__remove_mapping(reclaimed=true)`) of a range; returns how many went.
    ///
    /// Evicts every reclaimable folio wholly inside `range`, leaving a workingset shadow entry over each
    /// (`workingset_eviction`), which `mapping_seek_hole_data` counts as data. Spec: (spec: overview/reclaim-shadows)
    @discardableResult
    public func reclaim(_ range: ByteRange) -> Int {
        var n = 0
        for f in folios(in: range) where f.pos >= range.start && f.nextPos <= range.end && isReclaimable(f) {
            remove(f); n += 1
            addShadows(f.range)
        }
        return n
    }

    /// `invalidate_mapping_pages` over the whole pages of a range (fadvise `POSIX_FADV_DONTNEED`, drop_caches).
    ///
    /// Drops every clean, unlocked folio not under writeback that lies wholly inside the range's whole pages
    /// (`find_lock_entries`, `mapping_evict_folio` → `__remove_mapping(reclaimed=false)`: no shadow), and clears
    /// the shadow entries there (`invalidate_exceptional_entry`). Returns how many folios went.
    /// Spec: (spec: overview/reclaim-shadows)
    @discardableResult
    public func invalidate_mapping_pages(_ range: ByteRange) -> Int {
        let page = geometry.pageSize
        let start = roundUp(range.start, page), end = roundDown(range.end, page)
        guard end > start else { return 0 }
        let pages = ByteRange(start: start, end: end)
        var n = 0
        for f in folios(in: pages) where f.pos >= start && f.nextPos <= end && isReclaimable(f) {
            remove(f); n += 1
        }
        clearShadows(pages)
        return n
    }

    // MARK: SEEK_DATA / SEEK_HOLE over the cache (mm/filemap.c)

    // excerpt: mapping_seek_hole_data
    /// `mapping_seek_hole_data`: first data (or hole) byte of the cache in `[start, end)`; `-ENXIO` when no data.
    ///
    /// A folio that is uptodate is data; one that is not is locked and scanned block by block with
    /// `iomap_is_partially_uptodate` (uptodate blocks are data, the rest hole); a shadow entry a reclaimed folio
    /// left is data (`xa_is_value`); a page with neither is a hole. The answer
    /// is clamped to `end` (so data found past `end` inside the last folio answers `end`, not `-ENXIO`).
    /// `folio_lock`/`folio_unlock` are the Runtime's (the page cache never blocks by itself); without them the scan
    /// does not lock (side-effect-free inspection). `folio_lock` returns false when the lock could not be taken.
    /// Spec: (spec: seek-data-scanning/seek)
    public func mapping_seek_hole_data(_ start: Int, _ end: Int, whence: SeekWhence,
                                       folio_lock: ((Folio) -> Bool)? = nil,
                                       folio_unlock: ((Folio) -> Void)? = nil) -> Int {
        let seek_data = whence == .data
        let ENXIO = -Int(Errno.ENXIO.rawValue)
        if end <= start { return ENXIO }
        var start = start
        var cursor = start
        // find_get_entry(&xas, max, XA_PRESENT): folios holding a page index in [start >> PAGE_SHIFT, max].
        let maxIndexPos = roundDown(end - 1, geometry.pageSize) + geometry.pageSize
        var found = false
        while true {
            let folio = nextFolio(from: cursor)
            // A shadow (value) entry before the next folio: `xa_is_value` counts as data for the whole entry.
            if let shadow = nextShadow(from: cursor), shadow < maxIndexPos, folio.map({ shadow < $0.pos }) ?? true {
                var pos = max(shadow, roundDown(cursor, geometry.pageSize))
                if start < pos {
                    if !seek_data { found = true; break }
                    start = pos
                }
                pos += geometry.pageSize
                if !seek_data { start = pos }
                if start < pos { found = true; break }
                if start >= end { break }
                cursor = pos
                continue
            }
            guard let folio, folio.pos < maxIndexPos else { break }
            var pos = max(folio.pos, roundDown(cursor, geometry.pageSize))
            if start < pos {
                if !seek_data { found = true; break }
                start = pos
            }
            pos = roundUp(pos + 1, folio.size)  // seek_folio_size: the folio end
            start = folio_seek_hole_data(folio, start, pos, seek_data: seek_data,
                                         folio_lock: folio_lock, folio_unlock: folio_unlock)
            if start < pos { found = true; break }
            if start >= end { break }
            cursor = pos
        }
        if !found && seek_data { start = ENXIO }
        if start > end { return end }
        return start
    }

    /// `folio_seek_hole_data`: the first data (or hole) offset of `folio` at or after `start`, or `end` (the folio end).
    /// Spec: (spec: seek-data-scanning/seek)
    func folio_seek_hole_data(_ folio: Folio, _ start: Int, _ end: Int, seek_data: Bool,
                              folio_lock: ((Folio) -> Bool)? = nil, folio_unlock: ((Folio) -> Void)? = nil) -> Int {
        if folio.isUptodate { return seek_data ? start : end }
        let locked = folio_lock?(folio) ?? false
        defer { if locked { folio_unlock?(folio) } }
        // Truncated while we slept on the lock (folio->mapping != mapping): give up on this folio.
        if locked && self.folio(containing: folio.pos) !== folio { return start }
        let bsz = geometry.blockSize
        var start = start
        var offset = roundDown(start - folio.pos, bsz)
        repeat {
            if folio.isPartiallyUptodate(folio.pos + offset, bsz) == seek_data { break }
            start = roundDown(start + bsz, bsz)
            offset += bsz
        } while offset < folio.size
        return start
    }
    // excerpt-end
}

/// The largest power of two not above `x` (x ≥ 1).
func largestPowerOfTwo(atMost x: Int) -> Int {
    precondition(x >= 1, "largestPowerOfTwo(\(x))")
    var p = 1
    while p <= x / 2 { p *= 2 }
    return p
}

// MARK: - State capture (explorer)

extension AddressSpace {
    /// Model only: makes this page cache hold copies of `other`'s folios, with its error state and pending changes.
    ///
    /// `a_ops` stays this mapping's own (installed for its own inode).
    func copyState(from other: AddressSpace) {
        var copies: [ObjectIdentifier: Folio] = [:]
        folios = other.folios.map { f in
            let c = Folio(copying: f)
            c.owner = self
            copies[ObjectIdentifier(f)] = c
            return c
        }
        shadowPages = other.shadowPages
        AS_EIO = other.AS_EIO
        AS_ENOSPC = other.AS_ENOSPC
        wb_err = other.wb_err
        changes = CacheChanges(copying: other.changes, copies: copies)
    }
}
