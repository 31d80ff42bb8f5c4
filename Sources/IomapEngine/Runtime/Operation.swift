// MARK: - Operation

/// One system call (or harness action) a `Machine` can run (Docs/design.md "Engine public API").
public enum Operation: Hashable, Sendable, CustomStringConvertible {
    /// pwrite(2) through `xfs_file_buffered_write`; the user buffer faults (copy-in stops) after `efaultAfter` bytes.
    case pwrite(offset: Int, data: [UInt8], efaultAfter: Int? = nil)
    /// pread(2) through `filemap_read`.
    case pread(offset: Int, length: Int)
    /// Stores through a shared writable mapping: per page a write fault → `page_mkwrite` → store; SIGBUS past EOF → -EFAULT.
    case mmapStore(offset: Int, data: [UInt8])
    /// Loads through a mapping: per page a read fault (`filemap_fault`); SIGBUS past EOF → -EFAULT.
    case mmapLoad(offset: Int, length: Int)
    /// truncate(2) through `xfs_setattr_size`.
    case truncate(size: Int)
    /// fallocate(2) mode 0 or FALLOC_FL_KEEP_SIZE.
    case fallocate(offset: Int, length: Int, keepSize: Bool)
    /// fallocate(2) FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE.
    case punchHole(offset: Int, length: Int)
    /// fallocate(2) FALLOC_FL_ZERO_RANGE (optionally KEEP_SIZE).
    case zeroRange(offset: Int, length: Int, keepSize: Bool)
    /// fallocate(2) FALLOC_FL_COLLAPSE_RANGE: the range is removed and what follows moves down (`xfs_collapse_file_space`).
    case collapseRange(offset: Int, length: Int)
    /// fallocate(2) FALLOC_FL_INSERT_RANGE: a hole is inserted and what follows moves up (`xfs_insert_file_space`).
    case insertRange(offset: Int, length: Int)
    /// fsync(2): write back everything and wait.
    case fsync
    /// sync_file_range(2) with WAIT_BEFORE, WRITE and WAIT_AFTER: errors reported through the file's errseq.
    case writeback(offset: Int, length: Int)
    /// Close, unmount and mount: the file comes back with a cold page cache and no post-EOF blocks it may lose.
    case remount
    /// Memory reclaim: evicts clean, unlocked, not-under-writeback folios wholly inside the range, leaving shadow entries.
    case reclaim(offset: Int, length: Int)
    /// `invalidate_mapping_pages` over the range's whole pages (fadvise DONTNEED without its writeback): no shadows.
    case invalidate(offset: Int, length: Int)
    /// Readahead: instantiates folios of `geometry.folioSize` and reads them.
    case readahead(offset: Int, length: Int)
    /// Writes `value` to the errortag `tag` (sysfs `errortag/<name>`; `xfs_errortag_set`).
    case errortagSet(tag: Int, value: Int)
    /// Later device writes behind this file range fail with EIO.
    case failIO(offset: Int, length: Int)
    /// Later writeback delalloc conversions in this file range fail with EIO.
    ///
    /// Later writeback `->map_blocks` conversions of delalloc blocks in this file range fail with EIO
    /// (`xfs_bmapi_convert_delalloc` failing, e.g. on a corrupt extent tree).
    case failMap(offset: Int, length: Int)

    /// The syscall-ish name used in traces ("pwrite").
    public var name: String {
        switch self {
        case .pwrite: return "pwrite"
        case .pread: return "pread"
        case .mmapStore: return "store"
        case .mmapLoad: return "load"
        case .truncate: return "truncate"
        case .fallocate: return "fallocate"
        case .punchHole: return "punch-hole"
        case .zeroRange: return "zero-range"
        case .collapseRange: return "collapse-range"
        case .insertRange: return "insert-range"
        case .fsync: return "fsync"
        case .writeback: return "writeback"
        case .remount: return "remount"
        case .reclaim: return "reclaim"
        case .invalidate: return "invalidate"
        case .readahead: return "readahead"
        case .errortagSet: return "errortag"
        case .failIO: return "fail-io"
        case .failMap: return "fail-map"
        }
    }

    public var description: String {
        switch self {
        case let .pwrite(o, d, e): return "pwrite \(formatSize(o)) \(formatSize(d.count))" + (e.map { " efault=\(formatSize($0))" } ?? "")
        case let .pread(o, l): return "pread \(formatSize(o)) \(formatSize(l))"
        case let .mmapStore(o, d): return "store \(formatSize(o)) \(formatSize(d.count))"
        case let .mmapLoad(o, l): return "load \(formatSize(o)) \(formatSize(l))"
        case let .truncate(s): return "truncate \(formatSize(s))"
        case let .fallocate(o, l, k): return "fallocate \(formatSize(o)) \(formatSize(l))" + (k ? " keep-size" : "")
        case let .punchHole(o, l): return "punch-hole \(formatSize(o)) \(formatSize(l))"
        case let .zeroRange(o, l, k): return "zero-range \(formatSize(o)) \(formatSize(l))" + (k ? " keep-size" : "")
        case let .collapseRange(o, l): return "collapse-range \(formatSize(o)) \(formatSize(l))"
        case let .insertRange(o, l): return "insert-range \(formatSize(o)) \(formatSize(l))"
        case .fsync: return "fsync"
        case let .writeback(o, l): return "writeback \(formatSize(o)) \(formatSize(l))"
        case .remount: return "remount"
        case let .reclaim(o, l): return "reclaim \(formatSize(o)) \(formatSize(l))"
        case let .invalidate(o, l): return "invalidate \(formatSize(o)) \(formatSize(l))"
        case let .readahead(o, l): return "readahead \(formatSize(o)) \(formatSize(l))"
        case let .errortagSet(t, v): return "errortag \(t) \(v)"
        case let .failIO(o, l): return "fail-io \(formatSize(o)) \(formatSize(l))"
        case let .failMap(o, l): return "fail-map \(formatSize(o)) \(formatSize(l))"
        }
    }
}

// MARK: - OperationResult

/// What an operation returned: a byte count (or 0), an error, and the bytes a read returned.
public struct OperationResult: Hashable, CustomStringConvertible {
    /// Bytes written/read, or 0.
    public var value: Int
    /// The error, when the call failed (`-errno`).
    public var error: Errno?
    /// The bytes a read returned (pread, load).
    public var data: [UInt8]

    public init(value: Int = 0, error: Errno? = nil, data: [UInt8] = []) {
        self.value = value
        self.error = error
        self.data = data
    }

    /// Builds a result from a kernel-style return: negative is `-errno`, otherwise a count.
    public init(kernelReturn ret: Int, data: [UInt8] = []) {
        if ret < 0 {
            self.init(value: 0, error: Errno(rawValue: Int32(-ret)) ?? .EIO, data: data)
        } else {
            self.init(value: ret, error: nil, data: data)
        }
    }

    /// `ret=N` or `ret=-ERRNO` as the scenario grammar writes it.
    public var description: String { error.map { "-\($0.name)" } ?? "\(value)" }
}

// MARK: - ActorStatus

/// Where a scenario actor is: stopped at a pause point, waiting for a lock, finished, or never started.
public enum ActorStatus: Hashable, CustomStringConvertible {
    case paused(PausePoint, pos: Int)
    /// Sleeping on a lock or a folio's writeback (`blocked=i_rwsem`, `blocked=writeback@4096`).
    case blocked(lock: WaitChannel)
    case done(OperationResult)
    case idle

    public var description: String {
        switch self {
        case let .paused(p, pos): return "paused=\(p)@\(formatSize(pos))"
        case let .blocked(l): return "blocked=\(l)"
        case let .done(r): return "done ret=\(r)"
        case .idle: return "idle"
        }
    }
}

// MARK: - Kernel-style error returns

extension Errno {
    /// `-EIO` as a kernel return value: `return -Errno.EIO`.
    public static prefix func - (e: Errno) -> Int { -Int(e.rawValue) }
}
