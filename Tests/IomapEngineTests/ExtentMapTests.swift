import Testing
@testable import IomapEngine

// MARK: - InodeFork primitives and if_seq

@Test func primitivesBumpSeqByOne() {
    let f = InodeFork(kind: .data)
    #expect(f.seq == 0)
    f.xfs_iext_insert(.delalloc(0, 4))
    #expect(f.seq == 1)
    f.xfs_iext_update_extent(.delalloc(0, 4), .delalloc(0, 2))
    #expect(f.seq == 2)
    f.xfs_iext_remove(startOff: 0)
    #expect(f.seq == 3 && f.extents.isEmpty)
}

@Test func lookupNextAndGot() {
    let f = InodeFork(kind: .data)
    f.xfs_iext_insert(Extent(startOff: 2, blockCount: 3, startBlock: 10, state: .written))
    f.xfs_iext_insert(.delalloc(8, 2))
    #expect(f.lookup(1) == nil)
    #expect(f.lookup(4)?.startOff == 2)
    #expect(f.lookup(5) == nil)
    #expect(f.next(after: 3)?.startOff == 8)       // first extent starting at or after 3
    #expect(f.next(after: 2)?.startOff == 2)
    #expect(f.lookupExtent(3)?.startOff == 2)      // containing
    #expect(f.lookupExtent(5)?.startOff == 8)      // else the next
    #expect(f.lookupExtent(10) == nil)
}

@Test func replaceRangeSplitsTheMiddle() {
    let f = InodeFork(kind: .data)
    f.xfs_iext_insert(Extent(startOff: 0, blockCount: 10, startBlock: 100, state: .written))
    let s0 = f.seq
    f.replaceRange(3, 2, with: nil)
    #expect(f.extents == [Extent(startOff: 0, blockCount: 3, startBlock: 100, state: .written),
                          Extent(startOff: 5, blockCount: 5, startBlock: 105, state: .written)])
    #expect(f.seq == s0 + 2)  // update + insert, as xfs_bmap_del_extent_real's middle case
    #expect(f.orderViolation() == nil)
}

@Test func replaceRangeMergesContiguousDelalloc() {
    let f = InodeFork(kind: .data)
    f.replaceRange(0, 4, with: .delalloc(0, 4))
    #expect(f.seq == 1)
    f.replaceRange(4, 4, with: .delalloc(4, 4))        // extends the left neighbour: one update
    #expect(f.extents == [.delalloc(0, 8)] && f.seq == 2)
    f.replaceRange(12, 4, with: .delalloc(12, 4))      // not contiguous: insert
    f.replaceRange(8, 4, with: .delalloc(8, 4))        // bridges both: remove + update
    #expect(f.extents == [.delalloc(0, 16)] && f.seq == 5)
}

@Test func replaceRangeReusesAWhollyReplacedRecord() {
    let f = InodeFork(kind: .data)
    f.replaceRange(4, 4, with: .delalloc(4, 4))
    let s0 = f.seq
    let u = Extent(startOff: 4, blockCount: 4, startBlock: 7, state: .unwritten)
    f.replaceRange(4, 4, with: u)
    #expect(f.extents == [u] && f.seq == s0 + 1)  // xfs_bmap_add_extent_delay_real "filling" case: one update
}

@Test func writtenExtentsMergeOnlyWhenDeviceContiguous() {
    let f = InodeFork(kind: .data)
    f.replaceRange(0, 2, with: Extent(startOff: 0, blockCount: 2, startBlock: 50, state: .written))
    f.replaceRange(2, 2, with: Extent(startOff: 2, blockCount: 2, startBlock: 60, state: .written))
    #expect(f.extents.count == 2)
    f.replaceRange(4, 2, with: Extent(startOff: 4, blockCount: 2, startBlock: 62, state: .written))
    #expect(f.extents.count == 2 && f.extents[1] == Extent(startOff: 2, blockCount: 4, startBlock: 60, state: .written))
    f.replaceRange(6, 2, with: Extent(startOff: 6, blockCount: 2, startBlock: 64, state: .unwritten))
    #expect(f.extents.count == 3)  // state differs
}

// MARK: - BlockAllocator

@Test func reservationsAndEnospc() throws {
    let a = BlockAllocator(totalBlocks: 10)
    try a.reserve(6)
    #expect(a.freeBlocks == 4 && a.reservedBlocks == 6)
    #expect(throws: Errno.ENOSPC) { try a.reserve(5) }
    #expect(throws: Errno.ENOSPC) { _ = try a.allocate(5, from: false) }
    a.unreserve(2)
    #expect(a.freeBlocks == 6 && a.reservedBlocks == 4)
    let got = try a.allocate(4, from: true)
    #expect(got.map(\.startBlock) == [0] && got.map(\.count) == [4])
    #expect(a.freeBlocks == 6 && a.reservedBlocks == 0)
}

@Test func firstFitAcrossFragments() throws {
    let a = BlockAllocator(totalBlocks: 10)
    _ = try a.allocate(3, from: false)      // 0-2
    _ = try a.allocate(3, from: false)      // 3-5
    a.free(startBlock: 0, count: 3)
    let got = try a.allocate(5, from: false)
    #expect(got.map(\.startBlock) == [0, 6] && got.map(\.count) == [3, 2])
    a.free(startBlock: 6, count: 2)
    a.free(startBlock: 0, count: 3)
    a.free(startBlock: 3, count: 3)
    #expect(a.freeExtents.count == 1 && a.freeExtents[0].count == 10 && a.freeBlocks == 10)
}

@Test func allocateContiguousPrefersAFreeExtentThatFits() throws {
    let a = BlockAllocator(totalBlocks: 10)
    _ = try a.allocate(10, from: false)
    a.free(startBlock: 1, count: 2)
    a.free(startBlock: 5, count: 4)
    try a.reserve(3)
    let p = try a.allocateContiguous(3)
    #expect(p.startBlock == 5 && p.count == 3 && a.reservedBlocks == 0)
}

@Test func allocateContiguousWithoutReservationUsesFreeSpaceThenEnospc() throws {
    let a = BlockAllocator(totalBlocks: 4)
    let p = try a.allocateContiguous(3)  // no reservation: taken from free space
    #expect(p.startBlock == 0 && p.count == 3 && a.freeBlocks == 1)
    let q = try a.allocateContiguous(3)
    #expect(q.startBlock == 3 && q.count == 1 && a.freeBlocks == 0)
    #expect(throws: Errno.ENOSPC) { _ = try a.allocateContiguous(1) }
}
