import Testing
@testable import FsxReplay

// MARK: - generated logs: longer runs than the shared ones

@Test("generated logs are deterministic and parse")
func generatedDeterministic() throws {
    var a = FsxLogGenerator(seed: 42), b = FsxLogGenerator(seed: 42), c = FsxLogGenerator(seed: 43)
    let text = a.log(operations: 200)
    #expect(text == b.log(operations: 200))
    #expect(text != c.log(operations: 200))
    let log = try FsxLog.parse(text, path: "gen.fsxops")
    #expect(log.operations.count == 200)
    #expect(Set(log.operations.map(\.kind)).count == FsxOpKind.allCases.count)
}

@Test("the engine agrees with the content model on a generated 400-operation log (sizes, reads, final bytes)",
      arguments: [1024, 4096])
func generatedEngineVsContentModel(blockSize: Int) throws {
    var g = FsxLogGenerator(seed: 2022)
    let log = try FsxLog.parse(g.log(operations: 400), path: "gen2022.fsxops")
    let engineFile = EngineFile(blockSize: blockSize)
    let engine = try FsxReplayer.replay(log, on: engineFile)
    let model = try FsxReplayer.replay(log, on: ContentModel())
    let differences = engine.differences(from: model).filter { !$0.isSeekMap }
    #expect(differences.isEmpty, listing(differences, first: 5))
    #expect(engineFile.violations.isEmpty, listing(engineFile.violations, first: 5))
}

@Test("engine vs running kernel on generated 400-operation logs, seek map included",
      .disabled(if: kernelUnavailable != nil, Comment(rawValue: "skipped: \(kernelUnavailable ?? "")")),
      arguments: [(UInt64(1), 1024), (UInt64(2), 4096)])
func generatedCrosscheck(seed: UInt64, blockSize: Int) throws {
    var g = FsxLogGenerator(seed: seed)
    let log = try FsxLog.parse(g.log(operations: 400), path: "gen\(seed).fsxops")
    let check = try FsxCrosscheck.run(log, blockSize: blockSize)
    #expect(check.violations.isEmpty, listing(check.violations, first: 5))
    #expect(check.differences.isEmpty, listing(check.differences, first: 5))
}
