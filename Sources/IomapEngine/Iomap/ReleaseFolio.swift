// MARK: - Releasing a folio's iomap_page (fs/iomap/buffered-io.c)

extension Inode {
    /// `iomap_release_folio`: frees the folio's `iomap_page` unless the folio is dirty or under writeback.
    ///
    /// "mm accommodates an old ext3 case where clean folios might not have had the dirty bit cleared": a dirty or
    /// writeback folio keeps its per-block state and the release fails; otherwise `iomap_page_release` and true.
    /// The model keeps per-block uptodate in the folio itself, so the release only answers; the split that asked
    /// rebuilds the pages' state from the folio flags. Spec: (spec: overview/truncate-split)
    func iomap_release_folio(_ folio: Folio) -> Bool {
        !(folio.dirty || folio.writeback)
    }
}
