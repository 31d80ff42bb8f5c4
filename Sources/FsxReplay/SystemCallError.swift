import SystemPackage

// MARK: - a failed system call on the kernel side

/// A failed system call: its name and errno, e.g. `fallocate: No space left on device (errno 28)`.
public struct SystemCallError: Error, CustomStringConvertible {
    public var call: String
    public var errno: Errno
    public var description: String { "\(call): \(errno) (errno \(errno.rawValue))" }
}

/// Runs one system call of `call`'s name; an `Errno` it throws becomes a `SystemCallError` naming the call.
func systemCall<R>(_ call: String, _ body: () throws -> R) throws -> R {
    do { return try body() } catch let errno as Errno { throw SystemCallError(call: call, errno: errno) }
}
