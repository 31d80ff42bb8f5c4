import Foundation
import Testing
@testable import FsxReplay

// MARK: - JSONL format

@Test("re-rendering each shared kernel JSONL file reproduces it byte for byte", arguments: SharedLogs.cases)
func jsonlRoundTrip(c: LogCase) throws {
    let path = "\(SharedLogs.directory)/\(c.name).xfs\(c.blockSize / 1024)k.jsonl"
    let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    let parsed = try FsxReplayResult.parseJSONL(text, path: path)
    #expect(parsed.jsonl == text)
}

@Test("record lines use the shared files' key order")
func jsonlLines() {
    #expect(FsxOpRecord(n: 5, op: "write", size: 52471).jsonLine == #"{"n": 5, "op": "write", "size": 52471}"#)
    #expect(FsxOpRecord(n: 19, op: "read", size: 21167, sha256: "ab").jsonLine
        == #"{"n": 19, "op": "read", "sha256": "ab", "size": 21167}"#)
    #expect(FsxFinalRecord(size: 0, sha256: "e3", seek: []).jsonLine == #"{"final": {"size": 0, "sha256": "e3", "seek": []}}"#)
    #expect(FsxFinalRecord(size: 9, sha256: "x", seek: [FsxSegment(0, 4), FsxSegment(6, 9)]).jsonLine
        == #"{"final": {"size": 9, "sha256": "x", "seek": [[0, 4], [6, 9]]}}"#)
}

@Test("a JSONL line that is not an object names its line")
func jsonlBadLine() {
    #expect(throws: FsxReplayError.self) { try FsxReplayResult.parseJSONL("{\"n\": 1, \"op\": \"write\", \"size\": 1}\nnope\n", path: "k.jsonl") }
    do { _ = try FsxReplayResult.parseJSONL("{\"n\": 1}\n", path: "k.jsonl") } catch {
        #expect("\(error)" == "k.jsonl:1:1: expected {n, op, size[, sha256]}")
    }
}
