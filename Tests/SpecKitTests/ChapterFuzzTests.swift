import Foundation
import IomapEngine
import Testing
@testable import SpecKit

// MARK: - A seeded mutation fuzzer over the real chapters

/// `IOMAPSPEC_FUZZ_CASES` (default 300: a few seconds) mutants of the chapters, each parsed as a whole spec and
/// the scenarios it touched run; `IOMAPSPEC_FUZZ_SEED` picks another sequence.
///
/// For every mutant: no crash (the engine's arithmetic traps on overflow, so a crash stops this process),
/// no hang (each case under `FuzzBudget.seconds`), every diagnostic at a real `file:line:column` of the mutant,
/// and no silent accept (a mutant with fewer scenario/params/excerpt blocks than keyword fence lines must have
/// a diagnostic).
enum FuzzBudget {
    static var cases: Int { Int(ProcessInfo.processInfo.environment["IOMAPSPEC_FUZZ_CASES"] ?? "") ?? 300 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["IOMAPSPEC_FUZZ_SEED"] ?? "") ?? 0x10AA }
    /// Per-case limit: parse and the runs of the scenarios the mutation touched.
    static let seconds = 10.0
    /// Scenarios moving more bytes than this are legal but the performance issue's to make fast: parsed, not run.
    static let runTransferBudget = 4 << 20
}

/// The engine's seeded SplitMix64, so a failing case can be replayed from its seed and index.
typealias SplitMix = SplitMix64

/// The mutations, each a kind of mistake or attack the issue names.
enum ChapterMutation: CaseIterable {
    case extremeNumber, deleteLine, duplicateLine, insertLine, indentLine, truncate, flipByte, misspellFence,
         hugeRun, dropClosingPipe, swapLines

    static let extremes = ["9223372036854775807", "4611686018427387904", "4611686018427387903", "99999999999999999999",
                           "0x+1000", "0x-16", "-1", "0xfffffffffffffff", "65m", "0", "18446744073709551616"]
    static let lines = ["<div>", "<!-- open", "- ", "> ", "    ", "```", "```scenaro t/typo", "    ```scenario t/indented",
                        "<details>", "1. item", "~~~", "# ", "![x](https://example.invalid/x.png)", "- " + String(repeating: "- ", count: 3000)]

    /// Applies the mutation to `lines`; returns the 0-based line it touched.
    func apply(_ lines: inout [String], _ rng: inout SplitMix) -> Int {
        guard !lines.isEmpty else { lines = ["x"]; return 0 }
        let i = Int.random(in: 0..<lines.count, using: &rng)
        switch self {
        case .extremeNumber:
            let words = lines[i].split(separator: " ", omittingEmptySubsequences: false)
            let numeric = words.indices.filter { words[$0].first?.isNumber == true }
            guard let w = numeric.randomElement(using: &rng) else { fallthrough }
            var ws = words.map(String.init)
            let e = Self.extremes.randomElement(using: &rng)!
            ws[w] = ws[w].contains("*") ? ws[w].split(separator: "*")[0] + "*" + e : e
            lines[i] = ws.joined(separator: " ")
        case .deleteLine: lines.remove(at: i)
        case .duplicateLine: lines.insert(lines[i], at: i)
        case .insertLine: lines.insert(Self.lines.randomElement(using: &rng)!, at: i)
        case .indentLine: lines[i] = "    " + lines[i]
        case .truncate:
            let text = lines[i...].joined(separator: "\n")
            lines = Array(lines[..<i]) + [String(text.prefix(Int.random(in: 0...min(text.count, 200), using: &rng)))]
        case .flipByte:
            guard !lines[i].isEmpty else { lines[i] = "\u{0B}"; return i }
            var chars = Array(lines[i])
            let c = Int.random(in: 0..<chars.count, using: &rng)
            chars[c] = Character(Unicode.Scalar(UInt8.random(in: 0...126, using: &rng)))
            lines[i] = String(chars)
        case .misspellFence:
            guard let f = lines.indices.filter({ lines[$0].hasPrefix("```") && lines[$0].count > 3 }).randomElement(using: &rng) else { fallthrough }
            var chars = Array(lines[f])
            chars.remove(at: Int.random(in: 3..<chars.count, using: &rng))
            lines[f] = String(chars)
            return f
        case .hugeRun:
            lines[i] = lines[i].replacingOccurrences(of: "*4k", with: "*" + ["99999999999", "9223372036854775807", "64m"].randomElement(using: &rng)!)
        case .dropClosingPipe:
            if lines[i].hasSuffix("|") { lines[i].removeLast() }
        case .swapLines:
            let j = Int.random(in: 0..<lines.count, using: &rng)
            lines.swapAt(i, j)
        }
        return i
    }
}

/// What one mutant did.
enum FuzzOutcome: Equatable {
    case accepted, rejected
    case badPosition(String)
    case hang(Double)
    case silent(String)
}

/// Lines that open a keyword block exactly as written (an oracle independent of cmark and of `FenceScanner`).
func keywordFenceCount(_ text: String) -> Int {
    ChapterParser.sourceLines(text).filter { line in
        let t = line.drop { " \t>-*+.)0123456789".contains($0) }
        guard let c = t.first, c == "`" || c == "~" else { return false }
        let fence = t.prefix { $0 == c }
        guard fence.count >= 3 else { return false }
        let word = t.dropFirst(fence.count).drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
        return BlockKeyword(rawValue: String(word)) != nil
    }.count
}

/// Bytes a scenario moves through memory: what decides whether the fuzzer runs it.
func transferBytes(_ s: Scenario) -> Int {
    s.steps.reduce(0) { total, step in
        guard case .operation(let op) = step.action.kind else { return total }
        switch op {
        case let .pwrite(_, d, _), let .mmapStore(_, d): return total + d.count
        case let .pread(_, l), let .mmapLoad(_, l), let .readahead(_, l): return total + l
        default: return total
        }
    } + s.steps.flatMap { $0.cells.flatMap(\.expectations) }.reduce(0) { $0 + ScenarioRunner.reach($1.kind) }
}

/// Parses `mutant` as the whole spec and runs the scenarios and tables whose lines include `touched` (0-based).
func fuzzOne(file: String, mutant: String, touched: Int) -> FuzzOutcome {
    let start = Date()
    let spec = SpecLoader.load(files: [(file, mutant)], root: packageRoot, complete: true)
    let lineCount = ChapterParser.sourceLines(mutant).count
    for d in spec.diagnostics where d.location.file != file || d.location.line < 1 || d.location.line > lineCount + 1
        || d.location.column < 1 {
        return .badPosition(d.description)
    }
    let line = touched + 1
    for s in spec.scenarios where s.location.line <= line && line <= (s.steps.last?.location.line ?? s.location.line) + 1 {
        if transferBytes(s) <= FuzzBudget.runTransferBudget { _ = ScenarioRunner.run(s) }
    }
    for t in spec.parameterTables where t.location.line <= line && line <= (t.rows.last?.location.line ?? t.location.line) + 1 {
        _ = ParameterRunner.run(t)
    }
    let elapsed = Date().timeIntervalSince(start)
    if elapsed > FuzzBudget.seconds { return .hang(elapsed) }
    if !spec.diagnostics.isEmpty { return .rejected }
    let blocks = spec.scenarios.count + spec.parameterTables.count + spec.chapters.flatMap(\.excerpts).count
        + spec.chapters.flatMap(\.explorations).count
    let fences = keywordFenceCount(mutant)
    if blocks < fences { return .silent("\(fences) keyword fences, \(blocks) blocks, no diagnostic") }
    return .accepted
}

/// The seeds: every chapter and the format reference, as the spec files they are.
let fuzzSeeds: [(file: String, text: String)] = {
    let spec = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Spec")) ?? []
    return spec.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
        (try? String(contentsOfFile: packageRoot + "/Spec/" + name, encoding: .utf8)).map { ("Spec/" + name, $0) }
    } + [("Spec/90-scenario-format.md", (try? String(contentsOfFile: packageRoot + "/Docs/scenario-format.md", encoding: .utf8)) ?? "")]
}()

@Test("chapter fuzzer: seeded mutants never crash, hang, misplace an error or vanish silently")
func chapterFuzzer() {
    #expect(fuzzSeeds.count >= 7, "the seeds are the chapters and Docs/scenario-format.md")
    var rng = SplitMix(seed: FuzzBudget.seed)
    var counts: [String: Int] = [:]
    var failures: [String] = []
    for n in 0..<FuzzBudget.cases {
        let seed = fuzzSeeds[Int.random(in: 0..<fuzzSeeds.count, using: &rng)]
        var lines = ChapterParser.sourceLines(seed.text).map(String.init)
        var touched = 0
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            touched = ChapterMutation.allCases.randomElement(using: &rng)!.apply(&lines, &rng)
        }
        let mutant = lines.joined(separator: "\n")
        if n > 0, n % 10_000 == 0 { print("chapter fuzzer: \(n) cases, \(failures.count) failures so far") }
        let outcome = fuzzOne(file: seed.file, mutant: mutant, touched: touched)
        switch outcome {
        case .accepted: counts["accepted", default: 0] += 1
        case .rejected: counts["rejected", default: 0] += 1
        case .badPosition(let d): failures.append("case \(n) (\(seed.file)): error without its position: \(d)")
        case .hang(let s): failures.append("case \(n) (\(seed.file)): took \(s) s")
        case .silent(let why): failures.append("case \(n) (\(seed.file)): silently accepted: \(why)")
        }
    }
    print("chapter fuzzer: \(FuzzBudget.cases) cases, seed \(FuzzBudget.seed): \(counts["accepted", default: 0]) accepted, "
          + "\(counts["rejected", default: 0]) rejected with positioned errors, \(failures.count) failures (crashes stop the process)")
    #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
}
