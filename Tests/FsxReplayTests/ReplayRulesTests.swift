import Testing
@testable import FsxReplay

// MARK: - the replay rules against the kernel's records, on a content-only model

@Test("replay rules + pattern reproduce the kernel's sizes, read hashes and final content",
      arguments: SharedLogs.cases)
func contentModelMatchesKernel(c: LogCase) throws {
    let log = try SharedLogs.log(c.name)
    let kernel = try SharedLogs.kernel(c.name, blockSize: c.blockSize)
    let model = try FsxReplayer.replay(log, on: ContentModel())
    let differences = model.differences(from: kernel).filter { !$0.isSeekMap }   // the model has no holes
    #expect(differences.isEmpty, listing(differences, first: 5))
}

@Test("fsx's recorded file size (third field) is the size the replay had before each operation",
      arguments: SharedLogs.names)
func recordedSizesAgree(name: String) throws {
    let log = try SharedLogs.log(name)
    let model = ContentModel()
    for op in log.operations {
        #expect(try model.fileSize() == op.recordedSize, "line \(op.line)")
        _ = try FsxReplayer.perform(op, on: model)
    }
}
