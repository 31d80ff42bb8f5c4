// MARK: - IomapIoend

/// `struct iomap_ioend`: one writeback IO over file-contiguous, disk-contiguous blocks of one mapping type.
public final class IomapIoend {
    /// `io_inode`: the file the IO is for.
    public unowned let io_inode: Inode
    /// `io_type`: the mapping type of every block in it (MAPPED or UNWRITTEN).
    public let io_type: IomapType
    /// `io_flags`: the iomap flags (`IOMAP_F_SHARED` for COW IO).
    public let io_flags: IomapFlags
    /// `io_offset`: file offset of the first byte.
    public let io_offset: Int
    /// `io_size`: bytes.
    public internal(set) var io_size: Int = 0
    /// Disk byte address of `io_offset` (`io_bio->bi_iter.bi_sector << 9`).
    public let io_sector: Int
    /// The blocks, in order: the folio holding each and the block's file offset (the bio's bvecs).
    var blocks: [(folio: Folio, pos: Int)] = []
    /// `io_bio->bi_status` as `-errno` (0: success).
    public internal(set) var status: Int = 0
    /// Set by `->prepare_ioend` when completion must run the filesystem's end_io (`bi_end_io = xfs_end_bio`).
    var needsFilesystemEndIO = false

    init(inode: Inode, type: IomapType, flags: IomapFlags, offset: Int, sector: Int) {
        io_inode = inode
        io_type = type
        io_flags = flags
        io_offset = offset
        io_sector = sector
    }

    /// The file range of the IO.
    public var range: ByteRange { ByteRange(offset: io_offset, length: io_size) }
}

// MARK: - IomapWritebackOps

/// `struct iomap_writeback_ops`: the filesystem's writeback callbacks (XFS: `xfs_writeback_ops`).
struct IomapWritebackOps {
    /// The kernel symbol of the table.
    var name: String
    /// `->map_blocks(wpc, inode, offset)`: make `wpc.iomap` cover `offset`; 0 or `-errno`.
    var map_blocks: (_ wpc: IomapWritepageCtx, _ inode: Inode, _ offset: Int) -> Int
    /// `->prepare_ioend(ioend, status)`: last look before submission; returns the status to submit with.
    var prepare_ioend: ((_ ioend: IomapIoend, _ status: Int) -> Int)?
    /// `->discard_folio(folio, pos)`: clean up after `map_blocks` failed at `pos` (`inode` is `folio->mapping->host`).
    var discard_folio: ((_ inode: Inode, _ folio: Folio, _ pos: Int) -> Void)?
    /// The filesystem's own completion of marked ioends (XFS: `xfs_end_bio` → `xfs_end_ioend`).
    ///
    /// The filesystem's completion (XFS: `xfs_end_bio` → `xfs_end_ioend`), run instead of `iomap_finish_ioend` for
    /// ioends `->prepare_ioend` marked; it must end with `iomap_finish_ioend`.
    var end_io: ((_ wpc: IomapWritepageCtx, _ ioend: IomapIoend) -> Void)?
}

// MARK: - IomapWritepageCtx

/// `struct iomap_writepage_ctx`: the cached writeback mapping and the ioend being built.
///
/// A filesystem that needs more per-writeback state subclasses it, as `struct xfs_writepage_ctx` embeds it.
class IomapWritepageCtx {
    /// The cached mapping `->map_blocks` filled in; the filesystem decides when it may be reused.
    var iomap = Iomap()
    /// The ioend being built.
    var ioend: IomapIoend?
    let ops: IomapWritebackOps
    /// Blocks of each folio still in flight (`iop->write_bytes_pending` in blocks); writeback ends at zero.
    var pending: [ObjectIdentifier: Int] = [:]

    init(ops: IomapWritebackOps) { self.ops = ops }
}
