// MARK: - FileBlockDevice

/// A device backed by a regular file or a device node, through `SystemCalls` (pread/pwrite; flush = fdatasync).
public final class FileBlockDevice: BlockDevice {
    public let path: String
    public let sizeBytes: Int
    public let sectorSize: Int
    let fd: SystemCalls.Handle
    var closed = false

    /// Opens `path` read-write; with `create`, creates (or extends) a regular file of `sizeBytes` (sparse, via ftruncate).
    /// A device node or existing file is used as is: its size must be at least `sizeBytes`.
    public init(path: String, sizeBytes: Int, create: Bool = true, sectorSize: Int = 512) throws(Errno) {
        self.path = path
        self.sizeBytes = sizeBytes
        self.sectorSize = sectorSize
        self.fd = try SystemCalls.open(path, create: create)
        if create {
            do throws(Errno) { try SystemCalls.ftruncate(fd, sizeBytes) } catch {
                try? SystemCalls.close(fd); throw error
            }
        }
    }

    deinit { close() }

    /// Closes the file descriptor (idempotent).
    public func close() {
        guard !closed else { return }
        closed = true
        try? SystemCalls.close(fd)
    }

    public func read(at offset: Int, count: Int) throws(Errno) -> [UInt8] {
        try checkBounds(offset, count)
        return try SystemCalls.pread(fd, offset: offset, count: count)
    }

    public func write(at offset: Int, _ bytes: [UInt8]) throws(Errno) {
        try checkBounds(offset, bytes.count)
        try SystemCalls.pwrite(fd, offset: offset, bytes)
    }

    public func flush() throws(Errno) { try SystemCalls.fdatasync(fd) }
}
