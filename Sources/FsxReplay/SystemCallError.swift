import SystemPackage

// MARK: - a failed system call on the kernel side

/// The system calls the kernel side makes, spelled as error messages name them.
public enum SystemCallName: String, Sendable {
    case open, fstat, pwrite, pread, ftruncate, fallocate, fsync, mmap, msync
    case seekData = "lseek SEEK_DATA"
    case seekHole = "lseek SEEK_HOLE"
}

/// A failed system call: its name, the path it opened if any, and errno.
///
/// Prints as `fallocate: No space left on device (errno 28)` or `open /mnt/x: Permission denied (errno 13)`.
public struct SystemCallError: Error, CustomStringConvertible {
    public var call: SystemCallName
    public var path: String?
    public var errno: Errno
    public var description: String {
        "\(call.rawValue)\(path.map { " " + $0 } ?? ""): \(errno) (errno \(errno.rawValue))"
    }
}

/// Runs system call `call` (on `path`, for open); an `Errno` it throws becomes a `SystemCallError` naming it.
func systemCall<R>(_ call: SystemCallName, path: String? = nil, _ body: () throws -> R) throws -> R {
    do { return try body() } catch let errno as Errno { throw SystemCallError(call: call, path: path, errno: errno) }
}
