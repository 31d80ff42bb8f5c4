// MARK: - Buffered read (fs/iomap/buffered-io.c, mm/readahead.c)

/// The model's read IO completes synchronously.
///
/// Device bytes land in the folio and the blocks become uptodate before the iteration moves on.
extension Inode {
    // MARK: ->read_folio

    /// `iomap_read_folio(folio, ops)`: fills the locked folio's not-uptodate blocks through the filesystem's ops.
    ///
    /// Fills every not-uptodate block of the locked folio through the filesystem's
    /// read ops (XFS: `xfs_read_iomap_ops`): holes, delalloc, unwritten and blocks past EOF as zeroes, written blocks
    /// from the device, and marks them uptodate. The caller holds the folio lock and keeps it; 0 or `-errno` (a
    /// device error leaves the blocks not uptodate).
    func iomap_read_folio(_ folio: Folio, _ ops: IomapOps) -> Int {
        traceCall("iomap_read_folio", pos: folio.pos)
        let iter = IomapIter(pos: folio.pos, len: folio.size, flags: [])
        var ret: Int
        var ioError = 0
        repeat {
            ret = iomap_iter(iter, ops)
            if ret <= 0 { break }
            let r = iomap_readpage_iter(iter, folio, 0)
            if r < 0 { ioError = r; iter.processed = iomap_readpage_iter_length(iter, folio, 0) } else { iter.processed = r }
        } while true
        if ret < 0 { return ret }
        return ioError
    }

    // MARK: ->readahead

    /// `iomap_readahead(rac, ops)`: reads a run of new, locked, adjacent folios in one iomap iteration.
    ///
    /// One iomap iteration with the filesystem's read ops (XFS: `xfs_read_iomap_ops`)
    /// over a run of new, locked, adjacent folios; each mapping is applied to the folios it covers
    /// (`iomap_readahead_iter` → `iomap_readpage_iter`).
    func iomap_readahead(_ folios: [Folio], _ ops: IomapOps) -> Int {
        traceCall("iomap_readahead", pos: folios[0].pos)
        let iter = IomapIter(pos: folios[0].pos, len: folios.last!.nextPos - folios[0].pos, flags: [])
        var ret: Int
        var ioError = 0
        repeat {
            ret = iomap_iter(iter, ops)
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

    /// `iomap_readpage_iter`: reads the part of `folio` the current mapping covers.
    ///
    /// Reads the part of `folio` the current mapping covers from `iter.pos + offset`,
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
