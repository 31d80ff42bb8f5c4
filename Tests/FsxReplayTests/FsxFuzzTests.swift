import Foundation
import IomapEngine
import Testing
@testable import FsxReplay

// MARK: - A seeded mutation fuzzer over the shared fsx logs

/// `IOMAPSPEC_FUZZ_CASES` (default 300) mutants of 40-line windows of the shared logs, parsed and, when small
/// enough, replayed on the engine; `IOMAPSPEC_FUZZ_SEED` picks another sequence.
///
/// For every mutant: no crash (the engine's and the pattern's arithmetic trap on overflow), no hang (each case
/// under `seconds`), a parse error at `FILE:line:column` of a real line, a replay error naming `FILE:line`, and
/// no silent accept (every executed line of the mutant is one parsed operation).
enum FsxFuzz {
    static var cases: Int { Int(ProcessInfo.processInfo.environment["IOMAPSPEC_FUZZ_CASES"] ?? "") ?? 300 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["IOMAPSPEC_FUZZ_SEED"] ?? "") ?? 0xF5A }
    static let seconds = 10.0
    /// Legal logs reaching past this are parsed only: the final whole-file read is the performance issue's.
    static let replayReach = 1 << 20
    static let window = 40

    static let extremes = ["0xfffffffffffffff", "0x7fffffffffffffff", "0x40000000", "0x3fffffff", "0x0", "0x1",
                           "0xffffffffffffffff0", "0x", "0x-1", "0x+1", "12", "0x10000", "0xfffff"]
    static let lines = ["collapse_range 0x1000 0x1000 0x4000", "skip", "write", "write 0x0 0x1 0x0 keep_size",
                        "truncate 0x1 0x0 0x0", "\u{0}", "read 0x0 0x1", "  ", "WRITE 0x0 0x1 0x0", "mapwrite 0xfff 0x1001 0x0"]

    /// The engine's seeded SplitMix64, so a failing case replays from its seed and index.
    typealias Generator = SplitMix64

    /// One mutation of the lines (byte strings without their `\n`).
    static func mutate(_ lines: inout [[UInt8]], _ rng: inout Generator) {
        guard !lines.isEmpty else { lines = [Array("write 0x0 0x1 0x0".utf8)]; return }
        let i = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:
            var words = lines[i].split(separator: 0x20, omittingEmptySubsequences: false).map(Array.init)
            let w = Int.random(in: 0..<words.count, using: &rng)
            words[w] = Array(extremes.randomElement(using: &rng)!.utf8)
            lines[i] = Array(words.joined(separator: [0x20]))
        case 1: lines.remove(at: i)
        case 2: lines.insert(lines[i], at: i)
        case 3: lines.insert(Array(Self.lines.randomElement(using: &rng)!.utf8), at: i)
        case 4: lines = lines.map { $0 + [0x0D] }
        case 5:
            guard !lines[i].isEmpty else { lines[i] = [0x0D]; return }
            lines[i][Int.random(in: 0..<lines[i].count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        case 6: lines[i] = Array("skip ".utf8) + lines[i]
        default:
            if lines[i].starts(with: Array("skip ".utf8)) { lines[i].removeFirst(5) }
        }
    }

    /// Lines fsx executed: not blank, not `skip` (an oracle independent of the parser).
    static func executedLines(_ lines: [[UInt8]]) -> Int {
        lines.filter { l in
            let words = l.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
            return !words.isEmpty && Array(words[0]) != Array("skip".utf8)
        }.count
    }
}

@Test("fsx fuzzer: seeded mutants of the shared logs never crash, hang, misplace an error or drop a line")
func fsxFuzzer() throws {
    let logs = try SharedLogs.names.map { name in
        try readWholeFile("\(SharedLogs.directory)/\(name).fsxops").split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }
    try #require(!logs.isEmpty, "the shared logs are the seeds")
    var rng = FsxFuzz.Generator(seed: FsxFuzz.seed)
    var accepted = 0, rejected = 0, replayed = 0
    var failures: [String] = []
    for n in 0..<FsxFuzz.cases {
        let log = logs.randomElement(using: &rng)!
        let from = Int.random(in: 0..<max(1, log.count - FsxFuzz.window), using: &rng)
        var lines = Array(log[from..<min(log.count, from + FsxFuzz.window)])
        for _ in 0..<Int.random(in: 1...3, using: &rng) { FsxFuzz.mutate(&lines, &rng) }
        let bytes = Array(lines.joined(separator: [0x0A]))
        // A flipped byte may be a line feed: the oracles count the lines of the bytes, as the parser does.
        lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if n > 0, n % 10_000 == 0 { print("fsx fuzzer: \(n) cases, \(failures.count) failures so far") }
        let path = "fuzz\(n).fsxops"
        let start = Date()
        do {
            let parsed = try FsxLog.parse(bytes: bytes, path: path)
            accepted += 1
            if parsed.operations.count != FsxFuzz.executedLines(lines) {
                failures.append("case \(n): \(FsxFuzz.executedLines(lines)) executed lines, \(parsed.operations.count) operations")
            }
            let reach = parsed.operations.map { $0.kind == .truncate ? $0.length : $0.offset + $0.length }.max() ?? 0
            if reach <= FsxFuzz.replayReach {
                replayed += 1
                do { _ = try FsxReplayer.replay(parsed, on: EngineFile(blockSize: [1024, 4096].randomElement(using: &rng)!)) } catch {
                    if !"\(error)".hasPrefix(path + ":") { failures.append("case \(n): replay error without FILE:line: \(error)") }
                }
            }
        } catch {
            rejected += 1
            if error.path != path || error.line < 1 || error.line > lines.count || error.column == nil {
                failures.append("case \(n): parse error without FILE:line:column of a line: \(error)")
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        if elapsed > FsxFuzz.seconds { failures.append("case \(n): took \(elapsed) s") }
    }
    print("fsx fuzzer: \(FsxFuzz.cases) cases, seed \(FsxFuzz.seed): \(accepted) parsed (\(replayed) replayed), \(rejected) rejected with positioned errors, \(failures.count) failures (crashes stop the process)")
    #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
}
