// MARK: - Extent → iomap (fs/xfs/xfs_iomap.c)

extension XfsInode {
    /// `xfs_iomap_inode_sequence`: the validity cookie of a mapping (304a68b9c63b).
    ///
    /// The validity cookie of a mapping: the data fork's `if_seq`, plus the COW fork's in
    /// the high 32 bits for shared mappings, or the attr fork's for xattr mappings (304a68b9c63b).
    /// Spec: (spec: validity-cookies/xfs-fix), (spec: validity-cookies/composition),
    ///   (spec: validity-cookies/cookie-composition)
    public func xfs_iomap_inode_sequence(_ iomap_flags: IomapFlags) -> UInt64 {
        XfsInode.xfs_iomap_inode_sequence(iomap_flags, i_df: ip.i_df.seq, i_cowfp: ip.i_cowfp.seq, i_af: ip.i_af.seq)
    }

    /// The cookie composed from the forks' `if_seq` values.
    ///
    /// The body of `xfs_iomap_inode_sequence`, which the `xfs-iomap-inode-sequence` parameter table checks directly.
    /// Spec: (spec: validity-cookies/composition)
    public static func xfs_iomap_inode_sequence(_ iomap_flags: IomapFlags, i_df: UInt32, i_cowfp: UInt32,
                                                i_af: UInt32) -> UInt64 {
        // excerpt: xfs_iomap_inode_sequence
        var cookie: UInt64 = 0
        if iomap_flags.contains(.IOMAP_F_XATTR) { return UInt64(i_af) }
        if iomap_flags.contains(.IOMAP_F_SHARED) { cookie = UInt64(i_cowfp) << 32 }
        return cookie | UInt64(i_df)
        // excerpt-end
    }

    /// `xfs_iomap_valid`: is the cookie in the cached iomap still the inode's sequence (304a68b9c63b)?
    /// Spec: (spec: validity-cookies/xfs-fix), (spec: validity-cookies/where-to-check)
    func xfs_iomap_valid(_ iomap: Iomap) -> Bool {
        traceCall("xfs_iomap_valid", pos: iomap.offset)
        // excerpt: xfs_iomap_valid
        return iomap.validity_cookie == xfs_iomap_inode_sequence(iomap.flags)
        // excerpt-end
    }

    /// `xfs_iomap_page_ops`: XFS's page ops (`iomap_valid`), nil without the validity cookie.
    ///
    /// `{ .iomap_valid = xfs_iomap_valid }`; nil when the validity-cookie switch is off
    /// (the pre-series kernel had no page ops for XFS).
    /// Spec: (spec: validity-cookies/xfs-fix)
    var xfs_iomap_page_ops: IomapPageOps? {
        guard patches.contains(.validityCookie) else { return nil }
        return IomapPageOps(name: "xfs_iomap_page_ops", iomap_valid: { inode, iomap in XFS_I(inode).xfs_iomap_valid(iomap) })
    }

    /// `xfs_bmbt_to_iomap`: fills `iomap` from extent record `imap` (hole when nil) with flags and sequence cookie.
    ///
    /// Delalloc → `IOMAP_DELALLOC`, unwritten → `IOMAP_UNWRITTEN`, written → `IOMAP_MAPPED` at the block's byte
    /// address; with validity-cookie the cookie and `xfs_iomap_page_ops` are attached. `imap` covers file blocks
    /// `[startOff, startOff+count)`; pass a hole as `nil` with `holeStart`/`holeCount`.
    /// Spec: (spec: validity-cookies/xfs-fix)
    public func xfs_bmbt_to_iomap(_ iomap: inout Iomap, _ imap: Extent?, holeStart: Int = 0, holeCount: Int = 0,
                                  flags iomap_flags: IomapFlags, seq: UInt64) {
        let g = geometry
        if let e = imap {
            switch e.state {
            case .delalloc:
                iomap.addr = IOMAP_NULL_ADDR
                iomap.type = .IOMAP_DELALLOC
            case .unwritten:
                iomap.addr = g.XFS_FSB_TO_B(e.startBlock!)
                iomap.type = .IOMAP_UNWRITTEN
            case .written:
                iomap.addr = g.XFS_FSB_TO_B(e.startBlock!)
                iomap.type = .IOMAP_MAPPED
            }
            iomap.offset = g.XFS_FSB_TO_B(e.startOff)
            iomap.length = g.XFS_FSB_TO_B(e.blockCount)
        } else {
            iomap.addr = IOMAP_NULL_ADDR
            iomap.type = .IOMAP_HOLE
            iomap.offset = g.XFS_FSB_TO_B(holeStart)
            iomap.length = g.XFS_FSB_TO_B(holeCount)
        }
        iomap.flags = iomap_flags
        if patches.contains(.validityCookie) {
            iomap.validity_cookie = seq
            iomap.page_ops = xfs_iomap_page_ops
        } else {
            iomap.validity_cookie = 0
            iomap.page_ops = nil
        }
    }
}
