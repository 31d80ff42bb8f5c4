// MARK: - a file on the running kernel

/// One file opened O_RDWR on a real file system: the kernel side of the cross-check.
public final class KernelFile: FsxTarget {
    public let path: String
    private var fd: Int32

    /// Create (or empty) `path` and open it O_RDWR.
    public init(path: String) throws {
        self.path = path
        self.fd = try KernelSystemCalls.openFile(path)
    }

    deinit { close() }

    /// close(2) the file (before unmounting); later calls fail with EBADF.
    public func close() {
        if fd >= 0 { KernelSystemCalls.closeFile(fd); fd = -1 }
    }

    public func fileSize() throws -> Int { try KernelSystemCalls.fileSize(fd) }
    public func pwrite(offset: Int, data: [UInt8]) throws { try KernelSystemCalls.pwriteAll(fd, data, at: offset) }
    public func pread(offset: Int, length: Int) throws -> [UInt8] { try KernelSystemCalls.preadUpTo(fd, length, at: offset) }
    public func truncate(size: Int) throws { try KernelSystemCalls.truncate(fd, size) }

    public func mapStore(offset: Int, data: [UInt8]) throws {
        if data.isEmpty { return }
        try KernelSystemCalls.withSharedMapping(fd, offset, data.count, sync: true) { p in
            data.withUnsafeBytes { src in p.copyMemory(from: src.baseAddress!, byteCount: data.count) }
        }
    }

    public func mapLoad(offset: Int, length: Int) throws -> [UInt8] {
        if length == 0 { return [] }
        return try KernelSystemCalls.withSharedMapping(fd, offset, length, sync: false) { p in
            [UInt8](UnsafeRawBufferPointer(start: p, count: length))
        }
    }

    public func fallocate(offset: Int, length: Int, keepSize: Bool) throws {
        try KernelSystemCalls.fallocate(fd, mode: keepSize ? KernelSystemCalls.FALLOC_FL_KEEP_SIZE : 0, offset, length)
    }

    public func punchHole(offset: Int, length: Int) throws {
        try KernelSystemCalls.fallocate(
            fd, mode: KernelSystemCalls.FALLOC_FL_PUNCH_HOLE | KernelSystemCalls.FALLOC_FL_KEEP_SIZE, offset, length)
    }

    public func zeroRange(offset: Int, length: Int, keepSize: Bool) throws {
        let mode = KernelSystemCalls.FALLOC_FL_ZERO_RANGE | (keepSize ? KernelSystemCalls.FALLOC_FL_KEEP_SIZE : 0)
        try KernelSystemCalls.fallocate(fd, mode: mode, offset, length)
    }

    public func fsync() throws { try KernelSystemCalls.fsync(fd) }
    public func seekData(_ offset: Int) throws -> Int? { try KernelSystemCalls.seekData(fd, offset) }
    public func seekHole(_ offset: Int) throws -> Int { try KernelSystemCalls.seekHole(fd, offset) }
}
