import Testing
@testable import SpecKit

// MARK: - The same scenario on the in-memory and the file block device

/// Every scenario runs again with `device=file` (a temporary regular file behind `FileBlockDevice`) and must give
/// exactly what the in-memory device gave: every check's actual value and verdict, and the state after every step.
@Test(arguments: loadedSpec.scenarios.map(\.id))
func fileBackendMatchesMemory(_ id: String) throws {
    var memory = try #require(loadedSpec.scenarios.first { $0.id == id })
    memory.settings.device = .memory
    var file = memory
    file.settings.device = .file
    let a = ScenarioRunner.run(memory), b = ScenarioRunner.run(file)
    try #require(a.variants.count == b.variants.count)
    for (va, vb) in zip(a.variants, b.variants) {
        try #require(va.steps.count == vb.steps.count, "\(id) [\(va.name)]: step count differs")
        for (sa, sb) in zip(va.steps, vb.steps) {
            let where_ = "\(id) step \(sa.label) [\(va.name)]"
            #expect(sa.checks.map(\.actual) == sb.checks.map(\.actual), "\(where_): checks differ")
            #expect(sa.checks.map(\.passed) == sb.checks.map(\.passed), "\(where_): verdicts differ")
            #expect(sa.unexpectedViolations == sb.unexpectedViolations, "\(where_): violations differ")
            let x = sa.snapshot, y = sb.snapshot
            #expect([x.status, x.cache, x.extents, x.cow, x.disk, x.file, x.seq, x.iomap] ==
                    [y.status, y.cache, y.extents, y.cow, y.disk, y.file, y.seq, y.iomap], "\(where_): state differs")
            #expect(x.size == y.size && x.reserved == y.reserved, "\(where_): size or reservation differs")
            #expect(x.events == y.events, "\(where_): kernel-call trace differs")
        }
    }
}
