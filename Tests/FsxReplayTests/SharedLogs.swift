import Foundation
import Testing
@testable import FsxReplay

/// The shared fsx logs, found at `../shared/fsx` beside the repository root.
enum SharedLogs {
    /// `<repo>/../shared/fsx`, from this file's path.
    static var directory: String {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/fsx").path
    }

    /// Log base names (`sample101`..., `collapse-insert/sample104`), sorted; empty when the directory is missing.
    ///
    /// The logs of `directory` itself and of its subdirectories one level down (`collapse-insert/`).
    static var names: [String] {
        func logs(in sub: String) -> [String] {
            let dir = sub.isEmpty ? directory : "\(directory)/\(sub)"
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            return files.filter { $0.hasSuffix(".fsxops") }.map { (sub.isEmpty ? "" : sub + "/") + $0.dropLast(".fsxops".count) }
        }
        var isDirectory: ObjCBool = false
        let subdirectories = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            FileManager.default.fileExists(atPath: "\(directory)/\($0)", isDirectory: &isDirectory) && isDirectory.boolValue
        }
        return (logs(in: "") + subdirectories.flatMap(logs)).sorted()
    }

    /// Why the shared logs cannot be used, or nil.
    static var missingReason: String? {
        names.isEmpty ? "no *.fsxops in \(directory): clone the shared/ directory beside the repository" : nil
    }

    static func log(_ name: String) throws -> FsxLog { try FsxLog.load(path: "\(directory)/\(name).fsxops") }

    /// The kernel's record for `name` at `blockSize` (1024 → xfs1k, 4096 → xfs4k).
    static func kernel(_ name: String, blockSize: Int) throws -> FsxReplayResult {
        try FsxReplayResult.loadJSONL(path: "\(directory)/\(name).xfs\(blockSize / 1024)k.jsonl")
    }

    /// The kernel's cold record (after a remount) for `name` at `blockSize` (`*.xfs1k.cold.jsonl`).
    static func kernelCold(_ name: String, blockSize: Int) throws -> FsxReplayResult {
        try FsxReplayResult.loadJSONL(path: "\(directory)/\(name).xfs\(blockSize / 1024)k.cold.jsonl")
    }

    /// Every (log, block size) pair the tests replay.
    static var cases: [LogCase] {
        names.flatMap { n in [LogCase(name: n, blockSize: 1024), LogCase(name: n, blockSize: 4096)] }
    }
}

/// One shared log at one block size.
struct LogCase: CustomTestStringConvertible, Sendable {
    var name: String
    var blockSize: Int
    var testDescription: String { "\(name) bs=\(blockSize)" }
}


/// What a failed expectation prints: the first `first` items (all by default), one a line.
func listing<T: CustomStringConvertible>(_ items: [T], first: Int = .max) -> Comment {
    Comment(rawValue: items.prefix(first).map(\.description).joined(separator: "\n"))
}
