// MARK: - Writeback (fs/iomap/buffered-io.c, with write_cache_pages from mm/page-writeback.c)

/// The model's write IO completes synchronously.
///
/// The model's IO completes synchronously: a submitted ioend writes the device at once; its completion runs right
/// after the `io_submit` pause point, on the submitting actor (the kernel runs it from the bio end_io / a workqueue).
extension Inode {
    // MARK: iomap_writepages / write_cache_pages

    /// `iomap_writepages(mapping, wbc, wpc, ops)`: writes back the dirty folios of a range.
    ///
    /// `write_cache_pages` over the range with `iomap_do_writepage`,
    /// then submits the last ioend; `wpc.ops` are the filesystem's writeback ops (XFS: `xfs_writeback_ops`).
    func iomap_writepages(_ wpc: IomapWritepageCtx, _ lstart: Int, _ lend: Int) -> Int {
        traceCall("iomap_writepages", pos: lstart)
        let ret = write_cache_pages(wpc, lstart, lend)
        guard let last = wpc.ioend else { return ret }
        wpc.ioend = nil
        return iomap_submit_ioend(wpc, last, ret)
    }

    /// `write_cache_pages` (WB_SYNC_ALL): writes the folios of the range that were dirty when it started.
    ///
    /// `tag_pages_for_writeback` marks every DIRTY folio of the pages `[lstart >> PAGE_SHIFT, lend >> PAGE_SHIFT]`
    /// `TOWRITE`; the walk then looks up `TOWRITE` folios in batches (`pagevec_lookup_range_tag`), so a folio
    /// dirtied after the tagging (a fault while writeback sleeps in `->map_blocks`) stays dirty for the next pass.
    /// Each folio is locked, skipped when truncated or no longer dirty, waited on when under writeback,
    /// `folio_clear_dirty_for_io` and written with `iomap_do_writepage`; returns the first error and goes on
    /// (`WB_SYNC_ALL`). Spec: (spec: overview/writeback-tagging)
    func write_cache_pages(_ wpc: IomapWritepageCtx, _ lstart: Int, _ lend: Int) -> Int {
        var ret = 0
        var index = lstart / geometry.pageSize
        let end = lend / geometry.pageSize  // inclusive; lend == LLONG_MAX: the whole file
        // excerpt: write_cache_pages-towrite
        mapping.tag_pages_for_writeback(index, end)
        while index <= end {
            let batch = mapping.pagevec_lookup_range_tag(&index, end, .PAGECACHE_TAG_TOWRITE)
            if batch.isEmpty { break }
            for folio in batch {
                if folio_lock(folio) < 0 { return -Errno.EDEADLK }
                // Truncated or invalidated meanwhile, or someone wrote it for us.
                guard mapping.folio(containing: folio.pos) === folio, folio.dirty else {
                    folio_unlock(folio)
                    continue
                }
                if folio.writeback {
                    let r = folio_wait_writeback(folio)
                    if r < 0 { folio_unlock(folio); return r }
                }
                guard mapping.folio_clear_dirty_for_io(folio) else { folio_unlock(folio); continue }
                folio.clearDataDirty()  // ghost: the data now belongs to writeback
                let error = iomap_do_writepage(wpc, folio)
                if error != 0 && ret == 0 { ret = error }
            }
        }
        // excerpt-end
        return ret
    }

    /// `iomap_do_writepage`: handles EOF, then writes the folio with `iomap_writepage_map`.
    ///
    /// Handles EOF (skips a folio wholly past i_size; zeroes the part of a straddling folio past
    /// i_size, "because it may be mmapped") and writes the folio with `iomap_writepage_map`. Unlocks the folio.
    func iomap_do_writepage(_ wpc: IomapWritepageCtx, _ folio: Folio) -> Int {
        traceCall("iomap_do_writepage", pos: folio.pos)
        let isize = i_size
        var end_pos = folio.nextPos
        if end_pos > isize {
            let poff = isize - folio.pos  // offset_in_folio(folio, isize) when isize is inside the folio
            let end_index = isize / geometry.pageSize
            if folio.index > end_index || (folio.index == end_index && isize % geometry.pageSize == 0) || poff <= 0 {
                folio_unlock(folio)
                return 0
            }
            folio.zeroRange(isize, folio.nextPos - isize)  // folio_zero_segment
            end_pos = isize
        }
        return iomap_writepage_map(wpc, folio, end_pos)
    }

    // MARK: iomap_writepage_map

    /// `iomap_writepage_map`: maps the folio's blocks, adds them to ioends and submits the closed ones.
    ///
    /// Maps every uptodate block of the locked folio below `end_pos` with `->map_blocks`,
    /// adds mapped blocks to ioends (holes are skipped), then sets the folio under writeback, unlocks it and submits
    /// the ioends closed meanwhile. On a mapping error, `->discard_folio` at the failing block.
    /// Spec: (spec: byte-range-punching/discard-folio), (spec: byte-range-punching/discard-folio-scenarios)
    func iomap_writepage_map(_ wpc: IomapWritepageCtx, _ folio: Folio, _ end_pos: Int) -> Int {
        traceCall("iomap_writepage_map", pos: folio.pos)
        let len = geometry.blockSize
        let nblocks = folio.blocksPerFolio
        let hasIop = nblocks > 1  // iomap_page_create: no per-block state for one block per folio
        var pos = folio.pos
        var error = 0
        var count = 0
        var submit_list: [IomapIoend] = []
        // excerpt: iomap_writepage_map-loop
        var i = 0
        while i < nblocks && pos < end_pos {
            if !hasIop || folio.uptodate[i] {
                pause(.mapBlocks, pos: pos)
                error = wpc.ops.map_blocks(wpc, self, pos)
                if error != 0 { break }  // pos stays at the failing block for ->discard_folio
                if wpc.iomap.type != .IOMAP_INLINE && wpc.iomap.type != .IOMAP_HOLE {
                    iomap_add_to_ioend(wpc, folio, pos, &submit_list)
                    count += 1
                }
            }
            i += 1
            pos += len
        }
        // excerpt-end
        if error != 0 {
            // Let the filesystem know what portion of the folio failed to map; a folio with nothing in an ioend
            // will not see IO completion, so unlock it now.
            wpc.ops.discard_folio?(self, folio, pos)
            if count == 0 {
                folio_unlock(folio)
                mapping.mapping_set_error(error)
                return error
            }
        }
        mapping.folio_start_writeback(folio)
        folio_unlock(folio)
        for ioend in submit_list {
            let error2 = iomap_submit_ioend(wpc, ioend, error)
            if error2 != 0 && error == 0 { error = error2 }
        }
        // Nothing to write (e.g. only holes past a partial truncate): end writeback at once.
        if count == 0 { folio_end_writeback(folio) }
        mapping.mapping_set_error(error)
        return error
    }

    /// `iomap_add_to_ioend`: appends the block at `pos` to the current ioend or starts a new one.
    ///
    /// Appends the block at `pos` to the current ioend, or closes it onto `submit_list` and
    /// starts a new one when type, COW flag, file or disk contiguity differ (`iomap_can_add_to_ioend`).
    func iomap_add_to_ioend(_ wpc: IomapWritepageCtx, _ folio: Folio, _ pos: Int, _ submit_list: inout [IomapIoend]) {
        let sector = wpc.iomap.diskAddress(of: pos)
        if let cur = wpc.ioend,
           cur.io_flags.contains(.IOMAP_F_SHARED) == wpc.iomap.flags.contains(.IOMAP_F_SHARED),
           cur.io_type == wpc.iomap.type,
           pos == cur.io_offset + cur.io_size,
           sector == cur.io_sector + cur.io_size {
            // iomap_can_add_to_ioend
        } else {
            if let cur = wpc.ioend { submit_list.append(cur) }
            wpc.ioend = IomapIoend(inode: self, type: wpc.iomap.type, flags: wpc.iomap.flags.intersection(.IOMAP_F_SHARED),
                                   offset: pos, sector: sector)
        }
        let ioend = wpc.ioend!
        ioend.blocks.append((folio, pos))
        ioend.io_size += geometry.blockSize
        wpc.pending[ObjectIdentifier(folio), default: 0] += 1
    }

    // MARK: Submission and completion

    /// `iomap_submit_ioend`: prepares, submits and completes one ioend.
    ///
    /// `->prepare_ioend`, then the bio: the device write (failing with EIO behind a `fail-io`
    /// range), the `io_submit` pause point, and completion. With an error status the bio is ended at once.
    func iomap_submit_ioend(_ wpc: IomapWritepageCtx, _ ioend: IomapIoend, _ error: Int) -> Int {
        traceCall("iomap_submit_ioend", pos: ioend.io_offset)
        var status = error
        if let prepare = wpc.ops.prepare_ioend { status = prepare(ioend, status) }
        if status != 0 {
            ioend.status = status
            ioend_complete(wpc, ioend)
            return status
        }
        ioend.status = submit_bio(ioend)
        pause(.ioSubmit, pos: ioend.io_offset)
        ioend_complete(wpc, ioend)
        return 0
    }

    /// `submit_bio` with synchronous completion: copies the ioend's blocks to the device.
    ///
    /// Copies the blocks from their folios to the device; `-EIO` when the
    /// ioend overlaps a `fail-io` range (nothing is written) or the device fails.
    func submit_bio(_ ioend: IomapIoend) -> Int {
        traceCall("submit_bio", pos: ioend.io_offset)
        if kernel.failingRanges.contains(where: { $0.overlaps(ioend.range) }) { return -Errno.EIO }
        let bs = geometry.blockSize
        for (folio, pos) in ioend.blocks {
            let off = pos - folio.pos
            do {
                try device.write(at: ioend.io_sector + (pos - ioend.io_offset), Array(folio.data[off..<(off + bs)]))
            } catch {
                return -Int(error.rawValue)
            }
        }
        return 0
    }

    /// The bio's end_io: the filesystem's when `->prepare_ioend` asked for it, else iomap's.
    ///
    /// XFS: `xfs_end_bio` → `xfs_end_ioend`; iomap's own is `iomap_writepage_end_bio` → `iomap_finish_ioend`.
    func ioend_complete(_ wpc: IomapWritepageCtx, _ ioend: IomapIoend) {
        if let end_io = wpc.ops.end_io, ioend.needsFilesystemEndIO {
            end_io(wpc, ioend)
        } else {
            iomap_finish_ioend(wpc, ioend, ioend.status)
        }
        for (folio, _) in ioend.blocks {
            let k = ObjectIdentifier(folio)
            if let n = wpc.pending[k], n <= 0 {
                wpc.pending[k] = nil
                folio_end_writeback(folio)
            }
        }
    }

    /// `iomap_finish_ioend`: records errors and counts down each folio's blocks in flight.
    ///
    /// Per block, `iomap_finish_folio_write`: on error mark the folio and the mapping
    /// (`mapping_set_error`); the folio's writeback ends when its last block completes.
    func iomap_finish_ioend(_ wpc: IomapWritepageCtx, _ ioend: IomapIoend, _ error: Int) {
        traceCall("iomap_finish_ioend", pos: ioend.io_offset)
        for (folio, _) in ioend.blocks {
            if error != 0 { mapping.mapping_set_error(error) }
            wpc.pending[ObjectIdentifier(folio), default: 0] -= 1
        }
    }
}
