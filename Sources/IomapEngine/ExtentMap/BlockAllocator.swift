// MARK: - BlockAllocator

/// Free space of the device: first-fit allocation and delalloc reservations.
///
/// Free space of the device (the free-space btrees plus `m_fdblocks`): deterministic first-fit allocation and
/// delalloc reservations.
///
/// `freeBlocks` is like `fdblocks`: blocks neither allocated nor reserved. `reserve` moves blocks from free to
/// reserved (`xfs_mod_fdblocks(-n)` at delalloc time), `allocate(from: true)` turns reserved blocks into allocated
/// ones, `unreserve` gives a reservation back (punching delalloc).
public final class BlockAllocator {
    public let totalBlocks: Int
    public private(set) var freeBlocks: Int
    public private(set) var reservedBlocks: Int = 0
    /// Free extents of the device (start, count), sorted by start, merged.
    public private(set) var freeExtents: [(start: Int, count: Int)]

    public init(totalBlocks: Int) {
        precondition(totalBlocks > 0, "device of \(totalBlocks) blocks")
        self.totalBlocks = totalBlocks
        self.freeBlocks = totalBlocks
        self.freeExtents = [(0, totalBlocks)]
    }

    /// Reserves `n` blocks for delalloc (`xfs_mod_fdblocks`); `-ENOSPC` when fewer are free.
    public func reserve(_ n: Int) throws(Errno) {
        precondition(n >= 0)
        guard freeBlocks >= n else { throw Errno.ENOSPC }
        freeBlocks -= n
        reservedBlocks += n
    }

    /// Returns `n` reserved blocks to free space (`xfs_mod_fdblocks(+n)` when delalloc is punched).
    ///
    /// Never more than is reserved: a delalloc extent that lost its reservation (a pre-patch race) gives back
    /// nothing for the missing part; the `reservation-mismatch` invariant reports that state, the engine goes on.
    public func unreserve(_ n: Int) {
        precondition(n >= 0)
        let k = min(n, reservedBlocks)
        reservedBlocks -= k
        freeBlocks += k
    }

    /// Allocates `n` blocks first fit, lowest device block first, in as many pieces as needed.
    ///
    /// With `from: true` the blocks come out of the delalloc reservation; otherwise out of free space (`-ENOSPC`).
    public func allocate(_ n: Int, from reservation: Bool) throws(Errno) -> [(startBlock: Int, count: Int)] {
        precondition(n > 0)
        if reservation {
            precondition(n <= reservedBlocks, "allocate \(n) from a reservation of \(reservedBlocks)")
        } else {
            guard freeBlocks >= n else { throw Errno.ENOSPC }
        }
        var need = n
        var out: [(startBlock: Int, count: Int)] = []
        while need > 0 {
            precondition(!freeExtents.isEmpty, "free space accounting broken")
            let f = freeExtents[0]
            let take = min(need, f.count)
            out.append((f.start, take))
            if take == f.count { freeExtents.removeFirst() } else { freeExtents[0] = (f.start + take, f.count - take) }
            need -= take
        }
        if reservation { reservedBlocks -= n } else { freeBlocks -= n }
        return out
    }

    /// Allocates one contiguous piece of at most `maxCount` blocks for delalloc conversion.
    ///
    /// The first free extent that holds them all, else the first free extent (the rest stays delalloc and is
    /// converted next round).
    ///
    /// The blocks come out of the delalloc reservation; when the reservation is short (a dirty folio whose delalloc
    /// lost its reservation) the difference comes from free space, and `-ENOSPC` when there is none.
    public func allocateContiguous(_ maxCount: Int) throws(Errno) -> (startBlock: Int, count: Int) {
        precondition(maxCount > 0)
        guard !freeExtents.isEmpty else { throw Errno.ENOSPC }
        let i = freeExtents.firstIndex(where: { $0.count >= maxCount }) ?? 0
        let f = freeExtents[i]
        var take = min(maxCount, f.count)
        let fromReservation = min(take, reservedBlocks)
        if take - fromReservation > freeBlocks { take = fromReservation + freeBlocks }
        guard take > 0 else { throw Errno.ENOSPC }
        if take == f.count { freeExtents.remove(at: i) } else { freeExtents[i] = (f.start + take, f.count - take) }
        reservedBlocks -= fromReservation
        freeBlocks -= take - fromReservation
        return (f.start, take)
    }

    /// Frees `count` device blocks from `startBlock` (`xfs_free_extent`).
    public func free(startBlock: Int, count: Int) {
        precondition(count > 0 && startBlock >= 0 && startBlock + count <= totalBlocks)
        var i = 0
        while i < freeExtents.count && freeExtents[i].start < startBlock { i += 1 }
        precondition(i == 0 || freeExtents[i - 1].start + freeExtents[i - 1].count <= startBlock, "double free at \(startBlock)")
        precondition(i == freeExtents.count || startBlock + count <= freeExtents[i].start, "double free at \(startBlock)")
        freeExtents.insert((startBlock, count), at: i)
        if i + 1 < freeExtents.count, freeExtents[i].start + freeExtents[i].count == freeExtents[i + 1].start {
            freeExtents[i].count += freeExtents[i + 1].count
            freeExtents.remove(at: i + 1)
        }
        if i > 0, freeExtents[i - 1].start + freeExtents[i - 1].count == freeExtents[i].start {
            freeExtents[i - 1].count += freeExtents[i].count
            freeExtents.remove(at: i)
        }
        freeBlocks += count
    }
}

// MARK: - State capture (explorer)

extension BlockAllocator {
    /// Model only: makes this allocator's free space and reservations those of `other`.
    func copyState(from other: BlockAllocator) {
        precondition(totalBlocks == other.totalBlocks, "allocators of different size")
        freeBlocks = other.freeBlocks
        reservedBlocks = other.reservedBlocks
        freeExtents = other.freeExtents
    }
}
