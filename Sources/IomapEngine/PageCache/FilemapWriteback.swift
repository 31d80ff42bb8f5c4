// MARK: - Writeback and waiting for it (mm/filemap.c, mm/page-writeback.c)

extension Inode {
    /// `filemap_write_and_wait_range`: writes back a range, waits for it, reports the first error.
    ///
    /// Writes back the dirty folios overlapping `[lstart, lend]` (`lend` inclusive),
    /// waits for their writeback, and reports the first error (or a recorded writeback error, `filemap_check_errors`).
    func filemap_write_and_wait_range(_ lstart: Int, _ lend: Int) -> Int {
        traceCall("filemap_write_and_wait_range", pos: lstart)
        if lend < lstart { return 0 }
        var err = writeAndWaitIfNeeded(lstart, lend)
        let err2 = mapping.filemap_check_errors()
        if err == 0 { err = err2 }
        return err
    }

    /// The body both `filemap_write_and_wait_range` and `file_write_and_wait_range` share in mm/filemap.c.
    ///
    /// When `mapping_needs_writeback`: `__filemap_fdatawrite_range` (`WB_SYNC_ALL`), then, unless that returned
    /// `-EIO`, `__filemap_fdatawait_range`; the write's error, or the wait's `-EDEADLK` (the model's only wait error).
    private func writeAndWaitIfNeeded(_ lstart: Int, _ lend: Int) -> Int {
        guard mapping.folios.contains(where: { $0.dirty || $0.writeback }) else { return 0 }  // mapping_needs_writeback
        let err = __filemap_fdatawrite_range(lstart, lend)
        if err == -Errno.EIO { return err }
        let w = __filemap_fdatawait_range(lstart, lend)
        return err == 0 && w == -Errno.EDEADLK ? w : err
    }

    // MARK: Per-file error reporting (mm/filemap.c, fs/sync.c)

    /// `file_check_and_advance_wb_err`: the error set since this file last looked, once; clears the legacy flags.
    ///
    /// `errseq_check_and_advance(&mapping->wb_err, &file->f_wb_err)` when `errseq_check` sees a change, then
    /// `AS_EIO`/`AS_ENOSPC` are cleared "to emulate the effect that the legacy code would have had".
    /// Spec: (spec: overview/writeback-errors)
    func file_check_and_advance_wb_err() -> Int {
        var err = 0
        if mapping.wb_err.errseq_check(f_wb_err) != 0 {
            err = mapping.wb_err.errseq_check_and_advance(&f_wb_err)
        }
        mapping.clearErrorFlags()
        return err
    }

    /// `file_write_and_wait_range`: `->fsync`'s writeback: write and wait the range, report through the file's errseq.
    ///
    /// Writes back (`WB_SYNC_ALL`) and, unless that returned `-EIO`, waits; then `file_check_and_advance_wb_err`;
    /// the write's own error wins. Spec: (spec: overview/writeback-errors)
    func file_write_and_wait_range(_ lstart: Int, _ lend: Int) -> Int {
        if lend < lstart { return 0 }
        var err = writeAndWaitIfNeeded(lstart, lend)
        let err2 = file_check_and_advance_wb_err()
        if err == 0 { err = err2 }
        return err
    }

    /// `file_fdatawait_range`: waits for writeback of the range, then `file_check_and_advance_wb_err`.
    func file_fdatawait_range(_ lstart: Int, _ lend: Int) -> Int {
        let w = __filemap_fdatawait_range(lstart, lend)
        if w == -Errno.EDEADLK { return w }
        return file_check_and_advance_wb_err()
    }

    /// `sync_file_range(fd, offset, nbytes, WAIT_BEFORE | WRITE | WAIT_AFTER)`: the `writeback` action.
    ///
    /// `file_fdatawait_range` (an error there returns at once), `__filemap_fdatawrite_range(WB_SYNC_ALL)` (an error
    /// from submitting returns at once, the errseq not advanced), `file_fdatawait_range`. Spec: (spec: overview/writeback-errors)
    func sync_file_range(_ offset: Int, _ nbytes: Int) -> Int {
        traceCall("sync_file_range", pos: offset)
        guard nbytes > 0 else { return 0 }
        let endbyte = offset + nbytes - 1
        var ret = file_fdatawait_range(offset, endbyte)
        if ret < 0 { return ret }
        ret = __filemap_fdatawrite_range(offset, endbyte)
        if ret < 0 { return ret }
        return file_fdatawait_range(offset, endbyte)
    }

    /// `__filemap_fdatawrite_range(WB_SYNC_ALL)`: the filesystem's `->writepages` over the range.
    ///
    /// Through `do_writepages`; XFS's `->writepages` is `xfs_vm_writepages`.
    func __filemap_fdatawrite_range(_ lstart: Int, _ lend: Int) -> Int {
        guard let a_ops = mapping.a_ops else { return 0 }
        return a_ops.writepages(self, lstart, lend)
    }

    /// `__filemap_fdatawait_range`: waits for writeback of every folio overlapping `[lstart, lend]`.
    ///
    /// Looks the folios up by `PAGECACHE_TAG_WRITEBACK` (`pagevec_lookup_range_tag`) over the pages of the range.
    func __filemap_fdatawait_range(_ lstart: Int, _ lend: Int) -> Int {
        var index = lstart / geometry.pageSize
        let end = lend / geometry.pageSize
        while index <= end {
            let batch = mapping.pagevec_lookup_range_tag(&index, end, .PAGECACHE_TAG_WRITEBACK)
            if batch.isEmpty { break }
            for f in batch {
                let r = folio_wait_writeback(f)
                if r < 0 { return r }
            }
        }
        return 0
    }

    /// `folio_wait_writeback`: sleeps until the folio is no longer under writeback.
    ///
    /// Sleeps until the folio is no longer under writeback (another actor's IO in flight);
    /// the waiting actor shows as `blocked=writeback@<pos>`. 0 or `-EDEADLK`.
    func folio_wait_writeback(_ folio: Folio) -> Int {
        rt.wait(on: .writeback(pos: folio.pos)) { folio.writeback }
    }

    /// `folio_end_writeback`: `__folio_end_writeback` (clears `PG_writeback` and its mark), waking the waiters.
    func folio_end_writeback(_ folio: Folio) {
        mapping.folio_end_writeback(folio)
    }
}
