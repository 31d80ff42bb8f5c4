import Testing
@testable import SpecKit

// MARK: - Every scenario and parameter table of every chapter, one test case each

/// The spec parses without a single diagnostic (each one printed with its file:line:column).
@Test func specHasNoErrors() {
    for d in loadedSpec.diagnostics { Issue.record("\(d)") }
    #expect(!loadedSpec.chapters.isEmpty)
}

/// Runs one scenario (all its variants) or checks one parameter table row by row.
///
/// Select a single one with `IOMAPSPEC_SCENARIO=<id> swift test --filter SpecKitTests.scenario` (an id or an alias).
@Test(arguments: scenarioCases)
func scenario(_ c: ScenarioCase) {
    if let s = loadedSpec.scenario(named: c.id) {
        let r = ScenarioRunner.run(s)
        for line in r.failureLines { Issue.record(Comment(rawValue: line)) }
        #expect(r.variants.count == s.variantNames.count)
    } else if let t = loadedSpec.parameterTable(named: c.id) {
        let r = ParameterRunner.run(t)
        for line in r.failureLines { Issue.record(Comment(rawValue: line)) }
        #expect(r.rows.count == t.rows.count)
    } else {
        Issue.record("no scenario or parameter table with id '\(c.id)' (IOMAPSPEC_SCENARIO?)")
    }
}

/// A parameter table row that disagrees with the engine's function fails, naming the cell.
@Test func parameterMismatchFails() throws {
    let md = "```params p/wrong fn=write-punch-range-bytes\n| offset | length | written | bs | start | end |\n|---|---|---|---|---|---|\n| 1000 | 5000 | 3000 | 4096 | 4096 | 8192 |\n| 1000 | 5000 | 3000 | 4096 | 4000 | 8192 |\n```\n"
    let spec = SpecLoader.load(files: [("Spec/01-p.md", md)], root: packageRoot)
    let t = try #require(spec.parameterTables.first)
    let r = ParameterRunner.run(t)
    #expect(r.rows[0].mismatches.isEmpty)
    #expect(r.failureLines == ["Spec/01-p.md:5:31: params p/wrong (write-punch-range-bytes) column start: expected 4000, actual 4096"])
}

/// A scenario whose expectation contradicts the engine fails with expected vs actual at the expectation's position.
@Test func mismatchingScenarioFails() throws {
    let spec = SpecLoader.load(files: [("Spec/01-s.md", scenarioBlock(H + row("pwrite 0 4k data=A", "ret=4096; file 0 4k = B*4k")))], root: packageRoot)
    let r = ScenarioRunner.run(try #require(spec.scenarios.first))
    #expect(r.failureLines == ["Spec/01-s.md:4:42: scenario t/one step 1 [expect]: expected file 0 4k = B*4k, actual file 0 4k = A*4k"])
}

/// `blocked=writeback@POS`: truncate locks the folio, then sleeps in `folio_wait_writeback` on IO still in flight
/// (`truncate_inode_pages_range`); the same wait is not a folio lock, and the position must match.
@Test func blockedOnWritebackIsItsOwnWaitChannel() throws {
    func run(_ blocked: String) throws -> [String] {
        let md = scenarioBlock("""
        | step | actor | action | expect |
        |---|---|---|---|
        | 1 | - | pwrite 0 4k data=A | ret=4096 |
        | 2 | A | writeback 0 4k until=io_submit | paused=io_submit |
        | 3 | B | truncate 0 | \(blocked) |
        | 4 | A | continue | done |
        | 5 | B | continue | done; size=0 |
        """)
        let spec = SpecLoader.load(files: [("Spec/01-w.md", md)], root: packageRoot)
        #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
        return ScenarioRunner.run(try #require(spec.scenarios.first)).failureLines
    }
    #expect(try run("blocked=writeback@0") == [])
    #expect(try run("blocked=writeback@4k") == ["Spec/01-w.md:6:24: scenario t/one step 3 [expect]: expected blocked=writeback@4096, actual blocked=writeback@0"])
    #expect(try run("blocked=folio@0") == ["Spec/01-w.md:6:24: scenario t/one step 3 [expect]: expected blocked=folio@0, actual blocked=writeback@0"])
}

/// `run --check`: full checks give the same results as incremental ones; with checks off, a violation the spec
/// names at its step is only found by the final sweep, so the scenario fails (the mode reaches the engine).
@Test func invariantCheckModeReachesTheEngine() throws {
    let selection = Selection(id: "invalidate-locking/truncate-fault-punch")
    let incremental = SpecRun.run(loadedSpec, selection: selection)
    let full = SpecRun.run(loadedSpec, selection: selection, check: .full)
    let off = SpecRun.run(loadedSpec, selection: selection, check: .off)
    #expect(incremental.scenarios.count == 1 && incremental.succeeded)
    #expect(full.scenarios.map(\.failureLines) == incremental.scenarios.map(\.failureLines) && full.succeeded)
    #expect(!off.succeeded, "checks off still passed")
}
