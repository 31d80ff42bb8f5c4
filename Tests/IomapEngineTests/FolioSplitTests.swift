import Testing
@testable import IomapEngine

// MARK: - split_folio (mm/huge_memory.c) and its refusals

/// An inode with XFS's address space operations (`->release_folio = iomap_release_folio`) and one locked 16k folio.
private func lockedLargeFolio() -> (Inode, Folio) {
    let g = Geometry(blockSize: 1024, folioSize: 16384, deviceBlocks: 64)
    let kernel = KernelContext(rt: DirectRuntime(state: RuntimeState()), patches: .series,
                               device: MemoryBlockDevice(sizeBytes: 64 * 1024))
    let inode = Inode(geometry: g, kernel: kernel)
    inode.i_mapping.a_ops = XfsInode.xfs_address_space_operations
    let f = inode.mapping.createFolio(at: 0)
    for i in 0..<f.size { f.data[i] = UInt8(truncatingIfNeeded: i / 1024 + 1) }
    #expect(f.size == 16384 && inode.folio_lock(f) == 0)
    return (inode, f)
}

@Test func splitFolioRefusesAFolioUnderWriteback() {
    let (inode, f) = lockedLargeFolio()
    f.writeback = true
    #expect(inode.split_folio(f) == -Int(Errno.EBUSY.rawValue))
    #expect(inode.mapping.folios.count == 1 && inode.mapping.folios[0] === f)
}

@Test func splitFolioRefusesADirtyFolioBecauseIomapReleaseFolioDoes() {
    let (inode, f) = lockedLargeFolio()
    f.setRangeUptodate(0, f.size)
    f.dirty = true
    #expect(!inode.iomap_release_folio(f))
    #expect(inode.split_folio(f) == -Int(Errno.EBUSY.rawValue))
    #expect(inode.mapping.folios.count == 1 && inode.mapping.folios[0] === f && f.dirty)
}

@Test func splitFolioMakesOrderZeroPagesWithTheFolioFlags() {
    let (inode, f) = lockedLargeFolio()
    f.setRangeUptodate(0, f.size)
    #expect(inode.split_folio(f) == 0)
    let pages = inode.mapping.folios
    #expect(pages.map(\.pos) == [0, 4096, 8192, 12288] && pages.allSatisfy { $0.size == 4096 })
    #expect(pages.allSatisfy { $0.isUptodate && !$0.dirty })
    #expect(pages[2].data[0] == 9 && pages[3].data[4095] == 16)   // each page keeps its bytes
    #expect(pages[0].lockOwner != nil && pages[1...].allSatisfy { $0.lockOwner == nil })  // head stays locked
    inode.folio_unlock(pages[0])
    #expect(pages[0].lockOwner == nil)
}

@Test func aSplitPageIsUptodateOnlyIfTheWholeFolioWas() {
    let (inode, f) = lockedLargeFolio()
    f.setRangeUptodate(0, 8192)   // the iomap_page knew the first two pages; it is released by the split
    #expect(inode.split_folio(f) == 0)
    #expect(inode.mapping.folios.allSatisfy { !$0.uptodate.contains(true) })
}
