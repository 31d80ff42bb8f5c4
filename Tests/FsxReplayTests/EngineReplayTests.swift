import Foundation
import Testing
import IomapEngine
@testable import FsxReplay

// MARK: - the engine against the kernel's records

/// Seek-map differences that remain between the engine and Linux 6.18, each with its reason
/// (the spec's fidelity notes explain them). Empty: the engine matches the kernel exactly.
let expectedSeekDifferences: [String: String] = [:]

@Test("engine replay matches the kernel: sizes, read hashes, final content and seek map", arguments: SharedLogs.cases)
func engineMatchesKernel(c: LogCase) throws {
    let log = try SharedLogs.log(c.name)
    let kernel = try SharedLogs.kernel(c.name, blockSize: c.blockSize)
    let file = EngineFile(blockSize: c.blockSize)
    let engine = try FsxReplayer.replay(log, on: file)
    #expect(file.violations.isEmpty, listing(file.violations, first: 5))
    let differences = engine.differences(from: kernel)
    let content = differences.filter { !$0.isSeekMap }
    #expect(content.isEmpty, listing(content, first: 5))
    let seek = differences.filter(\.isSeekMap)
    if let reason = expectedSeekDifferences[c.testDescription] {
        #expect(!seek.isEmpty, "expected seek-map difference no longer occurs (\(reason)): remove it from the list")
    } else {
        #expect(seek.isEmpty, listing(seek))
    }
}

@Test("engine replay JSONL is byte for byte the kernel's file", arguments: SharedLogs.cases)
func engineJSONLBytes(c: LogCase) throws {
    let log = try SharedLogs.log(c.name)
    let path = "\(SharedLogs.directory)/\(c.name).xfs\(c.blockSize / 1024)k.jsonl"
    let engine = try FsxReplayer.replay(log, on: EngineFile(blockSize: c.blockSize))
    guard expectedSeekDifferences[c.testDescription] == nil else { return }
    let kernelText = try String(decoding: readWholeFile(path), as: UTF8.self)
    #expect(engine.jsonl == kernelText)
}

@Test("the file device gives the same replay as the memory device", arguments: SharedLogs.names)
func fileDeviceSameAsMemory(name: String) throws {
    let log = try SharedLogs.log(name)
    let path = "/tmp/iomapspec-fsx-test-\(getpid())-" + name.replacingOccurrences(of: "/", with: "-") + ".dev"
    defer { unlink(path) }
    let device = try FileBlockDevice(path: path, sizeBytes: 64 << 20, create: true)
    let onFile = try FsxReplayer.replay(log, on: EngineFile(blockSize: 4096, device: device))
    let inMemory = try FsxReplayer.replay(log, on: EngineFile(blockSize: 4096))
    #expect(onFile == inMemory)
}

@Test("engine vs running kernel cross-check on a fresh XFS loop image (skips with the reason when impossible)",
      .disabled(if: kernelUnavailable != nil, Comment(rawValue: "skipped: \(kernelUnavailable ?? "")")),
      arguments: SharedLogs.cases)
func engineCrosscheck(c: LogCase) throws {
    let check = try FsxCrosscheck.run(try SharedLogs.log(c.name), blockSize: c.blockSize)
    let content = check.differences.filter { !$0.isSeekMap }
    #expect(check.violations.isEmpty, listing(check.violations, first: 5))
    #expect(content.isEmpty, listing(content, first: 5))
    if expectedSeekDifferences[c.testDescription] == nil {
        #expect(check.differences.isEmpty, listing(check.differences))
    }
}

@Test("incremental invariant checks replay exactly as full checks, and the final sweep finds nothing", arguments: [1024, 4096])
func incrementalChecksReplayLikeFullChecks(blockSize: Int) throws {
    var g = FsxLogGenerator(seed: 7)
    let log = try FsxLog.parse(g.log(operations: 400), path: "generated-400-seed7")
    let full = EngineFile(blockSize: blockSize, check: .full)
    let incremental = EngineFile(blockSize: blockSize)
    #expect(try FsxReplayer.replay(log, on: incremental) == FsxReplayer.replay(log, on: full))
    #expect(incremental.violations.isEmpty && full.violations.isEmpty)
}

@Test("the final hash from the cache and extent map equals a whole-file read through the page cache")
func finalHashEqualsAReadOfTheWholeFile() throws {
    var g = FsxLogGenerator(seed: 11)
    g.maxFileLength = 4 << 20
    let log = try FsxLog.parse(g.log(operations: 300), path: "generated-300-4m-seed11")
    for bs in [1024, 4096] {
        let file = EngineFile(blockSize: bs)
        _ = try FsxReplayer.replay(log, on: file)
        let size = try file.fileSize()
        var read = SHA256()
        var pos = 0
        while pos < size {   // what the recorder does: pread(2) through the cache, 1 MiB at a time
            let bytes = try file.pread(offset: pos, length: min(1 << 20, size - pos))
            read.update(bytes)
            pos += bytes.count
        }
        #expect(try file.wholeFileSHA256(size: size) == read.finalize())
    }
}
