import HostSystem
import SystemPackage

// MARK: - FileBlockDevice

/// A device backed by a regular file or a device node: pread/pwrite, flush = fdatasync, through HostSystem.
///
/// Host errors become the model's errno (`modelErrno`).
public final class FileBlockDevice: BlockDevice {
    public let path: String
    public let sizeBytes: Int
    public let sectorSize: Int
    let fd: FileDescriptor
    var closed = false

    /// Opens `path` read-write; with `create`, creates (or extends) a regular file of `sizeBytes` (sparse, via ftruncate).
    /// A device node or existing file is used as is: its size must be at least `sizeBytes`.
    public init(path: String, sizeBytes: Int, create: Bool = true, sectorSize: Int = 512) throws(Errno) {
        self.path = path
        self.sizeBytes = sizeBytes
        self.sectorSize = sectorSize
        do {
            fd = try FileDescriptor.open(FilePath(path), .readWrite, options: create ? [.create] : [],
                                         permissions: create ? [.ownerReadWrite, .groupRead, .otherRead] : nil)
        } catch { throw modelErrno(error) }
        if create {
            do throws(Errno) { try grow(to: sizeBytes) } catch {
                try? fd.close(); throw error
            }
        }
    }

    deinit { close() }

    /// Closes the file descriptor (idempotent).
    public func close() {
        guard !closed else { return }
        closed = true
        try? fd.close()
    }

    /// Reads with pread; bytes past the end of a regular file read as zero.
    public func read(at offset: Int, count: Int) throws(Errno) -> [UInt8] {
        try checkBounds(offset, count)
        var out = [UInt8](repeating: 0, count: count)
        do {
            _ = try out.withUnsafeMutableBytes { try fd.readAll(fromAbsoluteOffset: Int64(offset), into: $0) }
        } catch { throw modelErrno(error) }
        return out
    }

    /// Writes with pwrite until every byte is written.
    public func write(at offset: Int, _ bytes: [UInt8]) throws(Errno) {
        try checkBounds(offset, bytes.count)
        do { _ = try fd.writeAll(toAbsoluteOffset: Int64(offset), bytes) } catch { throw modelErrno(error) }
        writeGeneration += 1
    }

    public private(set) var writeGeneration = 0

    /// fdatasync; any failure is `EIO`, as a failed `blkdev_issue_flush`.
    public func flush() throws(Errno) {
        do throws(SystemPackage.Errno) { try fd.syncData() } catch { throw Errno.EIO }
    }

    // MARK: size

    /// ftruncate up to `size` when the file is a smaller regular file; a device node keeps its size.
    ///
    /// A failed fstat is `EIO`, a failed ftruncate `ENOSPC` (the backing file system cannot hold the device).
    private func grow(to size: Int) throws(Errno) {
        let status: Stat
        do { status = try fd.stat() } catch { throw Errno.EIO }
        guard status.type == .regular, status.size < Int64(size) else { return }
        do { try fd.resize(to: Int64(size)) } catch { throw Errno.ENOSPC }
    }
}

/// The model's errno for a host error with the same number; any other error is `EIO`.
private func modelErrno(_ error: Error) -> Errno {
    if let host = error as? SystemPackage.Errno, let model = Errno(rawValue: host.rawValue) { return model }
    return .EIO
}
