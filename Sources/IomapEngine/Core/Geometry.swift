// MARK: - Geometry

/// The shape of the modelled filesystem: block size, page size, size of new folios, device size.
public struct Geometry: Hashable {
    /// Filesystem block size in bytes (`i_blocksize`, `mp->m_sb.sb_blocksize`), 512...64k, a power of two.
    public var blockSize: Int
    /// `PAGE_SIZE`: always 4096 in the model.
    public var pageSize: Int
    /// Size new folios get when the range allows, 4k...64k, a power of two.
    public var folioSize: Int
    /// Device size in filesystem blocks.
    public var deviceBlocks: Int

    public init(blockSize: Int = 4096, pageSize: Int = 4096, folioSize: Int = 4096, deviceBlocks: Int) {
        precondition(isPowerOfTwo(blockSize) && blockSize >= 512 && blockSize <= 65536, "block size \(blockSize)")
        precondition(isPowerOfTwo(pageSize), "page size \(pageSize)")
        precondition(isPowerOfTwo(folioSize), "folio size \(folioSize)")
        self.blockSize = blockSize
        self.pageSize = pageSize
        self.folioSize = folioSize
        self.deviceBlocks = deviceBlocks
    }

    /// The smallest folio the page cache may create: a folio holds at least one page and one whole block.
    public var minFolioSize: Int { max(pageSize, blockSize) }

    /// Device size in bytes.
    public var deviceBytes: Int { deviceBlocks * blockSize }

    // MARK: XFS unit conversions (fs/xfs/xfs_mount.h)

    /// `XFS_B_TO_FSBT`: bytes to filesystem blocks, rounding down.
    public func XFS_B_TO_FSBT(_ b: Int) -> Int { b >= 0 ? b / blockSize : -((-b + blockSize - 1) / blockSize) }
    /// `XFS_B_TO_FSB`: bytes to filesystem blocks, rounding up.
    public func XFS_B_TO_FSB(_ b: Int) -> Int { XFS_B_TO_FSBT(b + blockSize - 1) }
    /// `XFS_FSB_TO_B`: filesystem blocks to bytes.
    public func XFS_FSB_TO_B(_ fsb: Int) -> Int { fsb * blockSize }
}

// MARK: - EngineConfig

/// What a `Machine` is built from: geometry and the applied patches of the series.
public struct EngineConfig: Hashable {
    public var geometry: Geometry
    public var patches: PatchSet
    /// Deliberate breaks of the engine (none in a normal run): the mutation check's.
    public var mutations: Set<EngineMutation> = []

    public init(blockSize: Int = 4096, folioSize: Int = 4096, deviceBytes: Int = 64 << 20, patches: PatchSet = .series) {
        self.geometry = Geometry(blockSize: blockSize, pageSize: 4096, folioSize: folioSize,
                                 deviceBlocks: deviceBytes / blockSize)
        self.patches = patches
    }
}
