// MARK: - Errortags (fs/xfs/xfs_error.c, fs/xfs/libxfs/xfs_errortag.h)

/// `XFS_ERRTAG_DROP_WRITES`: buffered writes are dropped and handled as if they failed (removed by 6e8af15ccdc4).
/// Spec: (spec: errortag-removal/what-it-did), (spec: errortag-removal/removal)
public let XFS_ERRTAG_DROP_WRITES = 28
/// `XFS_ERRTAG_MAX` of the kernel the series applies to (tags 0...39).
public let XFS_ERRTAG_MAX = 40

extension XfsInode {
    /// `xfs_errortag_valid`: is `error_tag` a tag this kernel knows (6e8af15ccdc4 rejects the removed drop_writes)?
    /// Spec: (spec: errortag-removal/removal), (spec: errortag-removal/tag-28-rejected-section)
    public func xfs_errortag_valid(_ error_tag: Int) -> Bool {
        // excerpt: xfs_errortag_valid
        if error_tag < 0 || error_tag >= XFS_ERRTAG_MAX { return false }
        // Error out removed injection types
        if patches.contains(.errortagRemoval) && error_tag == XFS_ERRTAG_DROP_WRITES { return false }
        return true
        // excerpt-end
    }

    /// `xfs_errortag_set`: sets the tag's frequency (sysfs `errortag/<name>` write); `-EINVAL` for invalid tags.
    /// Spec: (spec: errortag-removal/removal)
    public func xfs_errortag_set(_ error_tag: Int, _ tag_value: Int) -> Int {
        traceCall("xfs_errortag_set", pos: error_tag)
        if !xfs_errortag_valid(error_tag) { return -Errno.EINVAL }
        i_mount.m_errortag[error_tag] = tag_value
        i_mount.errortagTests[error_tag] = 0
        return 0
    }

    /// `xfs_errortag_get`: the tag's value, or `-EINVAL`.
    public func xfs_errortag_get(_ error_tag: Int) -> Int {
        if !xfs_errortag_valid(error_tag) { return -Errno.EINVAL }
        return i_mount.m_errortag[error_tag] ?? 0
    }

    /// `xfs_errortag_add`: sets the tag to its default frequency (1 for drop_writes), or `-EINVAL`.
    /// Spec: (spec: errortag-removal/removal)
    public func xfs_errortag_add(_ error_tag: Int) -> Int {
        if !xfs_errortag_valid(error_tag) { return -Errno.EINVAL }
        return xfs_errortag_set(error_tag, 1)
    }

    /// `xfs_errortag_test` (`XFS_TEST_ERROR`): should the injection point fire now?
    ///
    /// The kernel fires with probability 1/value (`prandom_u32_max(randfactor) == 0`); the model is deterministic
    /// and fires on every value-th test (value 1: always).
    /// Spec: (spec: errortag-removal/what-it-did), (spec: errortag-removal/why)
    func xfs_errortag_test(_ error_tag: Int) -> Bool {
        guard xfs_errortag_valid(error_tag), let v = i_mount.m_errortag[error_tag], v > 0 else { return false }
        let n = (i_mount.errortagTests[error_tag] ?? 0) + 1
        i_mount.errortagTests[error_tag] = n
        return n % v == 0
    }
}
