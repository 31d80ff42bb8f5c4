import Testing
@testable import IomapEngine

// MARK: - Test inode

final class BmapTestInode: XfsBmapInode {
    let geometry: Geometry
    let allocator: BlockAllocator
    let forks: [ForkKind: InodeFork] = [.data: InodeFork(kind: .data), .cow: InodeFork(kind: .cow), .attr: InodeFork(kind: .attr)]
    init(bs: Int = 4096, blocks: Int = 64) {
        geometry = Geometry(blockSize: bs, folioSize: 4096, deviceBlocks: blocks)
        allocator = BlockAllocator(totalBlocks: blocks)
    }
    func fork(_ kind: ForkKind) -> InodeFork { forks[kind]! }
    var data: InodeFork { fork(.data) }

    /// What `xfs_buffered_write_iomap_begin` does for a hole: reserve and add a delalloc extent.
    func delalloc(_ off: Int, _ n: Int) throws {
        try allocator.reserve(n)
        data.replaceRange(off, n, with: .delalloc(off, n))
    }
    /// A written extent on blocks allocated from free space.
    func written(_ off: Int, _ n: Int) throws {
        let p = try allocator.allocate(n, from: false)
        data.replaceRange(off, n, with: Extent(startOff: off, blockCount: n, startBlock: p[0].startBlock, state: .written))
    }
    func picture(_ from: Int, _ to: Int) -> String {
        String((from..<to).map { b -> Character in
            guard let e = data.lookup(b) else { return "h" }
            switch e.state { case .delalloc: return "d"; case .unwritten: return "u"; case .written: return "w" }
        })
    }
}

// MARK: - xfs_bmap_punch_delalloc_range

@Test func punchRemovesOnlyDelalloc() throws {
    let ip = BmapTestInode()
    try ip.written(0, 2)
    try ip.delalloc(2, 4)
    try xfs_bmapi_write_prealloc(ip, 6, 2)
    try ip.delalloc(8, 4)
    #expect(ip.picture(0, 13) == "wwdddduuddddh")
    #expect(ip.allocator.reservedBlocks == 8)
    let n = xfs_bmap_punch_delalloc_range(ip, 4096 + 100, 4096 * 9 + 1)  // fsb [1, 10)
    #expect(n == 6)
    #expect(ip.picture(0, 13) == "wwhhhhuuhhddh")
    #expect(ip.allocator.reservedBlocks == 2)
    #expect(ip.allocator.reservedBlocks == ip.data.delallocBlocks)
}

@Test func punchByteRangeRoundsOutToBlocks() throws {
    let ip = BmapTestInode(bs: 1024)
    try ip.delalloc(0, 4)
    xfs_bmap_punch_delalloc_range(ip, 1500, 2500)  // XFS_B_TO_FSBT(1500)=1, XFS_B_TO_FSB(2500)=3
    #expect(ip.picture(0, 4) == "dhhd")
}

@Test func punchBlockFormMatchesByteForm() throws {
    let a = BmapTestInode(bs: 1024), b = BmapTestInode(bs: 1024)
    try a.delalloc(0, 16); try b.delalloc(0, 16)
    xfs_bmap_punch_delalloc_range(a, start_fsb: 3, length: 5)
    xfs_bmap_punch_delalloc_range(b, 3 * 1024, 8 * 1024)
    #expect(a.data.extents == b.data.extents && a.data.seq == b.data.seq)
    #expect(a.picture(0, 16) == "dddhhhhhdddddddd")
}

@Test func punchOfFolioAlignedDiscardRangeIsEmpty() throws {
    // 6.2 xfs_discard_folio punches [pos, round_up(pos, folio_size)): empty when pos is folio aligned.
    let ip = BmapTestInode()
    try ip.delalloc(0, 4)
    let pos = 8192
    #expect(xfs_bmap_punch_delalloc_range(ip, pos, roundUp(pos, 4096)) == 0)
    #expect(ip.picture(0, 4) == "dddd")
}

// MARK: - xfs_bmapi_convert_delalloc

@Test func convertDelallocMakesUnwrittenFromTheExtentStart() throws {
    let ip = BmapTestInode()
    try ip.written(0, 2)          // device blocks 0-1
    try ip.delalloc(4, 4)
    let free0 = ip.allocator.freeBlocks
    let e = try xfs_bmapi_convert_delalloc(ip, .data, 6)
    #expect(e == Extent(startOff: 4, blockCount: 4, startBlock: 2, state: .unwritten))
    #expect(ip.allocator.reservedBlocks == 0 && ip.allocator.freeBlocks == free0)
    // A second call finds the real extent and returns it unchanged.
    let s = ip.data.seq
    #expect(try xfs_bmapi_convert_delalloc(ip, .data, 5) == e)
    #expect(ip.data.seq == s)
    #expect(throws: Errno.EAGAIN) { _ = try xfs_bmapi_convert_delalloc(ip, .data, 9) }
}

@Test func convertDelallocLoopsOverFragmentedFreeSpace() throws {
    let ip = BmapTestInode(blocks: 6)
    _ = try ip.allocator.allocate(6, from: false)
    ip.allocator.free(startBlock: 0, count: 2)
    ip.allocator.free(startBlock: 3, count: 2)
    try ip.delalloc(10, 4)
    let e = try xfs_bmapi_convert_delalloc(ip, .data, 13)
    #expect(e == Extent(startOff: 12, blockCount: 2, startBlock: 3, state: .unwritten))
    #expect(ip.data.extents == [Extent(startOff: 10, blockCount: 2, startBlock: 0, state: .unwritten), e])
}

// MARK: - xfs_iomap_write_unwritten

@Test func writeUnwrittenConvertsOnlyTheIORange() throws {
    let ip = BmapTestInode(bs: 1024)
    try xfs_bmapi_write_prealloc(ip, 4, 4)
    try ip.delalloc(8, 2)
    xfs_iomap_write_unwritten(ip, 5 * 1024 + 10, 2 * 1024 - 20)  // blocks 5 and 6
    #expect(ip.picture(0, 11) == "hhhhuwwudd" + "h")
    xfs_iomap_write_unwritten(ip, 0, 11 * 1024)                 // hole and delalloc untouched
    #expect(ip.picture(0, 11) == "hhhhwwwwddh")
}

// MARK: - xfs_bunmapi

@Test func bunmapiFreesBlocksAndReservations() throws {
    let ip = BmapTestInode(blocks: 16)
    try ip.written(0, 4)
    try ip.delalloc(4, 4)
    #expect(ip.allocator.freeBlocks == 8)
    #expect(xfs_bunmapi(ip, .data, 2, 4) == 4)
    #expect(ip.picture(0, 8) == "wwhhhhdd")
    #expect(ip.allocator.freeBlocks == 12 && ip.allocator.reservedBlocks == 2)
}

// MARK: - xfs_bmapi_write_prealloc

@Test func preallocFillsHolesAndConvertsDelalloc() throws {
    let ip = BmapTestInode(blocks: 16)
    try ip.written(1, 1)
    try ip.delalloc(3, 2)
    try xfs_bmapi_write_prealloc(ip, 0, 6)
    #expect(ip.picture(0, 7) == "uwuuuuh")
    #expect(ip.allocator.reservedBlocks == 0)
    #expect(ip.allocator.freeBlocks == 16 - 6)
}

@Test func preallocEnospcChangesNothing() throws {
    let ip = BmapTestInode(blocks: 4)
    try ip.written(0, 2)
    let s = ip.data.seq
    #expect(throws: Errno.ENOSPC) { try xfs_bmapi_write_prealloc(ip, 2, 3) }
    #expect(ip.data.seq == s && ip.allocator.freeBlocks == 2)
}
