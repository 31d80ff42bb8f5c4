import IomapEngine

// MARK: - Names the grammar accepts (Docs/design.md, "Scenario blocks")

/// The words a scenario may use; patch and pause-point names come from the engine's enums.
public enum Vocabulary {
    /// `without SWITCH` and `patches=-NAME` names: `Patch` raw values.
    public static var switches: [String] { Patch.allCases.map(\.rawValue) }
    /// `until=POINT` and `paused=POINT` names: `PausePoint` raw values.
    public static var pausePoints: [String] { PausePoint.allCases.map(\.rawValue) }
    /// Invariant names for `violation=` (design.md "Invariants").
    public static var invariants: [String] { InvariantName.all }
    /// Scenario settings keys.
    public static let settings = ["bs", "folio", "patches", "device", "tags"]
    /// Characters of a page-cache picture.
    public static let cacheChars: Set<Character> = ["-", ".", "u", "D", "d", "W", "L"]
    /// Characters of an extent picture.
    public static let extentChars: Set<Character> = ["h", "d", "u", "w"]
    /// iomap types for `iomap = TYPE ...` (IOMAP_* without the prefix).
    public static let iomapTypes = ["HOLE", "DELALLOC", "MAPPED", "UNWRITTEN", "INLINE"]
    /// iomap flags for `iomap = ... FLAG` (IOMAP_F_* without the prefix).
    public static let iomapFlags = ["NEW", "DIRTY", "SHARED", "MERGED", "BUFFER_HEAD", "XATTR", "SIZE_CHANGED", "STALE"]
    /// errno names accepted by `ret=-NAME`.
    public static let errnos: [String: Int] = [
        "EPERM": 1, "ENOENT": 2, "EIO": 5, "ENXIO": 6, "EAGAIN": 11, "ENOMEM": 12, "EFAULT": 14, "EBUSY": 16,
        "EINVAL": 22, "EFBIG": 27, "ENOSPC": 28, "EDEADLK": 35, "EOPNOTSUPP": 95,
    ]
    /// Lock names for `blocked=` (plus `folio@POS`).
    public static let locks = ["i_rwsem", "invalidate_lock", "ILOCK"]
}
