// MARK: - mapping_seek_hole_data with folio locks (mm/filemap.c)

extension Inode {
    /// `mapping_seek_hole_data` as the kernel runs it, with folio locks.
    ///
    /// Each partially uptodate folio is scanned under its folio lock, so the caller may block on a folio another
    /// actor holds (e.g. writeback between `map_blocks` and submission). For the write-failure cleanup
    /// (`iomap_write_delalloc_release`); `AddressSpace` has the lock-free form.
    /// Spec: (spec: seek-data-scanning/seek), (spec: seek-data-scanning/lock-order)
    func mapping_seek_hole_data(_ start: Int, _ end: Int, whence: SeekWhence) -> Int {
        traceCall("mapping_seek_hole_data", pos: start)
        return mapping.mapping_seek_hole_data(start, end, whence: whence,
                                              folio_lock: { [unowned self] f in self.folio_lock(f) == 0 },
                                              folio_unlock: { [unowned self] f in self.folio_unlock(f) })
    }
}
