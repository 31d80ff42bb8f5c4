// MARK: - XfsMount

/// The mounted filesystem (`struct xfs_mount`): geometry, free space (`m_fdblocks` + the free-space btrees), errortags.
public final class XfsMount {
    /// Block size etc. (`mp->m_sb`).
    public let geometry: Geometry
    /// Free space and delalloc reservations.
    public let allocator: BlockAllocator
    /// `mp->m_errortag[]`: the configured value per errortag (0 = off).
    public internal(set) var m_errortag: [Int: Int] = [:]
    /// How often each errortag has been tested, for the deterministic "one in N" rule of `xfs_errortag_test`.
    var errortagTests: [Int: Int] = [:]

    public init(geometry: Geometry) {
        self.geometry = geometry
        self.allocator = BlockAllocator(totalBlocks: geometry.deviceBlocks)
    }

    /// `mp->m_sb.sb_blocksize`.
    public var sb_blocksize: Int { geometry.blockSize }
}

// MARK: - XfsInode

/// The one regular file of the model (`struct xfs_inode` + its VFS inode): forks, size, inode number.
///
/// Locks (`i_rwsem` = XFS_IOLOCK, `invalidate_lock` = XFS_MMAPLOCK, `ILOCK`) live in the Runtime's lock table.
public final class XfsInode {
    /// `ip->i_mount`.
    public unowned let i_mount: XfsMount
    /// `ip->i_df`: the data fork.
    public let i_df = InodeFork(kind: .data)
    /// `ip->i_cowfp`: the COW fork (present but empty: the model has no reflink).
    public let i_cowfp = InodeFork(kind: .cow)
    /// `ip->i_af`: the attribute fork.
    public let i_af = InodeFork(kind: .attr)
    /// `i_size_read(VFS_I(ip))`: the file size in bytes.
    public internal(set) var i_size: Int = 0
    /// `ip->i_disk_size`: the size logged on disk, advanced at IO completion (`xfs_setfilesize`) and by truncate.
    public var i_disk_size: Int = 0
    /// `ip->i_ino`.
    public let i_ino: Int = 131

    public init(mount: XfsMount) { self.i_mount = mount }

    /// The fork of that kind.
    public func fork(_ kind: ForkKind) -> InodeFork {
        switch kind {
        case .data: return i_df
        case .cow: return i_cowfp
        case .attr: return i_af
        }
    }

    /// `i_size_write`.
    public func i_size_write(_ size: Int) { i_size = size }

    /// `i_blocksize(inode)`.
    public var i_blocksize: Int { i_mount.geometry.blockSize }
}

// MARK: - Seam for the extent edits (XFS/XfsBmap.swift)

extension XfsInode: XfsBmapInode {
    /// The mount's geometry.
    public var geometry: Geometry { i_mount.geometry }
    /// The mount's free space.
    public var allocator: BlockAllocator { i_mount.allocator }
}
