import Testing
@testable import IomapEngine

// MARK: - Core

@Test func roundingMatchesKernelMacros() {
    #expect(roundDown(5000, 4096) == 4096)
    #expect(roundUp(5000, 4096) == 8192)
    #expect(roundUp(8192, 4096) == 8192)
    #expect(roundDown(0, 512) == 0)
    #expect(roundDown(-1, 4096) == -4096)
    #expect(isPowerOfTwo(65536) && !isPowerOfTwo(3 * 1024) && !isPowerOfTwo(0))
}

@Test func xfsUnitConversions() {
    let g = Geometry(blockSize: 1024, folioSize: 16384, deviceBlocks: 100)
    #expect(g.XFS_B_TO_FSBT(1023) == 0)
    #expect(g.XFS_B_TO_FSB(1023) == 1)
    #expect(g.XFS_B_TO_FSBT(1024) == 1)
    #expect(g.XFS_B_TO_FSB(1024) == 1)
    #expect(g.XFS_B_TO_FSB(1025) == 2)
    #expect(g.XFS_FSB_TO_B(3) == 3072)
    #expect(g.minFolioSize == 4096)
    let big = Geometry(blockSize: 65536, folioSize: 4096, deviceBlocks: 4)
    #expect(big.minFolioSize == 65536)
}

@Test func engineConfigDefaults() {
    let c = EngineConfig()
    #expect(c.geometry.blockSize == 4096)
    #expect(c.geometry.pageSize == 4096)
    #expect(c.geometry.folioSize == 4096)
    #expect(c.geometry.deviceBlocks == (64 << 20) / 4096)
    #expect(c.patches == .series)
}

@Test func byteRange() {
    let r = ByteRange(offset: 0, length: 40960)
    #expect(r.description == "0+40k")
    #expect(r.intersection(ByteRange(start: 40960, end: 50000)) == nil)
    #expect(r.intersection(ByteRange(start: 4000, end: 50000)) == ByteRange(start: 4000, end: 40960))
    #expect(r.contains(0) && !r.contains(40960))
    #expect(ByteRange(start: 7, end: 7).isEmpty)
    #expect(ByteRange(offset: 36865, length: 1).description == "36865+1")
}

@Test func errnoNames() {
    #expect(Errno.EIO.rawValue == 5 && Errno.EIO.name == "EIO")
    #expect(Errno.EDEADLK.rawValue == 35)
    #expect(Errno(name: "ENOSPC") == .ENOSPC)
    #expect(Errno(name: "ENOTANERRNO") == nil)
}

/// Every errno name the scenario grammar accepts (`ret=-NAME`, SpecKit's Vocabulary) with its Linux number.
@Test func errnoCoversTheGrammarsNames() {
    let linux: [String: Int32] = [
        "EPERM": 1, "ENOENT": 2, "EIO": 5, "ENXIO": 6, "EAGAIN": 11, "ENOMEM": 12, "EFAULT": 14, "EBUSY": 16,
        "EINVAL": 22, "EFBIG": 27, "ENOSPC": 28, "EDEADLK": 35, "EOPNOTSUPP": 95, "EFSCORRUPTED": 117,
    ]
    #expect(Dictionary(uniqueKeysWithValues: Errno.allCases.map { ($0.name, $0.rawValue) }) == linux)
    for (name, n) in linux { #expect(Errno(name: name)?.rawValue == n) }
}

@Test func patchRawValuesAndSets() {
    #expect(Patch.allCases.map(\.rawValue) == ["mkwrite-ops-split", "invalidate-lock", "byte-range-punch",
                                               "seek-data-scan", "validity-cookie", "errortag-removal",
                                               "discard-folio-fix", "iolock-every-write", "seq-bump-under-ilock",
                                               "cookie-under-ilock", "bump-every-edit"])
    #expect(Patch.allCases.filter { $0.kind == .seriesPatch }.count == 6)
    #expect(Patch.allCases.filter { $0.kind == .laterFix } == [.discardFolioFix])
    #expect(Patch.allCases.filter { $0.kind == .counterfactual } == [.iolockEveryWrite, .seqBumpUnderIlock, .cookieUnderIlock, .bumpEveryEdit])
    // The 6.2 kernel: every series patch and counterfactual switch on, the 6.3 fix off.
    #expect(PatchSet.series.applied == Set(Patch.allCases).subtracting([.discardFolioFix]))
    #expect(PatchSet.none.applied == [.iolockEveryWrite, .seqBumpUnderIlock, .cookieUnderIlock, .bumpEveryEdit])
    #expect(PatchSet(parsing: "+discard-folio-fix") == .series.with(.discardFolioFix))
    #expect(PatchSet(parsing: "-discard-folio-fix") == nil)
    #expect(PatchSet(parsing: "+validity-cookie") == nil)
    #expect(PatchSet.series.with(.discardFolioFix).without(.iolockEveryWrite).description == "+discard-folio-fix,-iolock-every-write")
    let s = PatchSet.series.without(.validityCookie)
    #expect(!s.contains(.validityCookie) && s.contains(.seekDataScan))
    #expect(s.description == "-validity-cookie")
    #expect(PatchSet(parsing: "series") == .series)
    #expect(PatchSet(parsing: "-validity-cookie,-seek-data-scan") == .series.without(.validityCookie, .seekDataScan))
    #expect(PatchSet(parsing: "-no-such-patch") == nil)
    #expect(PatchSet(parsing: "validity-cookie") == nil)
}

@Test func sizeFormatting() {
    #expect(formatSize(40960) == "40k")
    #expect(formatSize(36864) == "36k")
    #expect(formatSize(36865) == "36865")
    #expect(formatSize(1 << 20) == "1m")
    #expect(formatSize(0) == "0")
}
