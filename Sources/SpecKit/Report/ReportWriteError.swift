import SystemPackage

// MARK: - Why the report could not be written

/// The report directory or a page could not be written: which path, and the system's errno.
public struct ReportWriteError: Error, CustomStringConvertible {
    /// The directory or page that failed.
    public var path: String
    /// What the system call returned (through HostSystem).
    public var errno: SystemPackage.Errno

    /// `cannot write the report to PATH: REASON (errno N)`.
    public var description: String {
        "cannot write the report to \(path): \(errno) (errno \(errno.rawValue))"
    }
}
