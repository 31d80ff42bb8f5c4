import Glibc
import SystemPackage

// MARK: - fsync, fdatasync

extension FileDescriptor {
    /// Writes the file's dirty data and metadata to its device and waits. The corresponding C function is `fsync`.
    public func sync() throws(Errno) {
        try nothingOrErrno { Glibc.fsync(rawValue) }.get()
    }

    /// Writes the file's dirty data, and only the metadata needed to read it, and waits (`fdatasync`).
    public func syncData() throws(Errno) {
        try nothingOrErrno { Glibc.fdatasync(rawValue) }.get()
    }
}
