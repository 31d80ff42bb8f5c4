import Foundation
@testable import IomapEngine
import Testing
@testable import SpecKit

// MARK: - State capture: a copied set-up is the set-up run again

/// For every explore block's set-up (and the series with each `without` switch off), the machine copied from the
/// set-up's state dumps exactly as the machine that ran it: every stored property of every engine object, found
/// by reflection, so a field the copy forgets fails here.
@Test func capturedSetUpDumpsAsTheOriginal() throws {
    var checked = 0
    for e in loadedSpec.chapters.flatMap(\.explorations) {
        for off in [[]] + e.without.map({ [$0.patch] }) {
            let p = ExploreRunner.program(e, off: off)
            let original = ScheduleRun.setUp(p)
            let copy = try #require(original.capturedCopy(), "\(e.id): set-up state not copyable")
            var a = "", b = ""
            dump(original, to: &a)
            dump(copy, to: &b)
            let same = a == b
            #expect(same, "\(e.id) \(off): the copy differs:\n\(firstDifference(a, b))")
            checked += 1
        }
    }
    #expect(checked >= 13)
}

/// With the set-up captured or run again for each schedule, every explore block gives the same figures and the
/// same violating schedules.
@Test func capturedSetUpExploresAsReplay() {
    for e in loadedSpec.chapters.flatMap(\.explorations) {
        for off in [[]] + e.without.map({ [$0.patch] }) {
            let p = ExploreRunner.program(e, off: off)
            func explore(_ capture: Bool) -> ExploreResult {
                var o = ExploreOptions(mode: .exhaustive(preemptions: e.preemptions))
                o.captureSetup = capture
                return Explorer(program: p, options: o) { _, _ in [] }.run(logSchedules: true)
            }
            var (a, b) = (explore(true), explore(false))
            a.stats.seconds = 0
            b.stats.seconds = 0
            #expect(a.stats == b.stats, "\(e.id) \(off)")
            #expect(a.scheduleLog == b.scheduleLog, "\(e.id) \(off)")
            #expect(a.violations.map(\.choices) == b.violations.map(\.choices), "\(e.id) \(off)")
        }
    }
}

/// A machine with an actor mid-operation cannot be copied (its state is a stack).
@Test func machineWithAnActorIsNotCopied() {
    let m = Machine(config: EngineConfig())
    _ = m.start(actor: "W", .pwrite(offset: 0, data: [UInt8](repeating: 1, count: 4096)), until: PauseTarget(point: .copied, pos: nil))
    #expect(m.capturedCopy() == nil)
    m.abandonActors()
}

/// The first line where two dumps differ, with its neighbours.
func firstDifference(_ a: String, _ b: String) -> String {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false)
    let y = b.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(x.count, y.count) where i >= x.count || i >= y.count || x[i] != y[i] {
        let lo = max(0, i - 3)
        return "original: " + x[lo..<min(x.count, i + 2)].joined(separator: "\n") + "\ncopy: " + y[lo..<min(y.count, i + 2)].joined(separator: "\n")
    }
    return ""
}
