#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - the one seam between the kernel replayer and the operating system

/// A failed system call: its name and errno.
public struct SystemCallError: Error, CustomStringConvertible {
    public var call: String
    public var errno: Int32
    public var description: String { "\(call): \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// Thin typed wrappers over the system calls fsx uses; nothing else in FsxReplay touches the OS for the replay.
enum KernelSystemCalls {
    static func check(_ call: String, _ r: Int) throws -> Int {
        if r < 0 { throw SystemCallError(call: call, errno: errno) }
        return r
    }

    /// open(2) O_RDWR|O_CREAT|O_TRUNC, mode 0644.
    static func openFile(_ path: String) throws -> Int32 {
        Int32(try check("open \(path)", Int(open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644))))
    }

    /// close(2).
    static func closeFile(_ fd: Int32) { _ = close(fd) }

    /// fstat(2) st_size.
    static func fileSize(_ fd: Int32) throws -> Int {
        var st = stat()
        _ = try check("fstat", Int(fstat(fd, &st)))
        return Int(st.st_size)
    }

    /// pwrite(2) until every byte is written.
    static func pwriteAll(_ fd: Int32, _ data: [UInt8], at offset: Int) throws {
        var done = 0
        while done < data.count {
            let n = try data.withUnsafeBytes { p in
                try check("pwrite", pwrite(fd, p.baseAddress! + done, data.count - done, off_t(offset + done)))
            }
            if n == 0 { throw SystemCallError(call: "pwrite", errno: EIO) }
            done += n
        }
    }

    /// pread(2) until `length` bytes or EOF.
    static func preadUpTo(_ fd: Int32, _ length: Int, at offset: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let n = try out.withUnsafeMutableBytes { p in
                try check("pread", pread(fd, p.baseAddress! + done, length - done, off_t(offset + done)))
            }
            if n == 0 { break }
            done += n
        }
        out.removeLast(length - done)
        return out
    }

    /// ftruncate(2).
    static func truncate(_ fd: Int32, _ size: Int) throws {
        _ = try check("ftruncate", Int(ftruncate(fd, off_t(size))))
    }

    /// fallocate(2) with the given FALLOC_FL_* mode (glibc declares it only under _GNU_SOURCE: found by dlsym).
    static func fallocate(_ fd: Int32, mode: Int32, _ offset: Int, _ length: Int) throws {
        guard let fn = fallocateFunction else { throw SystemCallError(call: "fallocate", errno: ENOSYS) }
        _ = try check("fallocate", Int(fn(fd, mode, Int64(offset), Int64(length))))
    }

    private typealias FallocateFunction = @convention(c) (Int32, Int32, Int64, Int64) -> Int32
    private static let fallocateFunction: FallocateFunction? = {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "fallocate64") ?? dlsym(handle, "fallocate")
        else { return nil }
        return unsafeBitCast(sym, to: FallocateFunction.self)
    }()

    /// fsync(2).
    static func fsync(_ fd: Int32) throws { _ = try check("fsync", Int(Glibc.fsync(fd))) }

    /// lseek(2) SEEK_DATA; nil on ENXIO.
    static func seekData(_ fd: Int32, _ offset: Int) throws -> Int? {
        let r = lseek(fd, off_t(offset), SEEK_DATA)
        if r < 0 && errno == ENXIO { return nil }
        return try check("lseek SEEK_DATA", Int(r))
    }

    /// lseek(2) SEEK_HOLE.
    static func seekHole(_ fd: Int32, _ offset: Int) throws -> Int {
        try check("lseek SEEK_HOLE", Int(lseek(fd, off_t(offset), SEEK_HOLE)))
    }

    /// mmap(2) MAP_SHARED of `[offset, offset+length)` (page-aligned start), run `body` on the mapped bytes
    /// at `offset`, msync(MS_SYNC) when `sync`, then munmap(2).
    static func withSharedMapping<R>(_ fd: Int32, _ offset: Int, _ length: Int, sync: Bool,
                                     _ body: (UnsafeMutableRawPointer) throws -> R) throws -> R {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = offset - offset % page
        let mapLength = offset + length - start
        guard let base = mmap(nil, mapLength, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(start)),
              base != MAP_FAILED else { throw SystemCallError(call: "mmap", errno: errno) }
        defer { munmap(base, mapLength) }
        let result = try body(base + (offset - start))
        if sync { _ = try check("msync", Int(msync(base, mapLength, MS_SYNC))) }
        return result
    }

    // MARK: Linux constants glibc hides behind _GNU_SOURCE (linux/fs.h, linux/falloc.h)
    static let SEEK_DATA: Int32 = 3
    static let SEEK_HOLE: Int32 = 4
    static let FALLOC_FL_KEEP_SIZE: Int32 = 0x01
    static let FALLOC_FL_PUNCH_HOLE: Int32 = 0x02
    static let FALLOC_FL_ZERO_RANGE: Int32 = 0x10
}
