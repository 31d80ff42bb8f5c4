// MARK: - IomapIterFlags

/// `iter->flags` (`IOMAP_*` operation flags, include/linux/iomap.h).
public struct IomapIterFlags: OptionSet, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Writing, must allocate blocks.
    public static let IOMAP_WRITE = IomapIterFlags(rawValue: 1 << 0)
    /// Zeroing operation, may skip holes.
    public static let IOMAP_ZERO = IomapIterFlags(rawValue: 1 << 1)
    /// Report extent status (fiemap, seek).
    public static let IOMAP_REPORT = IomapIterFlags(rawValue: 1 << 2)
    /// Mapping for a page fault.
    public static let IOMAP_FAULT = IomapIterFlags(rawValue: 1 << 3)
    /// Direct I/O.
    public static let IOMAP_DIRECT = IomapIterFlags(rawValue: 1 << 4)
    /// Unshare shared extents.
    public static let IOMAP_UNSHARE = IomapIterFlags(rawValue: 1 << 6)
    /// Do not block.
    public static let IOMAP_NOWAIT = IomapIterFlags(rawValue: 1 << 8)
}

// MARK: - IomapOps

/// `struct iomap_ops`: the filesystem's mapping callbacks for one kind of operation.
public struct IomapOps {
    /// The kernel symbol of the table (the filesystem's, e.g. XFS's `xfs_buffered_write_iomap_ops`).
    public var name: String
    /// `->iomap_begin(inode, pos, length, flags, iomap, srcmap)`: fill in the mapping of `pos`; 0 or `-errno`.
    public var iomap_begin: (_ inode: Inode, _ pos: Int, _ length: Int, _ flags: IomapIterFlags,
                             _ iomap: inout Iomap, _ srcmap: inout Iomap) -> Int
    /// `->iomap_end(inode, pos, length, written, flags, iomap)`: commit/clean up after the range was processed.
    public var iomap_end: ((_ inode: Inode, _ pos: Int, _ length: Int, _ written: Int, _ flags: IomapIterFlags,
                            _ iomap: inout Iomap) -> Int)?

    public init(name: String,
                iomap_begin: @escaping (Inode, Int, Int, IomapIterFlags, inout Iomap, inout Iomap) -> Int,
                iomap_end: ((Inode, Int, Int, Int, IomapIterFlags, inout Iomap) -> Int)? = nil) {
        self.name = name
        self.iomap_begin = iomap_begin
        self.iomap_end = iomap_end
    }
}

// MARK: - IomapPageOps

/// `struct iomap_page_ops`: per-folio callbacks of the write path; only `iomap_valid` (d7b64041164c) is modelled.
public struct IomapPageOps {
    /// The kernel symbol (the filesystem's, e.g. XFS's `xfs_iomap_page_ops`).
    public var name: String
    /// `->iomap_valid(inode, iomap)`: is the cached mapping still what the filesystem would return now?
    public var iomap_valid: ((_ inode: Inode, _ iomap: Iomap) -> Bool)?

    public init(name: String, iomap_valid: ((Inode, Iomap) -> Bool)? = nil) {
        self.name = name
        self.iomap_valid = iomap_valid
    }
}
