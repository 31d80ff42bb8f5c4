// MARK: - Storage seam

/// The IO-side entry points the Runtime and the write path call, implemented by the storage half of the engine
/// (`Iomap/Writeback.swift`, `Iomap/Read.swift`) as `extension Machine` methods with exactly these signatures.
///
/// Until an implementation exists the default below answers `-EIO` and records an `unimplemented` trace note, so
/// the package keeps compiling while both halves are written; a `Machine` method of the same signature replaces it.
protocol StorageSide: AnyObject {
    /// `filemap_write_and_wait_range(mapping, lstart, lend)` (`lend` inclusive): write back every dirty folio
    /// overlapping the range (`iomap_writepages` with `xfs_writeback_ops`), wait for the IO and its completion
    /// (`xfs_end_ioend`); 0 or `-errno` (a failed IO gives `-EIO`).
    func filemap_write_and_wait_range(_ lstart: Int, _ lend: Int) -> Int
    /// `page_cache_ra_unbounded`-style readahead: instantiate missing folios of `geometry.folioSize` over the range
    /// (clipped at EOF) and read them with `iomap_readahead` + `xfs_read_iomap_ops`; 0 or `-errno`.
    func page_cache_readahead(_ offset: Int, _ length: Int) -> Int
    /// `->read_folio` = `iomap_read_folio(folio, &xfs_read_iomap_ops)`: fill every not-uptodate block of the folio
    /// (holes, delalloc, unwritten read as zeroes; written from the device) and mark it uptodate.
    /// The caller holds the folio lock and keeps it (the model's IO completes synchronously); 0 or `-errno`.
    func iomap_read_folio(_ folio: Folio) -> Int
}

extension StorageSide where Self: Machine {
    func filemap_write_and_wait_range(_ lstart: Int, _ lend: Int) -> Int {
        record(.call, "unimplemented:filemap_write_and_wait_range", pos: lstart)
        return -Errno.EIO
    }

    func page_cache_readahead(_ offset: Int, _ length: Int) -> Int {
        record(.call, "unimplemented:page_cache_readahead", pos: offset)
        return -Errno.EIO
    }

    func iomap_read_folio(_ folio: Folio) -> Int {
        record(.call, "unimplemented:iomap_read_folio", pos: folio.pos)
        return -Errno.EIO
    }
}

extension Machine: StorageSide {}
