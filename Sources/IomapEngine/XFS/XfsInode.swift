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

/// The one regular file of the model (`struct xfs_inode`, which embeds its VFS inode): forks, on-disk size, number.
///
/// The XFS callbacks and entry points are extensions of this class in `XFS/`; they reach the generic page cache
/// and iomap code (the `Inode` superclass) and hand it their ops tables. Locks (`i_rwsem` = XFS_IOLOCK,
/// `invalidate_lock` = XFS_MMAPLOCK, `ILOCK`) are the runtime's.
public final class XfsInode: Inode {
    /// `ip->i_mount`.
    public unowned let i_mount: XfsMount
    /// `ip->i_df`: the data fork.
    public let i_df = InodeFork(kind: .data)
    /// `ip->i_cowfp`: the COW fork (present but empty: the model has no reflink).
    public let i_cowfp = InodeFork(kind: .cow)
    /// `ip->i_af`: the attribute fork.
    public let i_af = InodeFork(kind: .attr)
    /// `ip->i_disk_size`: the size logged on disk, advanced at IO completion (`xfs_setfilesize`) and by truncate.
    public var i_disk_size: Int = 0
    /// `ip->i_ino`.
    public let i_ino: Int = 131
    /// `ip->i_diflags`: the on-disk inode flags the model uses.
    public internal(set) var i_diflags: Set<XfsDiflag> = []
    /// `ip->i_flags`: the in-core inode flags the model uses.
    public internal(set) var i_flags: Set<XfsIflag> = []

    init(mount: XfsMount, kernel: KernelContext) {
        self.i_mount = mount
        super.init(geometry: mount.geometry, kernel: kernel)
        xfs_setup_iops()
    }

    /// `xfs_setup_iops`: installs the address space operations of a regular file.
    func xfs_setup_iops() {
        i_mapping.a_ops = XfsInode.xfs_address_space_operations
    }

    /// The inode as XFS code names it (`struct xfs_inode *ip = XFS_I(inode)`).
    var ip: XfsInode { self }

    /// The fork of that kind.
    public func fork(_ kind: ForkKind) -> InodeFork {
        switch kind {
        case .data: return i_df
        case .cow: return i_cowfp
        case .attr: return i_af
        }
    }

    // MARK: ILOCK

    /// `xfs_ilock(ip, XFS_ILOCK_EXCL/SHARED)`.
    func xfs_ilock(_ mode: LockMode = .exclusive) -> Int { lock(.ILOCK, mode) }

    /// `xfs_iunlock(ip, XFS_ILOCK_*)`.
    func xfs_iunlock() { unlock(.ILOCK) }

    // MARK: Counted fork edits

    /// Runs `edit` (a fork change) under ILOCK_EXCL with its `if_seq` increment placed as `seq-bump-under-ilock` says.
    ///
    /// The kernel: the `seq_inc` pause point, then ILOCK_EXCL, and each `xfs_iext_*` edit bumps `if_seq` under it.
    /// Off (counterfactual): one `xfs_iext_inc_seq_unlocked` before the lock, and the edits under it uncounted.
    /// Writeback's delalloc conversion and I/O completion's unwritten conversion edit the fork through this.
    /// Spec: (spec: cookie-counters/lost-increment-section)
    // excerpt: xfs_counted_edit
    func xfs_counted_edit(_ ifp: InodeFork, at pos: Int, _ edit: () -> Int) -> Int {
        if patches.contains(.seqBumpUnderIlock) {
            pause(.seqInc, pos: pos)
        } else {
            xfs_iext_inc_seq_unlocked(ifp, pausingAt: pos)
        }
        let r = xfs_ilock(.exclusive)
        if r < 0 { return r }
        let counted = ifp.uncounted
        ifp.uncounted = counted || !patches.contains(.seqBumpUnderIlock)
        let error = edit()
        ifp.uncounted = counted
        xfs_iunlock()
        return error
    }
    // excerpt-end

    /// Counterfactual `xfs_iext_inc_seq` outside the ILOCK: `x = READ_ONCE(if_seq)`, a scheduling point, `WRITE_ONCE(if_seq, x + 1)`.
    ///
    /// The increment Jan Kara's review of ext4's `ext4_es_inc_seq` warned about: another increment between the load
    /// and the store is lost, and a store of a value loaded before several others moves the counter back.
    /// Spec: (spec: cookie-counters/lost-increment-section)
    // excerpt: xfs_iext_inc_seq_unlocked
    func xfs_iext_inc_seq_unlocked(_ ifp: InodeFork, pausingAt pos: Int) {
        let x = ifp.seq                 // READ_ONCE(ifp->if_seq)
        pause(.seqInc, pos: pos)        // preemption, an interrupt, another CPU: nothing orders the two halves
        ifp.storeSeq(x &+ 1)            // WRITE_ONCE(ifp->if_seq, x + 1)
    }
    // excerpt-end

    /// `xfs_ilock(ip, XFS_IOLOCK_EXCL | XFS_MMAPLOCK_EXCL)`: i_rwsem, then invalidate_lock; 0 or `-EDEADLK`.
    ///
    /// On failure nothing stays held.
    func xfs_ilock_iolock_mmaplock() -> Int {
        let r = lock(.i_rwsem, .exclusive)
        if r < 0 { return r }
        let r2 = filemap_invalidate_lock(.exclusive)
        if r2 < 0 { unlock(.i_rwsem) }
        return r2
    }

    /// `xfs_iunlock(ip, XFS_IOLOCK_EXCL | XFS_MMAPLOCK_EXCL)`: invalidate_lock, then i_rwsem.
    func xfs_iunlock_iolock_mmaplock() {
        filemap_invalidate_unlock()
        unlock(.i_rwsem)
    }
}

/// One bit of `ip->i_diflags` (fs/xfs/libxfs/xfs_format.h).
public enum XfsDiflag: Hashable, Sendable {
    /// `XFS_DIFLAG_PREALLOC`: fallocate preallocated space; `xfs_can_free_eofblocks` keeps post-EOF blocks.
    case prealloc
}

/// One bit of `ip->i_flags` (fs/xfs/xfs_inode.h).
public enum XfsIflag: Hashable, Sendable {
    /// `XFS_IEOFBLOCKS`: has speculative preallocation for blockgc to free (`xfs_inode_set_eofblocks_tag`).
    case XFS_IEOFBLOCKS
}

/// `XFS_I(inode)`: the XFS inode a VFS inode handed to an XFS callback is embedded in.
func XFS_I(_ inode: Inode) -> XfsInode { inode as! XfsInode }

// MARK: - Seam for the extent edits (XFS/XfsBmap.swift)

extension XfsInode: XfsBmapInode {
    /// The mount's free space.
    public var allocator: BlockAllocator { i_mount.allocator }
}

// MARK: - State capture (explorer)

extension XfsMount {
    /// Model only: makes this mount's free space and error tags those of `other`.
    func copyState(from other: XfsMount) {
        allocator.copyState(from: other.allocator)
        m_errortag = other.m_errortag
        errortagTests = other.errortagTests
    }
}

extension XfsInode {
    /// Model only: makes this inode's forks, flags, on-disk size and VFS state those of `other`.
    func copyState(from other: XfsInode) {
        copyInodeState(from: other)
        i_df.copyState(from: other.i_df)
        i_cowfp.copyState(from: other.i_cowfp)
        i_af.copyState(from: other.i_af)
        i_disk_size = other.i_disk_size
        i_diflags = other.i_diflags
        i_flags = other.i_flags
    }
}
