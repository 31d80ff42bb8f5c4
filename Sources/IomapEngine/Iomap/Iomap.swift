// Iomap/: the generic iomap library (fs/iomap/iter.c, buffered-io.c, seek.c): `Iomap`, `IomapIter`, the ops
// tables a filesystem fills in (`IomapOps`, `IomapPageOps`, `IomapWritebackOps`, the punch callback), and the
// iomap functions as `Inode` extensions (`iomap_iter`, buffered write/zero/unshare, page_mkwrite, read and
// readahead, write-failure cleanup, seek, writepages). Calls PageCache/, BlockDevice/, Core/ and the runtime
// seam; names no filesystem: every callback comes from the ops it is handed (XFS passes `xfs_*_ops`).

// MARK: - IomapType

/// `iomap->type` (include/linux/iomap.h): what the range maps to.
public enum IomapType: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// No blocks allocated, need allocation.
    case IOMAP_HOLE
    /// Delayed allocation blocks.
    case IOMAP_DELALLOC
    /// Blocks allocated at `addr`.
    case IOMAP_MAPPED
    /// Blocks allocated at `addr` in unwritten state.
    case IOMAP_UNWRITTEN
    /// Data inline in the inode.
    case IOMAP_INLINE

    /// The scenario grammar's name: `hole`, `delalloc`, `mapped`, `unwritten`, `inline`.
    public var shortName: String { String(rawValue.dropFirst("IOMAP_".count)).lowercased() }
    public var description: String { rawValue }
}

// MARK: - IomapFlags

/// `iomap->flags` (`IOMAP_F_*`, include/linux/iomap.h as of 6.2).
public struct IomapFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Blocks were newly allocated (for XFS delalloc: reserved by this call, so a failed write may punch them).
    public static let IOMAP_F_NEW = IomapFlags(rawValue: 0x01)
    /// Inode has uncommitted metadata needed to access written data.
    public static let IOMAP_F_DIRTY = IomapFlags(rawValue: 0x02)
    /// Blocks are shared (COW).
    public static let IOMAP_F_SHARED = IomapFlags(rawValue: 0x04)
    /// Mapping was merged from multiple extents (fiemap).
    public static let IOMAP_F_MERGED = IomapFlags(rawValue: 0x08)
    /// Use buffer heads.
    public static let IOMAP_F_BUFFER_HEAD = IomapFlags(rawValue: 0x10)
    /// Mapping is of the attribute fork.
    public static let IOMAP_F_XATTR = IomapFlags(rawValue: 0x20)
    /// The file size changed (set by `iomap_write_end` when it extends i_size).
    public static let IOMAP_F_SIZE_CHANGED = IomapFlags(rawValue: 0x100)
    /// The iomap is stale: `->iomap_valid` failed, the iterator must remap the rest (d7b64041164c).
    public static let IOMAP_F_STALE = IomapFlags(rawValue: 0x200)

    /// Names in bit order, without the `IOMAP_F_` prefix: `NEW`, `STALE`...
    public static let names: [(IomapFlags, String)] = [
        (.IOMAP_F_NEW, "NEW"), (.IOMAP_F_DIRTY, "DIRTY"), (.IOMAP_F_SHARED, "SHARED"), (.IOMAP_F_MERGED, "MERGED"),
        (.IOMAP_F_BUFFER_HEAD, "BUFFER_HEAD"), (.IOMAP_F_XATTR, "XATTR"), (.IOMAP_F_SIZE_CHANGED, "SIZE_CHANGED"),
        (.IOMAP_F_STALE, "STALE"),
    ]

    /// The set flags' short names, in bit order.
    public var flagNames: [String] { Self.names.filter { contains($0.0) }.map(\.1) }
    public var description: String { flagNames.joined(separator: " ") }
}

/// `IOMAP_NULL_ADDR`: `iomap->addr` of holes and delalloc.
public let IOMAP_NULL_ADDR = -1

// MARK: - Iomap

/// `struct iomap`: one mapping of a file range to the disk, returned by `->iomap_begin`.
public struct Iomap: Hashable, CustomStringConvertible {
    /// Disk byte address of `offset`, or `IOMAP_NULL_ADDR`.
    public var addr: Int = IOMAP_NULL_ADDR
    /// File offset of the mapping, bytes.
    public var offset: Int = 0
    /// Length of the mapping, bytes (0: no mapping yet).
    public var length: Int = 0
    public var type: IomapType = .IOMAP_HOLE
    public var flags: IomapFlags = []
    /// `validity_cookie`: filesystem state sampled when the map was built, checked by `->iomap_valid` (d7b64041164c).
    public var validity_cookie: UInt64 = 0
    /// `page_ops`: per-page callbacks (only `iomap_valid` is modelled).
    public var page_ops: IomapPageOps?

    public init(addr: Int = IOMAP_NULL_ADDR, offset: Int = 0, length: Int = 0, type: IomapType = .IOMAP_HOLE,
                flags: IomapFlags = [], validity_cookie: UInt64 = 0, page_ops: IomapPageOps? = nil) {
        self.addr = addr
        self.offset = offset
        self.length = length
        self.type = type
        self.flags = flags
        self.validity_cookie = validity_cookie
        self.page_ops = page_ops
    }

    /// `iomap_sector`-style: the disk byte address of file offset `pos` inside this mapping.
    public func diskAddress(of pos: Int) -> Int { addr + (pos - offset) }

    /// The mapped file range.
    public var range: ByteRange { ByteRange(offset: offset, length: length) }

    /// `unwritten 0+40k NEW`: the scenario grammar's `iomap = TYPE OFF+LEN [FLAG...]` (as `IomapSnapshot` prints it).
    public var description: String { IomapSnapshot(self).description }

    public static func == (a: Iomap, b: Iomap) -> Bool {
        a.addr == b.addr && a.offset == b.offset && a.length == b.length && a.type == b.type && a.flags == b.flags
            && a.validity_cookie == b.validity_cookie && a.page_ops?.name == b.page_ops?.name
    }

    public func hash(into h: inout Hasher) {
        h.combine(addr); h.combine(offset); h.combine(length); h.combine(type); h.combine(flags.rawValue)
        h.combine(validity_cookie)
    }
}

// MARK: - IomapSnapshot

/// A copy of an actor's cached iomap, for inspection (`currentIomap(of:)`).
public struct IomapSnapshot: Hashable, CustomStringConvertible {
    public var type: IomapType
    public var offset: Int
    public var length: Int
    public var flags: IomapFlags
    public var cookie: UInt64
    /// The srcmap, when the filesystem returned one distinct from the iomap (COW); nil otherwise.
    public var srcmapType: IomapType?

    public init(_ iomap: Iomap, srcmap: Iomap? = nil) {
        type = iomap.type
        offset = iomap.offset
        length = iomap.length
        flags = iomap.flags
        cookie = iomap.validity_cookie
        srcmapType = srcmap.flatMap { $0.length > 0 ? $0.type : nil }
    }

    /// `unwritten 0+40k NEW`, as the scenario grammar writes it.
    public var description: String {
        ([type.shortName, "\(formatSize(offset))+\(formatSize(length))"] + flags.flagNames).joined(separator: " ")
    }
}
