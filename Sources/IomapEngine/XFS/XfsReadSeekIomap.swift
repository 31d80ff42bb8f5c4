// MARK: - Read and seek mappings (fs/xfs/xfs_iomap.c)

extension XfsInode {
    /// `xfs_iomap_end_fsb`: the block past `[offset, offset+count)`, capped at the largest file offset.
    func xfs_iomap_end_fsb(_ offset: Int, _ count: Int) -> Int {
        geometry.XFS_B_TO_FSB(offset > Int.max - count ? Int.max : offset + count)
    }

    /// `xfs_bmapi_read` for one mapping: the extent or hole at `offset_fsb`.
    ///
    /// The data fork extent covering `offset_fsb`, trimmed to
    /// `[offset_fsb, end_fsb)`, or the hole up to the next extent (or `end_fsb`). Returns (extent or nil, hole count).
    func xfs_bmapi_read_one(_ offset_fsb: Int, _ end_fsb: Int) -> (Extent?, Int) {
        let got = ip.i_df.lookupExtent(offset_fsb)
        if let e = got, e.startOff <= offset_fsb {
            return (e.trimmed(offset_fsb, end_fsb), 0)
        }
        return (nil, min(got?.startOff ?? end_fsb, end_fsb) - offset_fsb)
    }

    // MARK: xfs_read_iomap_ops

    /// `xfs_read_iomap_begin`: maps a range for reads from the data fork.
    ///
    /// Maps `[offset, offset+length)` for reads from the data fork under `ILOCK_SHARED`:
    /// written → MAPPED, unwritten → UNWRITTEN, delalloc → DELALLOC, none → HOLE, trimmed to the range.
    func xfs_read_iomap_begin(_ offset: Int, _ length: Int, _ flags: IomapIterFlags,
                              _ iomap: inout Iomap, _ srcmap: inout Iomap) -> Int {
        traceCall("xfs_read_iomap_begin", pos: offset)
        let offset_fsb = geometry.XFS_B_TO_FSBT(offset)
        let end_fsb = xfs_iomap_end_fsb(offset, length)
        let r = xfs_ilock(.shared)
        if r < 0 { return r }
        let (imap, holeCount) = xfs_bmapi_read_one(offset_fsb, end_fsb)
        let seq = xfs_iomap_inode_sequence([])
        xfs_iunlock()
        xfs_bmbt_to_iomap(&iomap, imap, holeStart: offset_fsb, holeCount: holeCount, flags: [], seq: seq)
        return 0
    }

    /// `xfs_read_iomap_ops`: `{ .iomap_begin = xfs_read_iomap_begin }`.
    var xfs_read_iomap_ops: IomapOps {
        IomapOps(name: "xfs_read_iomap_ops",
                 iomap_begin: { inode, pos, len, flags, iomap, srcmap in XFS_I(inode).xfs_read_iomap_begin(pos, len, flags, &iomap, &srcmap) })
    }

    // MARK: xfs_seek_iomap_ops

    /// `xfs_seek_iomap_begin`: maps a range for SEEK_DATA/SEEK_HOLE.
    ///
    /// Maps for SEEK_DATA/SEEK_HOLE: a data fork extent at `offset` is reported as it is
    /// (delalloc as DELALLOC, which seek counts as data); otherwise a hole up to the next extent. A COW extent over a
    /// hole would be reported as UNWRITTEN so the page cache is probed (the model has no COW data).
    ///
    /// Inspection only: called without ILOCK (the harness runs while every actor is stopped).
    // excerpt: xfs_seek_iomap_begin
    func xfs_seek_iomap_begin(_ offset: Int, _ length: Int, _ flags: IomapIterFlags,
                              _ iomap: inout Iomap, _ srcmap: inout Iomap) -> Int {
        let offset_fsb = geometry.XFS_B_TO_FSBT(offset)
        let end_fsb = geometry.XFS_B_TO_FSB(offset + length)
        let (imap, holeCount) = xfs_bmapi_read_one(offset_fsb, end_fsb)
        xfs_bmbt_to_iomap(&iomap, imap, holeStart: offset_fsb, holeCount: holeCount, flags: [],
                          seq: xfs_iomap_inode_sequence([]))
        return 0
    }
    // excerpt-end

    /// `xfs_seek_iomap_ops`: `{ .iomap_begin = xfs_seek_iomap_begin }`.
    var xfs_seek_iomap_ops: IomapOps {
        IomapOps(name: "xfs_seek_iomap_ops",
                 iomap_begin: { inode, pos, len, flags, iomap, srcmap in XFS_I(inode).xfs_seek_iomap_begin(pos, len, flags, &iomap, &srcmap) })
    }
}
