// MARK: - Buffered write (fs/iomap/buffered-io.c, 6.2 with d7b64041164c)

extension Inode {
    /// `iomap_file_buffered_write`: copies user data into the page cache range by range through `ops`.
    ///
    /// Returns the bytes written, or the error when nothing was written.
    /// Spec: (spec: validity-cookies/problem), (spec: mkwrite-ops-split/problem)
    func iomap_file_buffered_write(_ pos: Int, _ i: UserBuffer, _ ops: IomapOps) -> Int {
        traceCall("iomap_file_buffered_write", pos: pos)
        let iter = IomapIter(pos: pos, len: i.count, flags: .IOMAP_WRITE)
        var ret: Int
        while true {
            ret = iomap_iter(iter, ops)
            if ret <= 0 { break }
            iter.processed = iomap_write_iter(iter, i)
        }
        if iter.pos == pos { return ret }
        return iter.pos - pos
    }

    /// `iomap_write_iter`: writes the part of the user buffer the current iomap covers, page by page.
    ///
    /// A short copy into a folio that is not uptodate is rejected by `iomap_write_end` and retried with the copied
    /// length; an unreadable buffer ends the loop with -EFAULT; a STALE iomap (validity cookie) ends it so that
    /// `iomap_iter` remaps. Returns bytes written, else the status.
    /// Spec: (spec: validity-cookies/short-write), (spec: seek-data-scanning/write-stops-mid-folio-section)
    func iomap_write_iter(_ iter: IomapIter, _ i: UserBuffer) -> Int {
        traceCall("iomap_write_iter", pos: iter.pos)
        var length = iter.iomap_length
        var pos = iter.pos
        var written = 0
        var status = 0
        let pageSize = geometry.pageSize
        outer: repeat {
            let offset = pos % pageSize
            var bytes = min(pageSize - offset, i.count)
            again: while true {
                if bytes > length { bytes = length }
                if i.fault_in_iov_iter_readable(bytes) == bytes {
                    status = -Errno.EFAULT
                    break outer
                }
                var folioOut: Folio?
                status = iomap_write_begin(iter, pos, bytes, &folioOut)
                if status != 0 { break outer }
                // excerpt: iomap_write_iter-stale
                if iter.iomap.flags.contains(.IOMAP_F_STALE) { break outer }
                // excerpt-end
                let folio = folioOut!
                let copied = i.copy_page_from_iter_atomic(folio, pos, bytes)
                pause(.copied, pos: pos)
                status = iomap_write_end(iter, pos, bytes, copied, folio)
                if copied != status { i.iov_iter_revert(copied - status) }
                if status == 0 {
                    // A short copy made iomap_write_end() reject the thing entirely.
                    if copied > 0 { bytes = copied }
                    continue again
                }
                break again
            }
            pos += status
            written += status
            length -= status
        } while i.count > 0 && length > 0
        return written > 0 ? written : status
    }

    // MARK: write_begin

    /// `iomap_write_begin`: gets the folio for `[pos, pos+len)` locked and ready for the copy.
    ///
    /// With validity-cookie it asks `->iomap_valid` once the folio is locked; a stale map sets `IOMAP_F_STALE`
    /// and returns 0 with no folio. Pause points `write_begin` (before the folio lock; for a folio not yet
    /// cached, before it is created, since the kernel inserts new folios already locked) and `folio_locked`.
    /// Spec: (spec: validity-cookies/where-to-check)
    func iomap_write_begin(_ iter: IomapIter, _ pos: Int, _ len: Int, _ foliop: inout Folio?) -> Int {
        traceCall("iomap_write_begin", pos: pos)
        precondition(pos + len <= iter.iomap.offset + iter.iomap.length, "write_begin past the iomap")
        var len = len
        // __filemap_get_folio(FGP_LOCK | FGP_WRITE | FGP_CREAT | FGP_STABLE | FGP_NOFS)
        var folio: Folio
        while true {
            let found = mapping.folio(containing: pos)
            pause(.writeBegin, pos: pos)
            if let f = found ?? mapping.folio(containing: pos) {
                let r = folio_lock(f)
                if r < 0 { return r }
                if mapping.folio(containing: pos) !== f {
                    // truncated or reclaimed while we slept: folio->mapping != mapping, repeat the lookup
                    folio_unlock(f)
                    continue
                }
                folio = f
            } else {
                // 6.2's __filemap_get_folio(FGP_CREAT) allocates order-0 folios (large folios come from readahead)
                folio = mapping.createFolio(at: pos, maxSize: geometry.pageSize)
                let r = folio_lock(folio)
                if r < 0 { return r }
            }
            break
        }
        pause(.folioLocked, pos: pos)

        // excerpt: iomap_write_begin-validity-check
        if let page_ops = iter.iomap.page_ops, let iomap_valid = page_ops.iomap_valid {
            if !iomap_valid(self, iter.iomap) {
                iter.iomap.flags.insert(.IOMAP_F_STALE)
                folio_unlock(folio)
                iomap_write_failed(pos, len)
                return 0
            }
        }
        // excerpt-end

        if pos + len > folio.nextPos { len = folio.nextPos - pos }
        let status = __iomap_write_begin(iter, pos, len, folio)
        if status != 0 {
            folio_unlock(folio)
            iomap_write_failed(pos, len)
            return status
        }
        foliop = folio
        return 0
    }

    /// `iomap_block_needs_zeroing`: may the block at `pos` be zeroed instead of read (no data on disk for it)?
    ///
    /// True unless the source map is MAPPED, not NEW, and the block is below EOF: an UNWRITTEN srcmap is zeroed.
    func iomap_block_needs_zeroing(_ iter: IomapIter, _ pos: Int) -> Bool {
        // excerpt: iomap_block_needs_zeroing
        let srcmap = iter.iomap_iter_srcmap
        return srcmap.type != .IOMAP_MAPPED || srcmap.flags.contains(.IOMAP_F_NEW) || pos >= i_size
        // excerpt-end
    }

    /// `iomap_adjust_read_range`: trims `[pos, pos+length)` in `folio` to the blocks that still need reading.
    ///
    /// Leading and trailing uptodate blocks are skipped, and blocks wholly past EOF are left for a later pass.
    /// Returns the new `pos` and `(poff, plen)` within the folio.
    func iomap_adjust_read_range(_ folio: Folio, _ pos: Int, _ length: Int) -> (pos: Int, poff: Int, plen: Int) {
        let orig_pos = pos
        var pos = pos
        let isize = i_size
        let bs = geometry.blockSize
        var poff = pos - folio.pos
        var plen = min(folio.size - poff, length)
        var first = poff / bs
        var last = (poff + plen - 1) / bs
        if folio.blocksPerFolio > 1 {
            var i = first
            // move forward for each leading block marked uptodate
            while i <= last {
                if !folio.uptodate[i] { break }
                pos += bs; poff += bs; plen -= bs; first += 1
                i += 1
            }
            // truncate len if we find any trailing uptodate block(s)
            while i <= last {
                if folio.uptodate[i] {
                    plen -= (last - i + 1) * bs
                    last = i - 1
                    break
                }
                i += 1
            }
        }
        // If the extent spans the block that contains the i_size, handle both halves separately.
        if orig_pos <= isize && orig_pos + length > isize {
            let off = ((isize - 1) % folio.size + folio.size) % folio.size
            let end = off / bs
            if first <= end && last > end { plen -= (last - end) * bs }
        }
        return (pos, poff, plen)
    }

    /// `__iomap_write_begin`: makes the blocks the write touches but does not cover uptodate.
    ///
    /// Makes the blocks the write touches but does not cover uptodate: zeroed when
    /// `iomap_block_needs_zeroing`, else read from the srcmap's disk blocks.
    func __iomap_write_begin(_ iter: IomapIter, _ pos: Int, _ len: Int, _ folio: Folio) -> Int {
        traceCall("__iomap_write_begin", pos: pos)
        let srcmap = iter.iomap_iter_srcmap
        let bs = geometry.blockSize
        var block_start = roundDown(pos, bs)
        let block_end = roundUp(pos + len, bs)
        let from = pos - folio.pos, to = from + len
        if folio.isUptodate { return 0 }
        while true {
            let adj = iomap_adjust_read_range(folio, block_start, block_end - block_start)
            block_start = adj.pos
            let poff = adj.poff, plen = adj.plen
            if plen <= 0 { break }
            let covered = (from <= poff || from >= poff + plen) && (to <= poff || to >= poff + plen)
            if iter.flags.contains(.IOMAP_UNSHARE) || !covered {
                if iomap_block_needs_zeroing(iter, block_start) {
                    if iter.flags.contains(.IOMAP_UNSHARE) { return -Errno.EIO }
                    folio_zero_segments(folio, poff, from, to, poff + plen)
                } else {
                    let status = iomap_read_folio_sync(block_start, folio, poff, plen, srcmap)
                    if status != 0 { return status }
                }
                folio.setRangeUptodate(folio.pos + poff, plen)
            }
            block_start += plen
            if block_start >= block_end { break }
        }
        return 0
    }

    /// `folio_zero_segments`: zeroes `[s1, e1)` and `[s2, e2)` (offsets in the folio; empty segments skipped).
    func folio_zero_segments(_ folio: Folio, _ s1: Int, _ e1: Int, _ s2: Int, _ e2: Int) {
        traceCall("folio_zero_segments", pos: folio.pos + s1)
        if e1 > s1 { folio.zeroRange(folio.pos + s1, e1 - s1) }
        if e2 > s2 { folio.zeroRange(folio.pos + s2, e2 - s2) }
    }

    /// `iomap_read_folio_sync`: reads one block's bytes from the srcmap's disk address into the folio.
    ///
    /// Reads `plen` bytes of the block at file offset `block_start` from the srcmap's
    /// disk address into the folio at `poff`.
    func iomap_read_folio_sync(_ block_start: Int, _ folio: Folio, _ poff: Int, _ plen: Int, _ srcmap: Iomap) -> Int {
        traceCall("iomap_read_folio_sync", pos: block_start)
        do {
            let bytes = try device.read(at: srcmap.diskAddress(of: block_start), count: plen)
            folio.data.replaceSubrange(poff..<(poff + plen), with: bytes)
        } catch {
            return -Int(error.rawValue)
        }
        return 0
    }

    // MARK: write_end

    /// `iomap_write_end`: commits `copied` bytes: marks them uptodate and the folio dirty, extends i_size, unlocks.
    ///
    /// A short copy into a folio that is not uptodate commits nothing (returns 0) so the caller retries.
    func iomap_write_end(_ iter: IomapIter, _ pos: Int, _ len: Int, _ copied: Int, _ folio: Folio) -> Int {
        traceCall("iomap_write_end", pos: pos)
        let old_size = i_size
        let ret = __iomap_write_end(pos, len, copied, folio)
        // Update the in-memory inode size after copying the data into the page cache.
        if pos + ret > old_size {
            i_size_write(pos + ret)
            iter.iomap.flags.insert(.IOMAP_F_SIZE_CHANGED)
        }
        folio_unlock(folio)
        if ret < len { iomap_write_failed(pos + ret, len - ret) }
        return ret
    }

    /// `__iomap_write_end`: treats a short copy into a non-uptodate folio as a zero-length write.
    /// Spec: (spec: byte-range-punching/scenarios), (spec: seek-data-scanning/write-stops-mid-folio-section)
    func __iomap_write_end(_ pos: Int, _ len: Int, _ copied: Int, _ folio: Folio) -> Int {
        if copied < len && !folio.isUptodate { return 0 }
        folio.setRangeUptodate(pos, len)
        filemap_dirty_folio(folio)
        folio.setRangeDataDirty(pos, copied)  // ghost: the copied bytes must reach disk
        return copied
    }

    /// `iomap_write_failed`: drops page cache the failed write instantiated beyond EOF.
    func iomap_write_failed(_ pos: Int, _ len: Int) {
        if pos + len > i_size {
            _ = truncate_pagecache_range(max(pos, i_size), pos + len - 1)
        }
    }
}
