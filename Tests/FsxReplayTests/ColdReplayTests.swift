import Testing
import IomapEngine
@testable import FsxReplay

// MARK: - cold caches: the final record after a remount (shared/fsx/*.cold.jsonl)

/// Cold seek maps where 6.2 (the engine) and Linux 6.18 (the records) differ, and why (spec: overview/fidelity).
///
/// 6.2's `iomap_writepage_map` writes back every uptodate block of a dirty folio, so zero blocks a read made
/// uptodate over an unwritten extent are converted to written; 6.6's per-block dirty tracking writes only the
/// dirty ones, so 6.18 keeps them unwritten and a cold SEEK_DATA skips them. Only 1k blocks (4 blocks a folio).
let expectedColdSeekDifferences: [String: String] = [
    "sample101 bs=1024": "6.2 writes back uptodate zero blocks of dirty folios (6.6+: dirty blocks only)",
    "sample102 bs=1024": "6.2 writes back uptodate zero blocks of dirty folios (6.6+: dirty blocks only)",
    "collapse-insert/sample104 bs=1024": "6.2 writes back uptodate zero blocks of dirty folios (6.6+: dirty blocks only)",
]

/// `a` minus `b`, both sorted disjoint segment lists.
func subtract(_ a: [FsxSegment], _ b: [FsxSegment]) -> [FsxSegment] {
    var out: [FsxSegment] = []
    for s in a {
        var start = s.start
        for c in b where c.end > start && c.start < s.end {
            if c.start > start { out.append(FsxSegment(start, c.start)) }
            start = max(start, c.end)
        }
        if start < s.end { out.append(FsxSegment(start, s.end)) }
    }
    return out
}

/// Checks that the engine's cold seek map differs from the kernel's only by the reason above: the kernel's data
/// lies inside the engine's, and every extra range is written zero blocks in the engine.
func expectOnlyWrittenZeroBlocksDiffer(engine: [FsxSegment], kernel: [FsxSegment], file: EngineFile) throws {
    #expect(engine != kernel, "expected cold seek-map difference no longer occurs: remove it from the list")
    #expect(subtract(kernel, engine).isEmpty, "kernel data the engine reports as a hole")
    for extra in subtract(engine, kernel) {
        let range = ByteRange(start: extra.start, end: extra.end)
        for e in file.machine.extents(.data, in: range) { #expect(e.state == .written, "\(extra): \(e)") }
        #expect(try file.pread(offset: extra.start, length: extra.end - extra.start).allSatisfy { $0 == 0 }, "\(extra)")
    }
}

@Test("engine replay with --remount matches the kernel's cold records (seek map on the cold cache)",
      arguments: SharedLogs.cases)
func engineMatchesKernelCold(c: LogCase) throws {
    let log = try SharedLogs.log(c.name)
    let kernel = try SharedLogs.kernelCold(c.name, blockSize: c.blockSize)
    let file = EngineFile(blockSize: c.blockSize)
    let engine = try FsxReplayer.replay(log, on: file, cold: true)
    #expect(file.violations.isEmpty, listing(file.violations, first: 5))
    let differences = engine.differences(from: kernel)
    let content = differences.filter { !$0.isSeekMap }
    #expect(content.isEmpty, listing(content, first: 5))
    if expectedColdSeekDifferences[c.testDescription] != nil {
        try expectOnlyWrittenZeroBlocksDiffer(engine: engine.final.seek, kernel: kernel.final.seek, file: file)
    } else {
        #expect(engine.final.seek == kernel.final.seek, listing(differences))
        #expect(engine.jsonl == (try FsxReplayResult.loadJSONL(
            path: "\(SharedLogs.directory)/\(c.name).xfs\(c.blockSize / 1024)k.cold.jsonl")).jsonl)
    }
}

@Test("the warm and the cold record differ in the seek map only: the remount drops the cache", arguments: SharedLogs.cases)
func coldDiffersFromWarmInSeekOnly(c: LogCase) throws {
    let log = try SharedLogs.log(c.name)
    let warm = try FsxReplayer.replay(log, on: EngineFile(blockSize: c.blockSize))
    let cold = try FsxReplayer.replay(log, on: EngineFile(blockSize: c.blockSize), cold: true)
    #expect(warm.records == cold.records && warm.final.size == cold.final.size && warm.final.sha256 == cold.final.sha256)
    // every shared log has unwritten extents below EOF, cached (data) when warm, holes when cold
    #expect(warm.final.seek != cold.final.seek)
    #expect(subtract(cold.final.seek, warm.final.seek).isEmpty)
}

@Test("the running kernel, really unmounted and mounted, reproduces the shared cold records",
      .disabled(if: kernelUnavailable != nil, Comment(rawValue: "skipped: \(kernelUnavailable ?? "")")),
      arguments: SharedLogs.cases)
func kernelMatchesSharedColdRecords(c: LogCase) throws {
    let expected = try SharedLogs.kernelCold(c.name, blockSize: c.blockSize)
    let actual = try FsxReplayer.replayOnKernel(try SharedLogs.log(c.name), blockSize: c.blockSize, cold: true)
    let differences = actual.differences(from: expected)
    #expect(differences.isEmpty, listing(differences, first: 5))
}

@Test("engine vs running kernel with --remount on shared and generated logs, 1k, 2k and 4k blocks",
      .disabled(if: kernelUnavailable != nil, Comment(rawValue: "skipped: \(kernelUnavailable ?? "")")),
      arguments: SharedLogs.cases + [LogCase(name: "generated-seed3", blockSize: 2048)])
func engineCrosscheckCold(c: LogCase) throws {
    let log: FsxLog
    if c.name.hasPrefix("generated") {
        var g = FsxLogGenerator(seed: 3)
        log = try FsxLog.parse(g.log(operations: 400), path: c.name)
    } else {
        log = try SharedLogs.log(c.name)
    }
    let check = try FsxCrosscheck.run(log, blockSize: c.blockSize, cold: true)
    #expect(check.violations.isEmpty, listing(check.violations, first: 5))
    let content = check.differences.filter { !$0.isSeekMap }
    #expect(content.isEmpty, listing(content, first: 5))
    if c.blockSize < 4096 {
        // several blocks a folio: only the 6.2-vs-6.6 writeback difference above may show, kernel data ⊆ engine data
        #expect(subtract(check.kernel.final.seek, check.engine.final.seek).isEmpty, listing(check.differences))
    } else {
        #expect(check.differences.isEmpty, listing(check.differences))
    }
}
