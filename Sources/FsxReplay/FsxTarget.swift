// MARK: - what a replay runs on

/// A file that fsx operations can run on: the engine's `Machine` or a file on a real kernel's XFS.
/// Every method is one system call's worth of work on the one open file.
public protocol FsxTarget: AnyObject {
    /// Current file size (i_size, as fstat reports it).
    func fileSize() throws -> Int
    /// pwrite(2) of all of `data` at `offset`.
    func pwrite(offset: Int, data: [UInt8]) throws
    /// pread(2): the bytes returned, short at EOF.
    func pread(offset: Int, length: Int) throws -> [UInt8]
    /// ftruncate(2) to `size`.
    func truncate(size: Int) throws
    /// Store `data` through a MAP_SHARED mapping, then msync(MS_SYNC) the range; the range lies below EOF.
    func mapStore(offset: Int, data: [UInt8]) throws
    /// Load `length` bytes through a mapping; the range lies below EOF.
    func mapLoad(offset: Int, length: Int) throws -> [UInt8]
    /// fallocate(2) mode 0 or FALLOC_FL_KEEP_SIZE.
    func fallocate(offset: Int, length: Int, keepSize: Bool) throws
    /// fallocate(2) FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE.
    func punchHole(offset: Int, length: Int) throws
    /// fallocate(2) FALLOC_FL_ZERO_RANGE, with FALLOC_FL_KEEP_SIZE when asked.
    func zeroRange(offset: Int, length: Int, keepSize: Bool) throws
    /// fallocate(2) FALLOC_FL_COLLAPSE_RANGE.
    func collapseRange(offset: Int, length: Int) throws
    /// fallocate(2) FALLOC_FL_INSERT_RANGE.
    func insertRange(offset: Int, length: Int) throws
    /// Close, unmount, mount and reopen the file: what follows sees a cold page cache.
    func remount() throws
    /// fsync(2).
    func fsync() throws
    /// lseek(SEEK_DATA): next data offset at or after `offset`, nil for ENXIO.
    func seekData(_ offset: Int) throws -> Int?
    /// lseek(SEEK_HOLE): next hole offset at or after `offset` (EOF counts as a hole).
    func seekHole(_ offset: Int) throws -> Int
    /// SHA-256 of the first `size` bytes as reading the whole file returns them, leaving the file as that read
    /// would for what follows (the seek map).
    func wholeFileSHA256(size: Int) throws -> [UInt8]
    /// After the final state: a last consistency check of the target (the engine's full invariant sweep).
    func finishReplay()
}

extension FsxTarget {
    /// Nothing to check on a real file.
    public func finishReplay() {}

    /// The recorder's way: pread(2) from 0 to `size` in 1 MiB chunks, hashing as it goes.
    public func wholeFileSHA256(size: Int) throws -> [UInt8] {
        var hasher = SHA256()
        var pos = 0
        let chunk = 1 << 20
        while pos < size {
            let bytes = try pread(offset: pos, length: min(chunk, size - pos))
            if bytes.isEmpty { throw FsxReplayError("short read at \(pos) below EOF \(size)") }
            hasher.update(bytes)
            pos += bytes.count
        }
        return hasher.finalize()
    }
}
