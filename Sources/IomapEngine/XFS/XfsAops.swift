// MARK: - XfsWritepageCtx

/// `struct xfs_writepage_ctx`: the generic writeback context plus XFS's fork sequences.
///
/// The generic writeback context plus the fork sequences the cached mapping was
/// looked up at (`XFS_WPC(wpc)`).
final class XfsWritepageCtx: IomapWritepageCtx {
    /// `data_seq`: the data fork `if_seq` when `iomap` was looked up.
    var data_seq: UInt32 = 0
    /// `cow_seq`: the COW fork `if_seq`.
    var cow_seq: UInt32 = 0
}

/// `XFS_WPC(ctx)`: the XFS context a generic writeback context handed to an XFS callback is embedded in.
func XFS_WPC(_ ctx: IomapWritepageCtx) -> XfsWritepageCtx { ctx as! XfsWritepageCtx }

// MARK: - Address space operations (fs/xfs/xfs_aops.c)

extension XfsInode {
    /// `xfs_address_space_operations`: the page cache callbacks of an XFS regular file.
    ///
    /// `{ .read_folio = xfs_vm_read_folio, .readahead = xfs_vm_readahead,
    /// .writepages = xfs_vm_writepages, .release_folio = iomap_release_folio }` (the callbacks the model exercises).
    static let xfs_address_space_operations = AddressSpaceOperations(
        name: "xfs_address_space_operations",
        read_folio: { inode, folio in XFS_I(inode).xfs_vm_read_folio(folio) },
        readahead: { inode, folios in XFS_I(inode).xfs_vm_readahead(folios) },
        writepages: { inode, lstart, lend in XFS_I(inode).xfs_vm_writepages(lstart, lend) },
        release_folio: { inode, folio in inode.iomap_release_folio(folio) })

    /// `xfs_vm_read_folio`: `iomap_read_folio(folio, &xfs_read_iomap_ops)`.
    func xfs_vm_read_folio(_ folio: Folio) -> Int {
        iomap_read_folio(folio, xfs_read_iomap_ops)
    }

    /// `xfs_vm_readahead`: `iomap_readahead(rac, &xfs_read_iomap_ops)`.
    func xfs_vm_readahead(_ folios: [Folio]) -> Int {
        iomap_readahead(folios, xfs_read_iomap_ops)
    }

    /// `xfs_vm_writepages`: `iomap_writepages` with an `xfs_writepage_ctx` and `xfs_writeback_ops`.
    ///
    /// `iomap_writepages` with an `xfs_writepage_ctx` and `xfs_writeback_ops` over
    /// `[lstart, lend]` (`lend` inclusive).
    func xfs_vm_writepages(_ lstart: Int, _ lend: Int) -> Int {
        traceCall("xfs_vm_writepages", pos: lstart)
        let wpc = XfsWritepageCtx(ops: xfs_writeback_ops)
        return iomap_writepages(wpc, lstart, lend)
    }
}

// MARK: - XFS writeback callbacks (fs/xfs/xfs_aops.c)

extension XfsInode {
    /// `xfs_writeback_ops`: XFS's writeback callbacks.
    ///
    /// `{ .map_blocks = xfs_map_blocks, .prepare_ioend = xfs_prepare_ioend,
    /// .discard_folio = xfs_discard_folio }` (+ `xfs_end_bio` → `xfs_end_ioend` as the end_io prepare installs).
    var xfs_writeback_ops: IomapWritebackOps {
        IomapWritebackOps(
            name: "xfs_writeback_ops",
            map_blocks: { wpc, inode, offset in XFS_I(inode).xfs_map_blocks(XFS_WPC(wpc), offset) },
            prepare_ioend: { ioend, status in XFS_I(ioend.io_inode).xfs_prepare_ioend(ioend, status) },
            discard_folio: { inode, folio, pos in XFS_I(inode).xfs_discard_folio(folio, pos) },
            end_io: { wpc, ioend in XFS_I(ioend.io_inode).xfs_end_ioend(wpc, ioend) })
    }

    // MARK: xfs_map_blocks

    /// `xfs_imap_valid`: may the cached writeback mapping be used for `offset`?
    ///
    /// Does the cached writeback mapping still cover `offset` with the data fork unchanged since
    /// it was looked up (`data_seq`, and `cow_seq` when the inode has COW data)?
    /// Spec: (spec: validity-cookies/xfs-fix)
    func xfs_imap_valid(_ wpc: XfsWritepageCtx, _ offset: Int) -> Bool {
        if offset < wpc.iomap.offset || offset >= wpc.iomap.offset + wpc.iomap.length { return false }
        if wpc.iomap.flags.contains(.IOMAP_F_SHARED) { return true }
        if wpc.data_seq != ip.i_df.seq { return false }
        if xfs_inode_has_cow_data && wpc.cow_seq != ip.i_cowfp.seq { return false }
        return true
    }

    /// `xfs_inode_has_cow_data`: the COW fork holds extents (never in the model: no reflink).
    var xfs_inode_has_cow_data: Bool { !ip.i_cowfp.extents.isEmpty }

    /// `xfs_map_blocks`: the writeback `->map_blocks`: make `wpc.iomap` cover `offset`.
    ///
    /// The writeback `->map_blocks`: reuse the cached mapping while `xfs_imap_valid`, else look the
    /// block up in the data fork under `ILOCK_SHARED` (sampling `data_seq`); a hole maps as a hole (the block is
    /// skipped), delalloc is converted to real (unwritten) blocks by `xfs_convert_blocks`.
    /// Spec: (spec: byte-range-punching/discard-folio-scenarios),
    ///   (spec: validity-cookies/overwrite-writeback-keeps-map-section)
    func xfs_map_blocks(_ wpc: XfsWritepageCtx, _ offset: Int) -> Int {
        traceCall("xfs_map_blocks", pos: offset)
        let g = geometry
        let count = g.blockSize
        let offset_fsb = g.XFS_B_TO_FSBT(offset)
        let end_fsb = g.XFS_B_TO_FSB(offset + count)
        // excerpt: xfs_map_blocks-revalidate
        if xfs_imap_valid(wpc, offset) { return 0 }
        // excerpt-end
        var r = xfs_ilock(.shared)
        if r < 0 { return r }
        // COW fork: the model has no reflink, so the COW fork is always empty and this lookup never hits.
        if xfs_imap_valid(wpc, offset) {
            xfs_iunlock()
            return 0
        }
        let got = ip.i_df.lookupExtent(offset_fsb)
        wpc.data_seq = ip.i_df.seq
        xfs_iunlock()
        // landed in a hole or beyond EOF?
        var imap: Extent?
        var holeCount = 0
        if let e = got, e.startOff <= offset_fsb {
            imap = e
        } else {
            holeCount = (got?.startOff ?? end_fsb) - offset_fsb
        }
        if let e = imap, e.isDelalloc {
            r = xfs_convert_blocks(wpc, .data, offset)
            return r
        }
        xfs_bmbt_to_iomap(&wpc.iomap, imap, holeStart: offset_fsb, holeCount: holeCount, flags: [],
                          seq: UInt64(wpc.data_seq))
        return 0
    }

    /// `xfs_convert_blocks`: converts delalloc under `ILOCK_EXCL` until the mapping covers `offset`.
    ///
    /// `xfs_bmapi_convert_delalloc` under `ILOCK_EXCL` until the mapping covers `offset`;
    /// records the new fork sequence in `data_seq`/`cow_seq`.
    func xfs_convert_blocks(_ wpc: XfsWritepageCtx, _ whichfork: ForkKind, _ offset: Int) -> Int {
        repeat {
            traceCall("xfs_bmapi_convert_delalloc", pos: offset)
            let ifp = ip.fork(whichfork)
            let r = xfs_counted_edit(ifp, at: offset) {
                // A `fail-map` range: the conversion fails as `xfs_bmapi_convert_delalloc` does on a corrupt extent
                // tree, before changing the fork.
                if kernel.failingMapRanges.contains(where: { $0.contains(offset) }) { return -Errno.EIO }
                let e: Extent
                do throws(Errno) {
                    e = try xfs_bmapi_convert_delalloc(ip, whichfork, geometry.XFS_B_TO_FSBT(offset))
                } catch {
                    return -Int(error.rawValue)
                }
                let flags: IomapFlags = whichfork == .cow ? .IOMAP_F_SHARED : []
                xfs_bmbt_to_iomap(&wpc.iomap, e, flags: flags, seq: xfs_iomap_inode_sequence(flags))
                if whichfork == .cow { wpc.cow_seq = ifp.seq } else { wpc.data_seq = ifp.seq }
                return 0
            }
            if r < 0 { return r }
        } while wpc.iomap.offset + wpc.iomap.length <= offset
        return 0
    }

    // MARK: xfs_discard_folio

    /// `xfs_discard_folio`: punches the delalloc of a folio whose `->map_blocks` failed.
    ///
    /// After `->map_blocks` failed at `pos`, punch the delalloc blocks of the rest of the folio
    /// so no reservation is left behind a folio that will not be written.
    ///
    /// byte-range-punch on (7348b322332d, 6.2): `[pos, round_up(pos, folio_size))`, which is **empty** when `pos` is
    /// folio aligned (the first block failed): 6.2 then punches nothing. With discard-folio-fix (8ac5b996bf51, 6.3):
    /// `[pos, folio_pos + folio_size)`. byte-range-punch off: blocks
    /// `[XFS_B_TO_FSBT(pos), + i_blocks_per_folio - XFS_B_TO_FSBT(offset_in_folio(pos)))`: to the folio end.
    /// Spec: (spec: byte-range-punching/discard-folio), (spec: byte-range-punching/discard-folio-scenarios)
    func xfs_discard_folio(_ folio: Folio, _ pos: Int) {
        traceCall("xfs_discard_folio", pos: pos)
        traceCall("xfs_bmap_punch_delalloc_range", pos: pos)
        let r = xfs_ilock(.exclusive)
        if r < 0 { return }
        defer { xfs_iunlock() }
        // excerpt: xfs_discard_folio
        if patches.contains(.byteRangePunch) && patches.contains(.discardFolioFix) {
            // 8ac5b996bf51 (6.3): the end is the first byte of the next folio, whatever pos is.
            xfs_bmap_punch_delalloc_range(ip, pos, folio.pos + folio.size)
        } else if patches.contains(.byteRangePunch) {
            let (start, end) = XfsInode.discardFolioRangeBytes(folioPos: folio.pos, folioSize: folio.size, pos: pos)
            xfs_bmap_punch_delalloc_range(ip, start, end)
        } else {
            let (start_fsb, length) = XfsInode.discardFolioRangeFsb(folioPos: folio.pos, folioSize: folio.size,
                                                                   pos: pos, blockSize: geometry.blockSize)
            xfs_bmap_punch_delalloc_range(ip, start_fsb: start_fsb, length: length)
        }
        // excerpt-end
    }

    /// The 6.2 byte range `xfs_discard_folio` punches: `[pos, round_up(pos, folio_size(folio)))`.
    /// Spec: (spec: byte-range-punching/discard-folio)
    public static func discardFolioRangeBytes(folioPos: Int, folioSize: Int, pos: Int) -> (start: Int, end: Int) {
        (pos, roundUp(pos, folioSize))
    }

    /// The pre-7348b322332d block range `xfs_discard_folio` punches.
    ///
    /// `start_fsb = XFS_B_TO_FSBT(pos)`, length `i_blocks_per_folio - XFS_B_TO_FSBT(offset_in_folio(folio, pos))`.
    /// Spec: (spec: byte-range-punching/discard-folio)
    public static func discardFolioRangeFsb(folioPos: Int, folioSize: Int, pos: Int, blockSize: Int)
        -> (start_fsb: Int, length: Int)
    {
        let start_fsb = pos / blockSize
        let pageoff_fsb = (pos - folioPos) / blockSize
        return (start_fsb, folioSize / blockSize - pageoff_fsb)
    }

    // MARK: IO submission and completion

    /// `xfs_prepare_ioend`: sends ioends that need a transaction at completion to the workqueue.
    ///
    /// Converts COW extents before the IO (no COW in the model) and sends ioends that need a
    /// transaction at completion to the workqueue (`xfs_ioend_needs_workqueue`); returns the status unchanged.
    func xfs_prepare_ioend(_ ioend: IomapIoend, _ status: Int) -> Int {
        traceCall("xfs_prepare_ioend", pos: ioend.io_offset)
        if xfs_ioend_needs_workqueue(ioend) { ioend.needsFilesystemEndIO = true }
        return status
    }

    /// `xfs_end_ioend`: IO completion that needs a transaction.
    ///
    /// IO completion needing a transaction: on error, nothing is converted (for COW IO the COW
    /// range would be cancelled); on success, unwritten extents under the IO become written
    /// (`xfs_iomap_write_unwritten`, under ILOCK) and an appending IO advances the on-disk size
    /// (`xfs_setfilesize`). Then `iomap_finish_ioends`.
    /// Spec: (spec: overview/fidelity)
    func xfs_end_ioend(_ wpc: IomapWritepageCtx, _ ioend: IomapIoend) {
        traceCall("xfs_end_ioend", pos: ioend.io_offset)
        var error = ioend.status
        // excerpt: xfs_end_ioend
        if error == 0 && !ioend.io_flags.contains(.IOMAP_F_SHARED) && ioend.io_type == .IOMAP_UNWRITTEN {
            traceCall("xfs_iomap_write_unwritten", pos: ioend.io_offset)
            error = patches.contains(.bumpEveryEdit) ? xfs_end_ioend_convert(ioend.io_offset, ioend.io_size)
                                                     : xfs_end_ioend_convert_two_holds(ioend.io_offset, ioend.io_size)
        }
        // excerpt-end
        if error == 0 && xfs_ioend_is_append(ioend) { error = xfs_setfilesize(ioend.io_offset, ioend.io_size) }
        iomap_finish_ioend(wpc, ioend, error)
    }

    /// `xfs_iomap_write_unwritten` of an ioend under one ILOCK_EXCL hold, every fork edit bumping `if_seq`; 0 or `-errno`.
    ///
    /// The kernel loops one transaction per extent record, each under ILOCK_EXCL with its own bumps; the ioends of
    /// the spec's scenarios cover one record, so one hold.
    func xfs_end_ioend_convert(_ offset: Int, _ size: Int) -> Int {
        let r = xfs_counted_edit(ip.i_df, at: offset) {
            xfs_iomap_write_unwritten(ip, offset, size)
            return 0
        }
        if r == 0 { pause(.iunlock, pos: offset) }
        return r
    }

    /// Counterfactual (bump-every-edit off): the conversion in two ILOCK holds, only the first bumping `if_seq`.
    ///
    /// The first hold converts the ioend's first block and bumps as usual; the lock is dropped (the `iunlock` pause
    /// point); the second hold converts the rest with the increments discarded: the shape of `ext4_collapse_range`,
    /// which drops the extent status entries (the counted structure) and then edits the extent tree while
    /// `ext4_datasem_ensure_credits` may drop `i_data_sem`.
    /// Spec: (spec: cookie-counters/two-step-edit-section)
    // excerpt: xfs_end_ioend_convert_two_holds
    func xfs_end_ioend_convert_two_holds(_ offset: Int, _ size: Int) -> Int {
        let first = min(size, geometry.blockSize)
        var r = xfs_counted_edit(ip.i_df, at: offset) {
            xfs_iomap_write_unwritten(ip, offset, first)   // step 1, counted
            return 0
        }
        if r < 0 { return r }
        pause(.iunlock, pos: offset)                    // the lock is dropped between the steps
        guard size > first else { return 0 }
        r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        let counted = ip.i_df.uncounted
        ip.i_df.uncounted = true                        // step 2 edits the fork with no increment
        xfs_iomap_write_unwritten(ip, offset + first, size - first)
        ip.i_df.uncounted = counted
        xfs_iunlock()
        return 0
    }
    // excerpt-end

    /// `xfs_ioend_is_append`: "fast and loose check if this write could update the on-disk inode size".
    func xfs_ioend_is_append(_ ioend: IomapIoend) -> Bool {
        ioend.io_offset + ioend.io_size > ip.i_disk_size
    }

    /// `xfs_ioend_needs_workqueue`: appending, unwritten or COW ioends complete in process context (`xfs_end_io`).
    func xfs_ioend_needs_workqueue(_ ioend: IomapIoend) -> Bool {
        xfs_ioend_is_append(ioend) || ioend.io_type == .IOMAP_UNWRITTEN || ioend.io_flags.contains(.IOMAP_F_SHARED)
    }

    /// `xfs_setfilesize`: advances the on-disk size to the end of a completed IO.
    ///
    /// Under ILOCK, `i_disk_size = xfs_new_eof(ip, offset + size)`: the IO end capped at i_size,
    /// when that is beyond the current on-disk size.
    func xfs_setfilesize(_ offset: Int, _ size: Int) -> Int {
        traceCall("xfs_setfilesize", pos: offset)
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        defer { xfs_iunlock() }
        var new_size = offset + size
        if new_size > ip.i_size { new_size = ip.i_size }  // xfs_new_eof
        if new_size > ip.i_disk_size { ip.i_disk_size = new_size }
        return 0
    }
}
