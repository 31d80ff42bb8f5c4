import HostSystem
import SystemPackage

// MARK: - a file on the running kernel

/// One file opened O_RDWR on a real file system: the kernel side of the cross-check.
///
/// Every operation is one system call through HostSystem's file descriptor; a failure names the call
/// (`SystemCallError`).
public final class KernelFile: FsxTarget {
    public let path: String
    /// nil once closed.
    private var fd: FileDescriptor?
    /// The file system `remount` unmounts and mounts again (nil: the file cannot be remounted).
    private let scratch: XfsScratch?

    /// Create (or empty) `path` and open it O_RDWR (`open(path, O_RDWR | O_CREAT | O_TRUNC, 0644)`).
    ///
    /// `scratch`: the scratch file system `path` lies on, which `remount` unmounts and mounts.
    public init(path: String, scratch: XfsScratch? = nil) throws {
        self.path = path
        self.scratch = scratch
        fd = try systemCall(.open, path: path) {
            try FileDescriptor.open(FilePath(path), .readWrite, options: [.create, .truncate],
                                    permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
    }

    deinit { close() }

    /// close(2) the file (before unmounting); later calls fail with EBADF.
    public func close() {
        try? fd?.close()
        fd = nil
    }

    /// Runs system call `name` on the open file; EBADF once closed.
    private func call<R>(_ name: SystemCallName, _ body: (FileDescriptor) throws -> R) throws -> R {
        try systemCall(name) {
            guard let fd else { throw Errno.badFileDescriptor }
            return try body(fd)
        }
    }

    // MARK: FsxTarget

    public func fileSize() throws -> Int { Int(try call(.fstat) { try $0.stat().size }) }

    public func pwrite(offset: Int, data: [UInt8]) throws {
        _ = try call(.pwrite) { try $0.writeAll(toAbsoluteOffset: Int64(offset), data) }
    }

    /// pread(2) until `length` bytes or end of file.
    public func pread(offset: Int, length: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        let done = try call(.pread) { fd in
            try out.withUnsafeMutableBytes { try fd.readAll(fromAbsoluteOffset: Int64(offset), into: $0) }
        }
        out.removeLast(length - done)
        return out
    }

    public func truncate(size: Int) throws { try call(.ftruncate) { try $0.resize(to: Int64(size)) } }

    public func mapStore(offset: Int, data: [UInt8]) throws {
        if data.isEmpty { return }
        try withMapping(offset: offset, length: data.count) { mapping in
            data.withUnsafeBytes { mapping.bytes.copyMemory(from: $0) }
            try systemCall(.msync) { try mapping.sync() }
        }
    }

    public func mapLoad(offset: Int, length: Int) throws -> [UInt8] {
        if length == 0 { return [] }
        return try withMapping(offset: offset, length: length) { [UInt8]($0.bytes) }
    }

    public func fallocate(offset: Int, length: Int, keepSize: Bool) throws {
        try allocate(keepSize ? .keepSize : [], offset, length)
    }

    public func punchHole(offset: Int, length: Int) throws { try allocate([.punchHole, .keepSize], offset, length) }

    public func zeroRange(offset: Int, length: Int, keepSize: Bool) throws {
        try allocate(keepSize ? [.zeroRange, .keepSize] : .zeroRange, offset, length)
    }

    public func collapseRange(offset: Int, length: Int) throws { try allocate(.collapseRange, offset, length) }

    public func insertRange(offset: Int, length: Int) throws { try allocate(.insertRange, offset, length) }

    public func fsync() throws { try call(.fsync) { try $0.sync() } }

    /// fsync, close(2), umount and mount the scratch file system, open(2) the file O_RDWR again.
    public func remount() throws {
        guard let scratch else { throw FsxReplayError("\(path): remount needs the scratch XFS the file lies on") }
        try fsync()
        close()
        try scratch.remount()
        fd = try systemCall(.open, path: path) { try FileDescriptor.open(FilePath(path), .readWrite) }
    }

    public func seekData(_ offset: Int) throws -> Int? {
        try call(.seekData) { try $0.seekData(from: Int64(offset)) }.map { Int($0) }
    }

    public func seekHole(_ offset: Int) throws -> Int {
        Int(try call(.seekHole) { try $0.seekHole(from: Int64(offset)) })
    }

    // MARK: helpers

    /// fallocate(2) with `mode` over `[offset, offset + length)`.
    private func allocate(_ mode: FileDescriptor.AllocateMode, _ offset: Int, _ length: Int) throws {
        try call(.fallocate) { try $0.allocate(mode, offset: Int64(offset), length: Int64(length)) }
    }

    /// mmap(2) MAP_SHARED of `[offset, offset + length)`, `body` on it, then munmap(2).
    private func withMapping<R>(offset: Int, length: Int, _ body: (SharedMapping) throws -> R) throws -> R {
        let mapping = try call(.mmap) { try SharedMapping($0, offset: Int64(offset), length: length) }
        defer { try? mapping.unmap() }
        return try body(mapping)
    }
}
