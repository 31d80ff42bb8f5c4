import Testing
@testable import IomapEngine

// MARK: - Synchronous operations

@Test func pwriteThenPreadRoundTrips() {
    let m = testMachine()
    let w = m.perform(.pwrite(offset: 0, data: filled("A", 8192)))
    #expect(w == OperationResult(value: 8192))
    #expect(m.fileSize == 8192)
    // Below 64 KiB there is no speculative preallocation: exactly the two written blocks are reserved.
    #expect(m.extentPicture(.data, ByteRange(offset: 0, length: 16384)) == "ddhh")
    #expect(m.reservedBlocks == 2)
    #expect(m.cachePicture(ByteRange(offset: 0, length: 16384)) == "DD--")
    let r = m.perform(.pread(offset: 4096, length: 8192))
    #expect(r.value == 4096)   // clipped at EOF
    #expect(r.data == filled("A", 4096))
    #expect(m.violations.isEmpty)
}

@Test func writePastEofZeroesTheGapAndKeepsOldData() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", 100)))
    m.perform(.pwrite(offset: 6000, data: filled("B", 10)))
    #expect(m.fileSize == 6010)
    let r = m.perform(.pread(offset: 0, length: 6010))
    #expect(Array(r.data[0..<100]) == filled("A", 100))
    #expect(Array(r.data[100..<6000]) == [UInt8](repeating: 0, count: 5900))
    #expect(Array(r.data[6000..<6010]) == filled("B", 10))
    #expect(m.violations.isEmpty)
}

@Test func errortagDropWritesOnlyWithoutRemoval() {
    #expect(testMachine().perform(.errortagSet(tag: 28, value: 1)).error == .EINVAL)
    #expect(testMachine(.series.without(.errortagRemoval)).perform(.errortagSet(tag: 28, value: 1)).error == nil)
    #expect(testMachine().perform(.errortagSet(tag: 27, value: 1)).error == nil)
    #expect(testMachine().perform(.errortagSet(tag: XFS_ERRTAG_MAX, value: 1)).error == .EINVAL)
    #expect(testMachine().ip.xfs_errortag_get(28) == -Errno.EINVAL)
}

// MARK: - Scheduler

@Test func actorsHandOffAndBlockOnLocks() {
    let m = testMachine()
    #expect(m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 4096)),
                    until: PauseTarget(point: .folioLocked, pos: 0)) == pausedAt(.folioLocked, 0))
    #expect(m.cachePicture(ByteRange(offset: 0, length: 4096)) == "L")
    // A second writer needs i_rwsem, which W holds.
    #expect(m.start(actor: "V", .pwrite(offset: 0, data: filled("V", 4096)), until: nil) == .blocked(lock: .lock(.i_rwsem)))
    #expect(m.resume(actor: "W", until: nil) == .done(OperationResult(value: 4096)))
    #expect(m.resume(actor: "V", until: nil) == .done(OperationResult(value: 4096)))
    #expect(m.fileContent(ByteRange(offset: 0, length: 4096)) == filled("V", 4096))
    #expect(m.violations.isEmpty)
}

@Test func sameInputsGiveTheSameTrace() {
    func run() -> [String] {
        let m = testMachine()
        _ = m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 12288)), until: PauseTarget(point: .copied, pos: 4096))
        _ = m.start(actor: "R", .truncate(size: 4096), until: nil)
        _ = m.resume(actor: "W", until: nil)
        _ = m.resume(actor: "R", until: nil)
        return m.trace.map(\.description)
    }
    let a = run(), b = run()
    #expect(a == b)
    #expect(a.contains { $0.contains("blocked") })
}

@Test func harnessCannotWaitForAPausedActor() {
    let m = testMachine()
    _ = m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 4096)), until: PauseTarget(point: .copied))
    let r = m.perform(.truncate(size: 0))
    #expect(r.error == .EDEADLK)
    #expect(violationNames(m) == ["deadlock"])
    m.abandonActors()
}

@Test func lockOrderViolationIsRecorded() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("A", 4096)))
    let f = m.mapping.folio(containing: 0)!
    #expect(m.ip.folio_lock(f) == 0)
    #expect(m.ip.filemap_invalidate_lock() == 0)   // invalidate_lock after a folio lock: wrong order
    m.ip.filemap_invalidate_unlock()
    m.ip.folio_unlock(f)
    #expect(violationNames(m) == ["lock-order"])
}

@Test func takingAHeldLockAgainIsADeadlock() {
    let m = testMachine()
    #expect(m.ip.lock(.invalidate_lock, .shared) == 0)
    #expect(m.ip.lock(.invalidate_lock, .exclusive) == -Errno.EDEADLK)
    m.ip.unlock(.invalidate_lock)
    #expect(violationNames(m) == ["deadlock"])
}

// MARK: - Parameter functions

@Test func punchRangeFunctionsAgree() {
    let args = ["offset": 1000, "length": 10000, "written": 3000, "bs": 4096]
    #expect(ParameterFunctions.all["write-punch-range-bytes"]!.evaluate(args) == ["start": 4096, "end": 12288])
    #expect(ParameterFunctions.all["write-punch-range-fsb"]!.evaluate(args) == ["start": 4096, "end": 12288])
    let none = ["offset": 1000, "length": 10000, "written": 0, "bs": 4096]
    #expect(ParameterFunctions.all["write-punch-range-bytes"]!.evaluate(none) == ["start": 0, "end": 12288])
}

@Test func discardFolioRangeDiffersForAlignedPos() {
    let bytesFn = ParameterFunctions.all["discard-folio-range-bytes"]!
    let fsbFn = ParameterFunctions.all["discard-folio-range-fsb"]!
    let aligned = ["folio_pos": 0, "folio_size": 16384, "pos": 0, "bs": 4096]
    #expect(bytesFn.evaluate(aligned) == ["start": 0, "end": 0])          // 6.2: empty range
    #expect(fsbFn.evaluate(aligned) == ["start": 0, "end": 16384])        // old: the whole folio
    let mid = ["folio_pos": 0, "folio_size": 16384, "pos": 4096, "bs": 4096]
    #expect(bytesFn.evaluate(mid) == ["start": 4096, "end": 16384])
    #expect(fsbFn.evaluate(mid) == ["start": 4096, "end": 16384])
    #expect(bytesFn.evaluate(["folio_pos": 0, "folio_size": 16384, "pos": 0, "bs": 3000]) == nil)
}

// MARK: - Pause points (Docs/design.md table)

@Test(arguments: [
    (PausePoint.iomapBegin, 0), (.writeBegin, 4096), (.folioLocked, 4096), (.copied, 4096), (.iomapEnd, 0),
])
func writePausePointsStopWhereDocumented(point: PausePoint, pos: Int) {
    let m = testMachine()
    let s = m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 8192)), until: PauseTarget(point: point, pos: pos))
    #expect(s == pausedAt(point, pos))
    #expect(m.currentIomap(of: "W")?.type == .IOMAP_DELALLOC)
    #expect(m.resume(actor: "W", until: nil) == .done(OperationResult(value: 8192)))
    #expect(m.currentIomap(of: "W") == nil)
}

@Test func punchAndFaultPausePoints() {
    let m = testMachine()
    m.perform(.truncate(size: 16384))
    #expect(m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 16384), efaultAfter: 4096),
                    until: PauseTarget(point: .punch)) == pausedAt(.punch, 4096))
    // The cleanup works on this write's own reservation (IOMAP_F_NEW); i_size (16k) did not grow, so no SIZE_CHANGED.
    #expect(m.currentIomap(of: "W")?.description == "delalloc 0+16k NEW")
    #expect(m.resume(actor: "W", until: nil) == .done(OperationResult(value: 4096)))
    #expect(m.start(actor: "F", .mmapStore(offset: 8192, data: filled("F", 10)), until: PauseTarget(point: .fault))
            == pausedAt(.fault, 8192))
    #expect(m.cachePicture(ByteRange(offset: 8192, length: 4096)) == "L")
    #expect(m.resume(actor: "F", until: nil) == .done(OperationResult(value: 10)))
}

@Test func aBlockedActorStaysBlockedUntilTheLockIsFree() {
    let m = testMachine()
    _ = m.start(actor: "W", .pwrite(offset: 0, data: filled("W", 4096)), until: PauseTarget(point: .copied))
    #expect(m.start(actor: "T", .truncate(size: 0), until: nil) == .blocked(lock: .lock(.i_rwsem)))
    #expect(m.resume(actor: "T", until: nil) == .blocked(lock: .lock(.i_rwsem)))
    #expect(m.unfinishedActors == ["T", "W"])
    #expect(result(m.resume(actor: "W", until: nil)) == OperationResult(value: 4096))
    #expect(result(m.resume(actor: "T", until: nil)) == OperationResult(value: 0))
    #expect(m.fileSize == 0)
    #expect(m.trace.filter { $0.kind == .blocked }.count == 2)
    #expect(m.violations.isEmpty)
}
