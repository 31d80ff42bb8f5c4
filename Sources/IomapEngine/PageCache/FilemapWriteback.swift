// MARK: - Writeback and waiting for it (mm/filemap.c, mm/page-writeback.c)

extension Inode {
    /// `filemap_write_and_wait_range`: writes back a range, waits for it, reports the first error.
    ///
    /// Writes back the dirty folios overlapping `[lstart, lend]` (`lend` inclusive),
    /// waits for their writeback, and reports the first error (or a recorded writeback error, `filemap_check_errors`).
    func filemap_write_and_wait_range(_ lstart: Int, _ lend: Int) -> Int {
        traceCall("filemap_write_and_wait_range", pos: lstart)
        if lend < lstart { return 0 }
        var err = 0
        if mapping.folios.contains(where: { $0.dirty || $0.writeback }) {  // mapping_needs_writeback
            err = __filemap_fdatawrite_range(lstart, lend)
            if err != -Errno.EIO {
                let w = __filemap_fdatawait_range(lstart, lend)
                if err == 0 && w == -Errno.EDEADLK { err = w }
            }
        }
        let err2 = mapping.filemap_check_errors()
        if err == 0 { err = err2 }
        return err
    }

    /// `__filemap_fdatawrite_range(WB_SYNC_ALL)`: the filesystem's `->writepages` over the range.
    ///
    /// Through `do_writepages`; XFS's `->writepages` is `xfs_vm_writepages`.
    func __filemap_fdatawrite_range(_ lstart: Int, _ lend: Int) -> Int {
        guard let a_ops = mapping.a_ops else { return 0 }
        return a_ops.writepages(self, lstart, lend)
    }

    /// `__filemap_fdatawait_range`: waits for writeback of every folio overlapping `[lstart, lend]`.
    func __filemap_fdatawait_range(_ lstart: Int, _ lend: Int) -> Int {
        let end = lend == Int.max ? Int.max : lend + 1
        for f in mapping.folios(in: ByteRange(start: lstart, end: end)) where f.writeback {
            let r = folio_wait_writeback(f)
            if r < 0 { return r }
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

    /// `folio_end_writeback`.
    func folio_end_writeback(_ folio: Folio) {
        folio.writeback = false
    }
}
