import Testing
@testable import FsxReplay

// MARK: - the running kernel against the shared kernel records

/// Why the real-kernel replay cannot run here, or nil.
let kernelUnavailable: String? = XfsScratch.unavailableReason()

@Test("the running kernel on a fresh XFS loop image reproduces the shared records, seek map included",
      .disabled(if: kernelUnavailable != nil, Comment(rawValue: "skipped: \(kernelUnavailable ?? "")")),
      arguments: SharedLogs.cases)
func kernelMatchesSharedRecords(c: LogCase) throws {
    let log = try SharedLogs.log(c.name)
    let expected = try SharedLogs.kernel(c.name, blockSize: c.blockSize)
    let actual = try FsxReplayer.replayOnKernel(log, blockSize: c.blockSize)
    let differences = actual.differences(from: expected)
    #expect(differences.isEmpty, "\(differences.prefix(5).map(\.description).joined(separator: "\n"))")
}
