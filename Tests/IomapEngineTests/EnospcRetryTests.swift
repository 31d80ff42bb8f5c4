import Testing
@testable import IomapEngine

// MARK: - xfs_file_buffered_write's ENOSPC retry (fs/xfs/xfs_file.c, 6.2), on a 256-block file system

private let k4 = 4096

/// Where the sparse file's data starts: the writes below go into the hole before it, inside EOF, so no
/// `xfs_zero_eof` runs (zeroing over the post-EOF delalloc would move EOF past the preallocation).
private let base = 2 << 20

/// 4k blocks, 1 MiB device: 256 blocks. A 2M sparse file, a 64k write at 2M, then a 4k write at the new EOF,
/// which reserves speculative preallocation: 48 blocks reserved, 31 of them past EOF (`XFS_IEOFBLOCKS`), 208 free.
private func preallocatedMachine() -> Machine {
    let m = Machine(config: EngineConfig(blockSize: k4, deviceBytes: 1 << 20))
    m.perform(.truncate(size: base))
    m.perform(.pwrite(offset: base, data: [UInt8](repeating: 65, count: 16 * k4)))
    m.perform(.pwrite(offset: base + 16 * k4, data: [UInt8](repeating: 66, count: k4)))
    return m
}

@Test func enospcSetUp() {
    let m = preallocatedMachine()
    #expect(m.reservedBlocks == 48 && m.freeBlocks == 208)
    #expect(m.ip.i_flags.contains(.XFS_IEOFBLOCKS))
}

/// 220 blocks at 0 (a hole inside EOF): the first pass fails (no room even without preallocation: 220 > 208) having written nothing;
/// `xfs_flush_inodes` converts the 48 delalloc blocks (no space back: the model makes no indirect-block
/// reservation) and `xfs_blockgc_free_space` frees the 31 blocks past EOF (`xfs_free_eofblocks`): 239 free, and
/// the retry succeeds.
@Test func enospcWriteSucceedsOnlyThroughTheRetry() {
    let m = preallocatedMachine()
    let r = m.perform(.pwrite(offset: 0, data: [UInt8](repeating: 67, count: 220 * k4)))
    #expect(r.error == nil && r.value == 220 * k4)
    #expect(m.fileContent(ByteRange(offset: 0, length: 220 * k4)).allSatisfy { $0 == 67 })   // no 900k diff on failure
    #expect(m.callCount("xfs_flush_inodes") == 1 && m.callCount("xfs_blockgc_free_space") == 1)
    #expect(m.callCount("xfs_free_eofblocks") == 1)
    #expect(m.violations.isEmpty)
}

/// 250 blocks: more than even the freed space; the retry fails too and the write returns -ENOSPC, once retried.
@Test func enospcWriteStillFailsAfterTheRetry() {
    let m = preallocatedMachine()
    let r = m.perform(.pwrite(offset: 0, data: [UInt8](repeating: 67, count: 250 * k4)))
    #expect(r.error == .ENOSPC)
    #expect(m.callCount("xfs_flush_inodes") == 1 && m.callCount("xfs_blockgc_free_space") == 1)
    #expect(m.callCount("xfs_free_eofblocks") == 1 && m.freeBlocks == 239)
    #expect(m.fileSize == base + 17 * k4)
    #expect(m.violations.isEmpty)
}

/// An inode fallocate flagged `XFS_DIFLAG_PREALLOC` keeps its post-EOF blocks (`xfs_can_free_eofblocks(ip, false)`):
/// the retry frees nothing and the write fails.
@Test func enospcRetryKeepsPreallocOfAFallocatedInode() {
    let m = preallocatedMachine()
    #expect(m.perform(.fallocate(offset: base - k4, length: k4, keepSize: true)).error == nil)
    let r = m.perform(.pwrite(offset: 0, data: [UInt8](repeating: 67, count: 220 * k4)))
    #expect(r.error == .ENOSPC)
    #expect(m.callCount("xfs_blockgc_free_space") == 1 && m.callCount("xfs_free_eofblocks") == 0)
    #expect(!m.ip.i_flags.contains(.XFS_IEOFBLOCKS))   // xfs_inode_free_eofblocks clears the tag
}
