import Foundation
import IomapEngine
import Testing
@testable import FsxReplay

// MARK: - Issue 14's fsx reproducers: a positioned error or the kernel's own replay, never a trap or silence

/// The parse error of `text`, as printed; nil when it parses.
func fsxError(_ text: String) -> String? {
    do { _ = try FsxLog.parse(text, path: "r.fsxops"); return nil } catch { return error.description }
}

@Test("offsets, lengths and sizes past 1 GiB are FILE:line:column errors, not overflow traps")
func fsxLimits() {
    #expect(fsxError("write 0xfffffffffffffff 0x1 0x0")
            == "r.fsxops:1:7: expected a number at most 0x40000000 (1 GiB, the largest file the replayer models), found 0xfffffffffffffff")
    #expect(fsxError("truncate 0x0 0xfffffffffff 0x0\nwrite 0x0 0x1 0xfffffffffff")
            == "r.fsxops:1:14: expected a number at most 0x40000000 (1 GiB, the largest file the replayer models), found 0xfffffffffff")
    #expect(fsxError("punch_hole 0x3ffff000 0x2000 0x0")
            == "r.fsxops:1:23: expected offset + length at most 0x40000000 (1 GiB, the largest file the replayer models), found 0x3ffff000 + 0x2000")
    #expect(fsxError("read 0x0 0x4000001 0x0") == "r.fsxops:1:10: expected a read length at most 0x4000000 (64 MiB), found 0x4000001")
    #expect(fsxError("write 0x0 0x1 0x4000001 0x0") == "r.fsxops:1:25: expected end of line")
    // The limits themselves are accepted: a 1 GiB fallocate (ENOSPC on the engine's device) parses.
    #expect(fsxError("fallocate 0x0 0x40000000 0x0") == nil)
}

@Test("every shared log with CRLF line endings replays exactly as with LF", arguments: SharedLogs.names)
func crlfLogsReplayAsLF(name: String) throws {
    let lf = try readWholeFile("\(SharedLogs.directory)/\(name).fsxops")
    let crlf = lf.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
    let a = try FsxLog.parse(bytes: lf, path: "\(name).fsxops")
    let b = try FsxLog.parse(bytes: crlf, path: "\(name).fsxops")
    #expect(b.operations == a.operations)
    #expect(b.operations.count > 100)
    let kernel = try SharedLogs.kernel(name, blockSize: 4096)
    #expect(try FsxReplayer.replay(b, on: EngineFile(blockSize: 4096)).differences(from: kernel).isEmpty)
}

@Test("a CR anywhere but before the line feed is an error, and so is any unknown or malformed line")
func fsxMalformedLines() {
    #expect(fsxError("write 0x0\r 0x1 0x0") == "r.fsxops:1:7: expected hexadecimal number (0x...)")
    #expect(fsxError("write 0x0 0x1 0x0\nWRITE 0x0 0x1 0x0") == "r.fsxops:2:1: expected operation name")
    #expect(fsxError("write 0x0 0x1 0x0\ndedupe_range 0x0 0x1 0x0") == "r.fsxops:2:1: unsupported operation dedupe_range")
    #expect(fsxError("\u{0}write 0x0 0x1 0x0") == "r.fsxops:1:1: expected operation name")
    #expect(fsxError("write 0x0 0x1") == "r.fsxops:1:14: expected hexadecimal number (0x...)")
}

@Test("the data pattern of the largest accepted offset does not overflow")
func patternAtTheLimit() {
    let o = FsxLog.maxFileSize - 1
    #expect(fsxPattern(line: 1_000_000, offset: o, length: 1) == [fsxPatternByte(line: 1_000_000, offset: o)])
}
