// MARK: - Buffered read (fs/iomap/buffered-io.c, mm/readahead.c)

/// The model's read IO completes synchronously: device bytes land in the folio and the blocks become uptodate
/// before the iteration moves on.
extension Machine {
    // MARK: ->read_folio

    /// `iomap_read_folio(folio, &xfs_read_iomap_ops)`: fills every not-uptodate block of the locked folio (holes,
    /// delalloc, unwritten and blocks past EOF as zeroes; written blocks from the device) and marks them uptodate.
    /// The caller holds the folio lock and keeps it; 0 or `-errno` (a device error leaves the blocks not uptodate).
    func iomap_read_folio(_ folio: Folio) -> Int {
        traceCall("iomap_read_folio", pos: folio.pos)
        let iter = IomapIter(pos: folio.pos, len: folio.size, flags: [])
        var ret: Int
        var ioError = 0
        repeat {
            ret = iomap_iter(iter, xfs_read_iomap_ops)
            if ret <= 0 { break }
            let r = iomap_readpage_iter(iter, folio, 0)
            if r < 0 { ioError = r; iter.processed = iomap_readpage_iter_length(iter, folio, 0) } else { iter.processed = r }
        } while true
        if ret < 0 { return ret }
        return ioError
    }

    // MARK: Readahead

    /// Readahead over `[offset, offset+length)` clipped at EOF (`page_cache_ra_unbounded`): allocates a folio of
    /// `folioSize` at each uncached position (existing folios are skipped, as readahead does), locks the new
    /// folios, reads each run of them with `iomap_readahead`, and unlocks them; 0 or `-errno`.
    func page_cache_readahead(_ offset: Int, _ length: Int) -> Int {
        traceCall("page_cache_ra_unbounded", pos: offset)
        let end = min(offset + max(length, 0), roundUp(ip.i_size, geometry.pageSize))
        var pos = roundDown(max(offset, 0), geometry.pageSize)
        var run: [Folio] = []
        var ret = 0
        func flush() {
            guard !run.isEmpty else { return }
            let r = iomap_readahead(run)
            if r < 0 && ret == 0 { ret = r }
            for f in run { folio_unlock(f) }
            run.removeAll()
        }
        while pos < end {
            if let f = mapping.folio(containing: pos) {
                flush()
                pos = f.nextPos
                continue
            }
            let f = mapping.createFolio(at: pos)
            if folio_lock(f) < 0 { flush(); return -Errno.EDEADLK }
            if let last = run.last, last.nextPos != f.pos { flush() }
            run.append(f)
            pos = f.nextPos
        }
        flush()
        return ret
    }

    /// `iomap_readahead(rac, &xfs_read_iomap_ops)`: one iomap iteration over a run of new, locked, adjacent folios;
    /// each mapping is applied to the folios it covers (`iomap_readahead_iter` → `iomap_readpage_iter`).
    func iomap_readahead(_ folios: [Folio]) -> Int {
        traceCall("iomap_readahead", pos: folios[0].pos)
        let iter = IomapIter(pos: folios[0].pos, len: folios.last!.nextPos - folios[0].pos, flags: [])
        var ret: Int
        var ioError = 0
        repeat {
            ret = iomap_iter(iter, xfs_read_iomap_ops)
            if ret <= 0 { break }
            // iomap_readahead_iter
            let length = iter.iomap_length
            var done = 0
            while done < length {
                guard let folio = folios.first(where: { $0.range.contains(iter.pos + done) }) else { break }
                var r = iomap_readpage_iter(iter, folio, done)
                if r < 0 { ioError = r; r = iomap_readpage_iter_length(iter, folio, done) }
                done += r
            }
            iter.processed = done
        } while true
        if ret < 0 { return ret }
        return ioError
    }

    // MARK: iomap_readpage_iter

    /// `iomap_readpage_iter`: reads the part of `folio` the current mapping covers from `iter.pos + offset`,
    /// skipping leading uptodate blocks and stopping before trailing ones (`iomap_adjust_read_range`, shared with
    /// the write path in BufferedWrite.swift); blocks that
    /// need no IO (`iomap_block_needs_zeroing`) are zeroed. Returns the bytes consumed, or `-EIO` on a device error.
    func iomap_readpage_iter(_ iter: IomapIter, _ folio: Folio, _ offset: Int) -> Int {
        let orig_pos = iter.pos + offset
        let length = iter.iomap_length - offset
        let (pos, poff, plen) = iomap_adjust_read_range(folio, orig_pos, length)
        if plen == 0 { return pos - orig_pos }
        let srcmap = iter.iomap_iter_srcmap
        if iomap_block_needs_zeroing(iter, pos) {
            folio.zeroRange(folio.pos + poff, plen)
            folio.setRangeUptodate(folio.pos + poff, plen)
        } else {
            traceCall("submit_bio", pos: pos)
            let bytes: [UInt8]
            do { bytes = try device.read(at: srcmap.diskAddress(of: pos), count: plen) } catch {
                return -Int(error.rawValue)
            }
            folio.data.replaceSubrange(poff..<(poff + plen), with: bytes)
            folio.setRangeUptodate(folio.pos + poff, plen)
        }
        return pos - orig_pos + plen
    }

    /// The bytes `iomap_readpage_iter` would consume (used to step past a failed read).
    func iomap_readpage_iter_length(_ iter: IomapIter, _ folio: Folio, _ offset: Int) -> Int {
        let orig_pos = iter.pos + offset
        let (pos, _, plen) = iomap_adjust_read_range(folio, orig_pos, iter.iomap_length - offset)
        return pos - orig_pos + plen
    }
}
