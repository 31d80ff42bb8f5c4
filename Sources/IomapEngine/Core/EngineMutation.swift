// MARK: - Engine mutations

/// A deliberate break of the engine's kernel code, for checking that the spec notices bugs nobody wrote a schedule
/// for (the explorer's mutation check, `iomapspec run --mutation NAME`).
///
/// A mutation is not a patch: no kernel ever had it. It removes one thing the 6.2 code does, so a run with it
/// shows which scenarios and explore blocks depend on that thing. Off in every normal run.
/// Spec: (spec: seek-data-scanning/explore)
public enum EngineMutation: String, CaseIterable, Hashable, Sendable {
    /// `__xfs_filemap_fault` (write fault) calls `iomap_page_mkwrite` without taking `invalidate_lock` shared
    /// (XFS_MMAPLOCK_SHARED), so a page_mkwrite can run inside a punch, truncate or write-failure cleanup.
    case faultWithoutInvalidateLock = "fault-without-invalidate-lock"
}
