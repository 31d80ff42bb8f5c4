import Foundation
import Testing
@testable import IomapEngine

// MARK: - The interleaving explorer on the engine alone

/// The xfs/559 race of Spec/05 on three folios, with no schedule: a write over unwritten extents, writeback of
/// the last folio, reclaim of it.
func xfs559(_ patches: PatchSet) -> ExploreProgram {
    let w = Operation.pwrite(offset: 0, data: [UInt8](repeating: UInt8(ascii: "W"), count: 8193))
    return ExploreProgram(
        config: EngineConfig(patches: patches),
        setup: [.fallocate(offset: 0, length: 12288, keepSize: false),
                .pwrite(offset: 12287, data: [UInt8(ascii: "X")])],
        actors: [ExploreActor(name: "T1", ops: [w]),
                 ExploreActor(name: "T2", ops: [.writeback(offset: 8192, length: 4096),
                                                .reclaim(offset: 8192, length: 4096)])],
        epilogue: [.writeback(offset: 0, length: 12288)],
        range: ByteRange(start: 0, end: 12288))
}

/// The content the race must leave whatever the order: W over the write, zeroes, the X of set-up.
func xfs559Check(_ m: Machine, _ results: [[OperationResult]]) -> [String] {
    let want = [UInt8](repeating: UInt8(ascii: "W"), count: 8193) + [UInt8](repeating: 0, count: 4094) + [UInt8(ascii: "X")]
    return m.fileContent(ByteRange(start: 0, end: 12288)) == want ? [] : ["file 0 12k differs"]
}

@Test func explorerSeriesXfs559IsClean() {
    let r = Explorer(program: xfs559(.series), options: ExploreOptions(mode: .exhaustive(preemptions: 2)),
                     check: xfs559Check).run()
    #expect(r.violations.map(\.failures) == [])
    #expect(r.stats.exhausted)
    #expect(r.stats.schedules > 10)
    #expect(r.stats.pruned > 0)
}

@Test func explorerFindsXfs559WithoutValidityCookie() {
    let r = Explorer(program: xfs559(PatchSet.series.without([.validityCookie])),
                     options: ExploreOptions(mode: .exhaustive(preemptions: 2)), check: xfs559Check).run()
    #expect(!r.violations.isEmpty)
    #expect(r.violations.first?.failures.contains(.property("file 0 12k differs")) == true)
}

@Test func explorerIsDeterministic() {
    let p = xfs559(PatchSet.series.without([.validityCookie]))
    let a = Explorer(program: p, options: ExploreOptions(mode: .exhaustive(preemptions: 2)), check: xfs559Check).run()
    let b = Explorer(program: p, options: ExploreOptions(mode: .exhaustive(preemptions: 2)), check: xfs559Check).run()
    #expect(a.violations.map(\.choices) == b.violations.map(\.choices))
    var sa = a.stats, sb = b.stats
    sa.seconds = 0; sb.seconds = 0
    #expect(sa == sb)
}

/// Without pruning, the shards' schedules are disjoint and together exactly the unsharded run's.
@Test func explorerShardsPartitionTheSchedules() {
    let p = xfs559(PatchSet.series)
    var o = ExploreOptions(mode: .exhaustive(preemptions: 1))
    o.prune = false
    let all = Explorer(program: p, options: o, check: xfs559Check).run(logSchedules: true).scheduleLog
    var union: [[Int]] = []
    for i in 0..<3 {
        var s = o
        s.shard = (i, 3)
        union += Explorer(program: p, options: s, check: xfs559Check).run(logSchedules: true).scheduleLog
    }
    #expect(all.count > 3)
    #expect(Set(union) == Set(all))
    #expect(union.count == all.count)
}

/// PCT: same seed, same schedules; it finds the xfs/559 violation with the cookie reverted.
@Test func explorerPCTIsSeeded() {
    let p = xfs559(PatchSet.series.without([.validityCookie]))
    let o = ExploreOptions(mode: .pct(runs: 60, seed: 7, depth: 3))
    let a = Explorer(program: p, options: o, check: xfs559Check).run(logSchedules: true)
    let b = Explorer(program: p, options: o, check: xfs559Check).run(logSchedules: true)
    #expect(a.scheduleLog == b.scheduleLog)
    #expect(!a.violations.isEmpty)
    #expect(!a.stats.exhausted)
}
