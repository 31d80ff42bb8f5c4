// MARK: - IomapIter

/// `struct iomap_iter`: the state of one iomap iteration over `[pos, pos+len)`.
public final class IomapIter {
    /// Current file offset.
    public var pos: Int
    /// Bytes left to process.
    public var len: Int
    /// What the last actor call returned: bytes processed (≥ 0) or `-errno`.
    public var processed: Int = 0
    public let flags: IomapIterFlags
    /// The mapping for the current range (`iter->iomap`).
    public var iomap = Iomap()
    /// The source mapping for reads of partial blocks (`iter->srcmap`; type HOLE with length 0 when unused).
    public var srcmap = Iomap()

    public init(pos: Int, len: Int, flags: IomapIterFlags) {
        self.pos = pos
        self.len = len
        self.flags = flags
    }

    /// `iomap_length`: bytes of the current mapping still to process from `pos`.
    public var iomap_length: Int {
        let end = iomap.offset + iomap.length
        return min(len, end - pos)
    }

    /// `iomap_iter_srcmap`: the mapping to read existing data from (srcmap when the filesystem set one).
    public var iomap_iter_srcmap: Iomap { srcmap.type != .IOMAP_HOLE ? srcmap : iomap }
}

// MARK: - iomap_iter (fs/iomap/iter.c)

extension Inode {
    /// `iomap_iter_advance`: consumes what the last iteration processed; 1 to map the next range, 0 done, `-errno`.
    ///
    /// With validity-cookie (d7b64041164c) a STALE iomap with nothing processed remaps the rest instead of ending.
    /// Spec: (spec: validity-cookies/short-write)
    func iomap_iter_advance(_ iter: IomapIter) -> Int {
        // excerpt: iomap_iter_advance-stale
        let stale = iter.iomap.flags.contains(.IOMAP_F_STALE)
        // handle the previous iteration (if any)
        if iter.iomap.length > 0 {
            if patches.contains(.validityCookie) {
                if iter.processed < 0 { return iter.processed }
                if iter.processed == 0 && !stale { return 0 }
            } else {
                if iter.processed <= 0 { return iter.processed }
            }
            if iter.processed > iter.iomap_length { return -Errno.EIO }  // WARN_ON_ONCE
            iter.pos += iter.processed
            iter.len -= iter.processed
            if iter.len == 0 { return 0 }
        }
        // clear the state for the next iteration
        iter.processed = 0
        iter.iomap = Iomap()
        iter.srcmap = Iomap()
        return 1
        // excerpt-end
    }

    /// `iomap_iter`: ends the previous mapping (`->iomap_end`), advances, and maps the next range (`->iomap_begin`).
    ///
    /// Returns 1 while there is a range to process, 0 when done, `-errno` on failure. Pause points `iomap_end`
    /// (before `->iomap_end`, pos = iter.pos) and `iomap_begin` (after `->iomap_begin`, pos = iter.pos). A write or
    /// zeroing iteration (the ones that cache a mapping across folio locks) is published to the runtime as the
    /// actor's current iomap.
    /// Spec: (spec: validity-cookies/short-write)
    func iomap_iter(_ iter: IomapIter, _ ops: IomapOps) -> Int {
        traceCall("iomap_iter", pos: iter.pos)
        if !iter.flags.isDisjoint(with: [.IOMAP_WRITE, .IOMAP_ZERO]) { rt.iterating(iter) }
        // The callbacks fill local copies that are stored back when they return: they take locks (scheduling
        // points), and an inout access to the iterator's own fields would stay open across them.
        if iter.iomap.length > 0, let end = ops.iomap_end {
            pause(.iomapEnd, pos: iter.pos)
            var iomap = iter.iomap
            let ret = end(self, iter.pos, iter.iomap_length, iter.processed > 0 ? iter.processed : 0, iter.flags,
                          &iomap)
            iter.iomap = iomap
            if ret < 0 && iter.processed == 0 { return ret }
        }
        var ret = iomap_iter_advance(iter)
        if ret <= 0 { return ret }
        var iomap = iter.iomap, srcmap = iter.srcmap
        ret = ops.iomap_begin(self, iter.pos, iter.len, iter.flags, &iomap, &srcmap)
        iter.iomap = iomap
        iter.srcmap = srcmap
        if ret < 0 { return ret }
        iomap_iter_done(iter)
        pause(.iomapBegin, pos: iter.pos)
        return 1
    }

    /// `iomap_iter_done`: sanity checks of the new mapping (the kernel's WARN_ON_ONCEs, recorded as trace notes).
    func iomap_iter_done(_ iter: IomapIter) {
        let m = iter.iomap
        if m.offset > iter.pos || m.length == 0 || m.offset + m.length <= iter.pos
            || m.flags.contains(.IOMAP_F_STALE) {
            rt.record(.call, "WARN_ON_ONCE(iomap_iter_done)", pos: iter.pos, detail: m.description)
        }
    }
}
