// MARK: - Inode

/// The VFS inode (`struct inode`, include/linux/fs.h): size, page cache, and the runtime its code runs on.
///
/// A filesystem's inode extends it (`XfsInode`, as `struct xfs_inode` embeds `i_vnode`). The generic code of
/// `PageCache/` (mm) and `Iomap/` (fs/iomap) is written as extensions of this class: it sees the size, the mapping
/// and the runtime seam, and reaches the filesystem only through the ops tables it is given (`a_ops`, iomap ops).
public class Inode {
    /// The block size, page size and folio size of the superblock.
    public let geometry: Geometry
    /// `inode->i_mapping`: the page cache.
    public let i_mapping: AddressSpace
    /// `i_size_read(inode)`: the file size in bytes.
    public internal(set) var i_size: Int = 0
    /// The runtime, device and patches of the machine this inode lives in.
    let kernel: KernelContext
    /// `file->f_wb_err` of the one open file description (sampled at open: `errseq_sample`).
    /// Spec: (spec: overview/writeback-errors)
    public internal(set) var f_wb_err = errseq_t()

    init(geometry: Geometry, kernel: KernelContext) {
        self.geometry = geometry
        self.kernel = kernel
        self.i_mapping = AddressSpace(geometry: geometry)
    }

    /// `i_size_write`.
    public func i_size_write(_ size: Int) { i_size = size }

    /// `i_blocksize(inode)`.
    public var i_blocksize: Int { geometry.blockSize }

    // MARK: What model code reaches through the inode

    /// The runtime seam in use now.
    var rt: KernelRuntime { kernel.rt }
    /// The applied patches of the series.
    var patches: PatchSet { kernel.patches }
    /// The block device (`inode->i_sb->s_bdev`).
    var device: BlockDevice { kernel.device }
    /// `inode->i_mapping`, as the kernel's functions name their local.
    var mapping: AddressSpace { i_mapping }

    /// Records entry into the kernel function `name`.
    func traceCall(_ name: String, pos: Int? = nil) { rt.traceCall(name, pos: pos) }

    /// Pause point `point` at `pos` (Docs/design.md "Pause points").
    func pause(_ point: PausePoint, pos: Int) { rt.pause(point, pos: pos) }

    /// Takes `l` for the running actor; 0 or `-EDEADLK`.
    func lock(_ l: LockName, _ mode: LockMode = .exclusive) -> Int { rt.lock(l, mode) }

    /// Releases `l`.
    func unlock(_ l: LockName) { rt.unlock(l) }
}

// MARK: - State capture (explorer)

extension Inode {
    /// Model only: makes this inode's size, page cache and errseq those of `other`.
    func copyInodeState(from other: Inode) {
        i_size = other.i_size
        f_wb_err = other.f_wb_err
        i_mapping.copyState(from: other.i_mapping)
    }
}
