// BlockDevice/: the block layer under the filesystem: the `BlockDevice` protocol, `MemoryBlockDevice` (the
// default, sparse), `FileBlockDevice` (a file or device node) over `SystemCalls` (the one file that touches
// the OS). Calls only Core/.

// MARK: - BlockDevice

/// The block device under the filesystem (the block layer's `submit_bio` target), byte addressed.
public protocol BlockDevice: AnyObject {
    /// Capacity in bytes.
    var sizeBytes: Int { get }
    /// Logical sector size in bytes (IO granularity the device accepts).
    var sectorSize: Int { get }
    /// Reads `count` bytes at `offset` (never-written bytes read as zero).
    func read(at offset: Int, count: Int) throws(Errno) -> [UInt8]
    /// Writes `bytes` at `offset`.
    func write(at offset: Int, _ bytes: [UInt8]) throws(Errno)
    /// Makes written data durable (`blkdev_issue_flush` / `fdatasync`).
    func flush() throws(Errno)
    /// Model only: how many writes succeeded so far; equal counts on one device mean unchanged content.
    var writeGeneration: Int { get }
}

extension BlockDevice {
    /// Checks that `[offset, offset+count)` lies on the device; `-EIO` otherwise, as the block layer fails a bio past the end.
    func checkBounds(_ offset: Int, _ count: Int) throws(Errno) {
        guard offset >= 0, count >= 0, offset + count <= sizeBytes else { throw Errno.EIO }
    }
}
