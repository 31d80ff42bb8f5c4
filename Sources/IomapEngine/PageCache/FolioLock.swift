// MARK: - Folio and mapping locks (include/linux/pagemap.h, mm/filemap.c)

extension Inode {
    /// `folio_lock`: sleeps until the folio lock is ours (0), or `-EDEADLK`.
    func folio_lock(_ folio: Folio) -> Int {
        let r = lock(.folio(folio.pos))
        if r == 0 { folio.lockOwner = rt.currentActor }
        return r
    }

    /// `folio_trylock`: takes the folio lock only when it is free.
    func folio_trylock(_ folio: Folio) -> Bool {
        guard folio.lockOwner == nil, rt.canTake(.folio(folio.pos)) else { return false }
        return folio_lock(folio) == 0
    }

    /// `folio_unlock`.
    func folio_unlock(_ folio: Folio) {
        unlock(.folio(folio.pos))
        if folio.lockOwner == rt.currentActor && !rt.holds(.folio(folio.pos)) { folio.lockOwner = nil }
    }

    /// `filemap_invalidate_lock` (exclusive) / `filemap_invalidate_lock_shared`.
    func filemap_invalidate_lock(_ mode: LockMode = .exclusive) -> Int { lock(.invalidate_lock, mode) }
    /// `filemap_invalidate_unlock` / `filemap_invalidate_unlock_shared`.
    func filemap_invalidate_unlock() { unlock(.invalidate_lock) }

    /// `filemap_dirty_folio(mapping, folio)`: the mapping's (PagecacheTags.swift), which also sets the DIRTY mark.
    func filemap_dirty_folio(_ folio: Folio) {
        mapping.filemap_dirty_folio(folio)
    }
}
