import SystemPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - SystemCalls

/// The one seam over the operating system: open, pread, pwrite, fdatasync, ftruncate, close. Nothing else in the
/// engine touches the OS. Failures map to `Errno.EIO` (or the matching model errno when there is one).
enum SystemCalls {
    typealias Handle = FileDescriptor

    /// `open(path, O_RDWR | [O_CREAT], 0644)`.
    static func open(_ path: String, create: Bool) throws(Errno) -> Handle {
        do {
            return try FileDescriptor.open(FilePath(path), .readWrite, options: create ? [.create] : [],
                                           permissions: create ? [.ownerReadWrite, .groupRead, .otherRead] : nil)
        } catch { throw map(error) }
    }

    /// `pread` until `count` bytes are read; bytes past the end of a regular file read as zero.
    static func pread(_ fd: Handle, offset: Int, count: Int) throws(Errno) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n: Int
            do {
                n = try out.withUnsafeMutableBytes { buf in
                    try fd.read(fromAbsoluteOffset: Int64(offset + done),
                                into: UnsafeMutableRawBufferPointer(rebasing: buf[done...]))
                }
            } catch { throw map(error) }
            if n == 0 { break }  // end of file: the rest stays zero
            done += n
        }
        return out
    }

    /// `pwrite` until every byte is written.
    static func pwrite(_ fd: Handle, offset: Int, _ bytes: [UInt8]) throws(Errno) {
        do {
            _ = try bytes.withUnsafeBytes { buf in
                try fd.writeAll(toAbsoluteOffset: Int64(offset), buf)
            }
        } catch { throw map(error) }
    }

    /// `fdatasync(fd)`.
    static func fdatasync(_ fd: Handle) throws(Errno) {
        if Glibc.fdatasync(fd.rawValue) != 0 { throw Errno.EIO }
    }

    /// `ftruncate(fd, size)`: only grows or shrinks a regular file; a device node keeps its size (EINVAL ignored).
    static func ftruncate(_ fd: Handle, _ size: Int) throws(Errno) {
        var st = stat()
        guard fstat(fd.rawValue, &st) == 0 else { throw Errno.EIO }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return }
        if Int(st.st_size) >= size { return }
        if Glibc.ftruncate(fd.rawValue, off_t(size)) != 0 { throw Errno.ENOSPC }
    }

    /// `close(fd)`.
    static func close(_ fd: Handle) throws(Errno) {
        do { try fd.close() } catch { throw map(error) }
    }

    /// Maps an OS error to the model's errno (unknown ones become EIO).
    static func map(_ error: Error) -> Errno {
        if let e = error as? SystemPackage.Errno, let m = IomapEngine.Errno(rawValue: e.rawValue) { return m }
        return .EIO
    }
}
