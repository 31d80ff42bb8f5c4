// MARK: - Write failure cleanup (fs/iomap/buffered-io.c, 9c7babf94a0d + f43dc4dc3eff)

/// The punch callback of `iomap_file_buffered_write_punch_delalloc`: removes delalloc over `[offset, offset+length)`.
typealias IomapPunch = (_ inode: Inode, _ offset: Int, _ length: Int) -> Int

extension Inode {
    /// `iomap_file_buffered_write_punch_delalloc`: punches the delalloc a short write reserved but did not use.
    ///
    /// After a short write, removes the delalloc blocks this write
    /// reserved (`IOMAP_F_NEW`) past what it wrote.
    ///
    /// Range in bytes: `[round_up(offset+written), round_up(offset+length))`, or from `round_down(offset)` when
    /// nothing was written. With seek-data-scan the page cache is scanned and dirty folios keep their delalloc
    /// (`iomap_write_delalloc_release`); without it the cache over the range is truncated and the whole range punched.
    /// Spec: (spec: invalidate-locking/fix), (spec: byte-range-punching/arithmetic),
    ///   (spec: byte-range-punching/move-to-iomap), (spec: seek-data-scanning/fix)
    func iomap_file_buffered_write_punch_delalloc(_ iomap: Iomap, _ offset: Int, _ length: Int, _ written: Int,
                                                  _ punch: IomapPunch) -> Int {
        traceCall("iomap_file_buffered_write_punch_delalloc", pos: offset)
        // excerpt: iomap_file_buffered_write_punch_delalloc
        let blocksize = geometry.blockSize
        if iomap.type != .IOMAP_DELALLOC { return 0 }
        // If we didn't reserve the blocks, we're not allowed to punch them.
        if !iomap.flags.contains(.IOMAP_F_NEW) { return 0 }
        // start_byte refers to the first unused block after a short write.
        let (start_byte, end_byte) = write_punch_range_bytes(offset, length, written, blocksize)
        // Nothing to do if we've written the entire delalloc extent
        if start_byte >= end_byte { return 0 }
        // excerpt-end
        return delalloc_cleanup(start_byte, end_byte, punch)
    }

    /// The cleanup body both locations share: the 6.2 scan, or the old truncate + punch.
    ///
    /// The body both cleanup locations share: the 6.2 scan, or the pre-f43dc4dc3eff truncate + punch (under
    /// `invalidate_lock` when the invalidate-lock patch is applied).
    /// Spec: (spec: invalidate-locking/fix), (spec: seek-data-scanning/fix)
    func delalloc_cleanup(_ start_byte: Int, _ end_byte: Int, _ punch: IomapPunch) -> Int {
        if patches.contains(.seekDataScan) {
            return iomap_write_delalloc_release(start_byte, end_byte, punch)
        }
        // excerpt: punch-delalloc-truncate
        let takeLock = patches.contains(.invalidateLock)
        if takeLock {
            let r = filemap_invalidate_lock()
            if r < 0 { return r }
        }
        var error = truncate_pagecache_range(start_byte, end_byte - 1)
        if error == 0 {
            pause(.punch, pos: start_byte)
            error = punch(self, start_byte, end_byte - start_byte)
        }
        if takeLock { filemap_invalidate_unlock() }
        // excerpt-end
        return error
    }

    /// `iomap_write_delalloc_release`: punches the delalloc of `[start_byte, end_byte)` except under dirty cached data.
    ///
    /// Walks cached data ranges with `mapping_seek_hole_data` (SEEK_DATA then SEEK_HOLE) and hands each to
    /// `iomap_write_delalloc_scan`; punches what is left after the last one. Holds `invalidate_lock` exclusively
    /// (when the invalidate-lock patch is applied) so page faults cannot re-instantiate folios meanwhile.
    /// Spec: (spec: seek-data-scanning/release), (spec: seek-data-scanning/rules),
    ///   (spec: seek-data-scanning/lock-order)
    func iomap_write_delalloc_release(_ start_byte: Int, _ end_byte: Int, _ punch: IomapPunch) -> Int {
        traceCall("iomap_write_delalloc_release", pos: start_byte)
        var start_byte = start_byte
        var punch_start_byte = start_byte
        var error = 0
        let takeLock = patches.contains(.invalidateLock)
        if takeLock {
            let r = filemap_invalidate_lock()
            if r < 0 { return r }
        }
        defer { if takeLock { filemap_invalidate_unlock() } }
        // excerpt: iomap_write_delalloc_release
        while start_byte < end_byte {
            start_byte = mapping_seek_hole_data(start_byte, end_byte, whence: .data)
            // If there is no more data to scan, all that is left is to punch out the remaining range.
            if start_byte == -Errno.ENXIO || start_byte == end_byte { break }
            if start_byte < 0 { return start_byte }
            // We find the end of this contiguous cached data range by seeking to the next hole.
            let data_end = mapping_seek_hole_data(start_byte, end_byte, whence: .hole)
            if data_end < 0 { return data_end }
            error = iomap_write_delalloc_scan(&punch_start_byte, start_byte, data_end, punch)
            if error != 0 { return error }
            // The next data search starts at the end of this one.
            start_byte = data_end
        }
        if punch_start_byte < end_byte {
            pause(.punch, pos: punch_start_byte)
            error = punch(self, punch_start_byte, end_byte - punch_start_byte)
        }
        // excerpt-end
        return error
    }

    /// `iomap_write_delalloc_scan`: punches up to each dirty folio of one cached data range.
    ///
    /// Walks the folios of one cached data range; before each dirty folio punches
    /// from `punch_start_byte` up to it (with that folio locked), then moves `punch_start_byte` past it.
    /// Spec: (spec: seek-data-scanning/release), (spec: seek-data-scanning/clean-folios)
    func iomap_write_delalloc_scan(_ punch_start_byte: inout Int, _ start_byte: Int, _ end_byte: Int,
                                   _ punch: IomapPunch) -> Int {
        traceCall("iomap_write_delalloc_scan", pos: start_byte)
        var start_byte = start_byte
        let pageSize = geometry.pageSize
        // excerpt: iomap_write_delalloc_scan
        while start_byte < end_byte {
            // grab locked page
            guard let folio = mapping.folio(containing: start_byte) else {
                start_byte = roundDown(start_byte, pageSize) + pageSize
                continue
            }
            let r = folio_lock(folio)
            if r < 0 { return r }
            // if dirty, punch up to offset
            if folio.dirty {
                if start_byte > punch_start_byte {
                    pause(.punch, pos: punch_start_byte)
                    let error = punch(self, punch_start_byte, start_byte - punch_start_byte)
                    if error != 0 {
                        folio_unlock(folio)
                        return error
                    }
                }
                // Make sure the next punch start is correctly bound to the end of this data range.
                punch_start_byte = min(end_byte, folio.nextPos)
            }
            // move offset to start of next folio in range
            start_byte = folio.nextPos
            folio_unlock(folio)
        }
        // excerpt-end
        return 0
    }
}

// MARK: - The cleanup range

/// The byte range `iomap_file_buffered_write_punch_delalloc` cleans up after a short write.
///
/// The cleanup range of `iomap_file_buffered_write_punch_delalloc`: `[round_up(offset + written),
/// round_up(offset + length))` in block units, starting at `round_down(offset)` when nothing was written. The
/// `write-punch-range-bytes` parameter table checks this very function.
/// Spec: (spec: byte-range-punching/arithmetic)
public func write_punch_range_bytes(_ offset: Int, _ length: Int, _ written: Int, _ blocksize: Int)
    -> (start_byte: Int, end_byte: Int)
{
    let start_byte = written == 0 ? roundDown(offset, blocksize) : roundUp(offset + written, blocksize)
    return (start_byte, roundUp(offset + length, blocksize))
}
