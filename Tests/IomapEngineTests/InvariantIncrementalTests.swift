import Testing
@testable import IomapEngine

// Each invariant fires under the incremental check (the default) exactly as under the full check, including when
// the broken state lies far from what the last step touched; what no change record shows is caught by the sweep.

private let k1 = 1024
private let k4 = 4096
private let far = 1 << 30   // 1 GiB: far from the step at offset 0

/// A machine with data at 0 and at `far`, both dirty, checked as `check` says.
private func machine(_ check: InvariantCheck, bs: Int = k4) -> Machine {
    let m = testMachine(bs: bs)
    m.invariantCheck = check
    #expect(m.perform(.pwrite(offset: 0, data: filled("a", k4))) == OperationResult(value: k4))
    #expect(m.perform(.pwrite(offset: far, data: filled("b", bs))) == OperationResult(value: bs))
    #expect(m.violations.isEmpty)
    return m
}

/// Breaks the state with `corrupt`, runs one write at offset 0, and returns the violation names and details.
private func fires(_ check: InvariantCheck, bs: Int = k4, _ corrupt: (Machine) -> Void) -> [String] {
    let m = machine(check, bs: bs)
    corrupt(m)
    #expect(m.perform(.pwrite(offset: 0, data: filled("c", 100))) == OperationResult(value: 100))
    return m.violations.map { "\($0.name) at \($0.location): \($0.detail)" }
}

/// The same violations at the same micro-steps under both checks, and at least one named `name`.
private func expectFires(_ name: String, bs: Int = k4, _ corrupt: (Machine) -> Void) {
    let incremental = fires(.incremental, bs: bs, corrupt), full = fires(.full, bs: bs, corrupt)
    #expect(incremental == full)
    #expect(incremental.contains { $0.hasPrefix(name + " at ") }, "\(incremental)")
}

@Test func extentOrderFiresIncrementally() {
    expectFires("extent-order") { m in
        // An empty record (the initializer refuses one, so it is emptied afterwards) far beyond the step's range.
        var e = Extent(startOff: 3 << 20, blockCount: 1, startBlock: 7, state: .written)
        e.blockCount = 0
        m.ip.i_df.xfs_iext_insert(e)
    }
}

@Test func reservationMismatchFiresIncrementally() {
    expectFires("reservation-mismatch") { m in try! m.mount.allocator.reserve(3) }
}

@Test func sequenceBackwardsFiresIncrementally() {
    expectFires("sequence-backwards") { m in m.ip.i_df.seq = 0 }
}

@Test func dirtyNotUptodateFiresForAFarFolio() {
    // Block 1 of the far 4k folio (1k blocks) is a hole, not uptodate; it now claims data.
    expectFires("dirty-not-uptodate", bs: k1) { m in m.mapping.folio(containing: far)!.dataDirty[1] = true }
}

@Test func dirtyWithoutBackingFiresWhenAFarExtentIsRemoved() {
    // The far block's delalloc extent is dropped behind the cache's back (its reservation with it).
    expectFires("dirty-without-backing") { m in
        let e = m.ip.i_df.lookup(far / k4)!
        m.ip.i_df.xfs_iext_remove(startOff: e.startOff)
        m.mount.allocator.unreserve(e.blockCount)
    }
}

@Test func dirtyWithoutBackingFiresWhenEOFMovesOverAFarDirtyBlock() {
    // A ghost-dirty block past EOF needs no backing; moving EOF over it makes it count.
    expectFires("dirty-without-backing", bs: k1) { m in
        let f = m.mapping.folio(containing: far)!
        f.uptodate[2] = true
        f.dataDirty[2] = true
        m.ip.i_size_write(far + k4)
    }
}

@Test func lockHeldAtExitFires() {
    let m = testMachine()
    m.perform(.pwrite(offset: 0, data: filled("a", k4)))
    m.state.locks.take(.ILOCK, .exclusive, actor: "-")
    m.perform(.failIO(offset: 0, length: 0))   // takes no lock itself
    #expect(m.violations.map(\.name) == ["lock-held-at-exit"])
}

@Test func aPersistingViolationIsReportedAtEveryLaterMicroStep() {
    // Full and incremental checks both report it again at each new location, so scenarios see it where they did.
    let incremental = fires(.incremental) { m in try! m.mount.allocator.reserve(1) }
    #expect(Set(incremental.map { $0.components(separatedBy: ":").first! }).count > 3)
}

// MARK: - The sweep

@Test func theSweepCatchesAViolationMadeFarAwayWhileChecksWereOff() {
    let m = machine(.incremental, bs: k1)
    m.invariantChecking = false
    m.mapping.folio(containing: far)!.dataDirty[3] = true   // not uptodate, over a hole
    m.invariantChecking = true
    // The next step touches offset 0 only: the incremental check has no record of the far folio.
    #expect(m.perform(.pwrite(offset: 0, data: filled("c", 100))) == OperationResult(value: 100))
    #expect(m.violations.isEmpty)
    m.sweepInvariants()
    #expect(m.violations.map(\.name) == ["dirty-not-uptodate"])
    #expect(m.violations.first?.location == "end of pwrite")
    #expect(m.violations.first?.detail.contains("data at \(far + 3 * k1)") == true)
}

@Test func theSweepFindsNothingNewOnAConsistentMachine() {
    let m = machine(.incremental)
    m.sweepInvariants()
    #expect(m.violations.isEmpty)
}

@Test func checksOffRecordNothing() {
    let m = machine(.off)
    try! m.mount.allocator.reserve(1)
    m.perform(.fsync)
    #expect(m.violations.isEmpty)
    #expect(m.mapping.changes.folios.isEmpty)
}
