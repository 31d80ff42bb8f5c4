// MARK: - Page fault write (fs/iomap/buffered-io.c)

extension Inode {
    /// `iomap_page_mkwrite`: makes a faulted-in folio writable and dirty; returns with it locked.
    ///
    /// Makes a faulted-in folio writable: locks it, maps its range within EOF for writing
    /// (reserving delalloc over holes) and dirties it; returns with the folio still locked (`VM_FAULT_LOCKED`).
    ///
    /// Returns 0 (folio locked by the caller's actor) or `-errno` (folio unlocked): `-EFAULT` when the folio was
    /// truncated (`folio_mkwrite_check_truncate`), else the mapping error (`block_page_mkwrite_return`).
    /// Pause point `fault` after the folio lock.
    /// Spec: (spec: mkwrite-ops-split/fix), (spec: mkwrite-ops-split/no-cleanup-needed),
    ///   (spec: mkwrite-ops-split/lock-order)
    func iomap_page_mkwrite(_ folio: Folio, _ ops: IomapOps) -> Int {
        traceCall("iomap_page_mkwrite", pos: folio.pos)
        // excerpt: iomap_page_mkwrite
        let r = folio_lock(folio)
        if r < 0 { return r }
        pause(.fault, pos: folio.pos)
        let len = folio_mkwrite_check_truncate(folio)
        if len < 0 {
            folio_unlock(folio)
            return len
        }
        let iter = IomapIter(pos: folio.pos, len: len, flags: [.IOMAP_WRITE, .IOMAP_FAULT])
        var ret: Int
        while true {
            ret = iomap_iter(iter, ops)
            if ret <= 0 { break }
            iter.processed = iomap_folio_mkwrite_iter(iter, folio)
        }
        if ret < 0 {
            folio_unlock(folio)
            return ret
        }
        // folio_wait_stable(folio): the model's writeback completes synchronously.
        return 0
        // excerpt-end
    }

    /// `folio_mkwrite_check_truncate`: bytes of the folio inside EOF, or `-EFAULT` when it was truncated away.
    /// Spec: (spec: mkwrite-ops-split/eof-partial-folio-section)
    func folio_mkwrite_check_truncate(_ folio: Folio) -> Int {
        let size = i_size
        if mapping.folio(containing: folio.pos) !== folio || folio.pos >= size { return -Errno.EFAULT }
        if folio.nextPos <= size { return folio.size }
        return size - folio.pos
    }

    /// `iomap_folio_mkwrite_iter`: marks the folio dirty for the mapped range and reports it processed.
    /// Spec: (spec: mkwrite-ops-split/no-cleanup-needed)
    func iomap_folio_mkwrite_iter(_ iter: IomapIter, _ folio: Folio) -> Int {
        traceCall("iomap_folio_mkwrite_iter", pos: iter.pos)
        let length = iter.iomap_length
        if !folio.isUptodate {
            rt.record(.call, "WARN_ON_ONCE(!folio_test_uptodate)", pos: folio.pos, detail: "")
        }
        filemap_dirty_folio(folio)
        return length
    }
}
