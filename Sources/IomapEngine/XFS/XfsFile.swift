// MARK: - File operations (fs/xfs/xfs_file.c, fs/xfs/xfs_iops.c) — skeleton

/// The fallocate(2) modes the model implements.
public enum FallocMode: Hashable {
    case allocate(keepSize: Bool)
    case punchHole
    case zeroRange(keepSize: Bool)
}

extension Machine {
    /// `xfs_file_buffered_write`: takes i_rwsem, writes through `iomap_file_buffered_write`, updates i_size.
    func xfs_file_buffered_write(_ offset: Int, _ data: [UInt8], efaultAfter: Int?) -> Int { -Errno.EINVAL }
    /// `filemap_read`: pread(2) through the page cache.
    func filemap_read(_ offset: Int, _ length: Int, into out: inout [UInt8]) -> Int { -Errno.EINVAL }
    /// Stores through a shared mapping (write faults + stores).
    func mmapStore(_ offset: Int, _ data: [UInt8]) -> Int { -Errno.EINVAL }
    /// Loads through a mapping (read faults).
    func mmapLoad(_ offset: Int, _ length: Int, into out: inout [UInt8]) -> Int { -Errno.EINVAL }
    /// `xfs_vn_setattr_size` → `xfs_setattr_size`: truncate(2).
    func xfs_vn_setattr_size(_ size: Int) -> Int { -Errno.EINVAL }
    /// `xfs_file_fallocate`.
    func xfs_file_fallocate(_ mode: FallocMode, _ offset: Int, _ length: Int) -> Int { -Errno.EINVAL }
    /// `xfs_file_fsync`: writes back the whole file and flushes the device.
    func xfs_file_fsync() -> Int {
        traceCall("xfs_file_fsync")
        let r = filemap_write_and_wait_range(0, Int.max - 1)
        if r < 0 { return r }
        do { try device.flush() } catch { return -Errno.EIO }
        return 0
    }
}
