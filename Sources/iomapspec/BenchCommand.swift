import ArgumentParser
import Foundation
import FsxReplay
import HostSystem
import IomapEngine

// MARK: - iomapspec bench

/// `iomapspec bench [LOG...]`: replay throughput of the engine next to this kernel's, as ratios from one sitting.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Replay fsx logs on the engine and on this kernel, interleaved run by run; print ops/second and ratios.",
        discussion: """
            Each run replays a log (its operations, then fsync, the whole-file hash and the seek map) on every \
            column in turn, after one untimed warm-up round; figures are medians over --repeat runs. In-process \
            columns: the engine with the in-memory and the file device, and this kernel (plain system calls on a \
            fresh XFS loop image: pwrite/pread/mmap/msync/ftruncate/fallocate/lseek, the pattern written with bulk \
            copies, SHA-256 from libcrypto). Whole-process columns: `iomapspec replay LOG --format jsonl` and the \
            same binary replaying on the kernel file, each a fresh process, as `time` measures them. The kernel \
            columns need root, mkfs.xfs and losetup; otherwise they print why they are missing.
            """)

    @Argument(help: "*.fsxops logs (default: every log in ../shared/fsx).") var logs: [String] = []
    @Option(name: .customLong("block-size"), help: "Block sizes to run (default 1024 and 4096).")
    var blockSizes: [String] = []
    @Option(help: "Timed runs per figure (after one untimed warm-up round); medians are printed.") var `repeat`: Int = 5
    @Option(help: "Also replay a generated fsx-style log of this many operations (0: none).") var generate: Int = 0
    @Option(help: "Seed for --generate.") var seed: UInt64 = 1
    @Option(name: .customLong("file-size"), help: "Largest file offset of the generated log (default 256k, fsx's).")
    var fileSize: String = "256k"
    @Option(help: "Multiply the generated log's offsets and truncate sizes by this (lengths stay): a sparser file.")
    var scale: Int = 1
    @Flag(name: .customLong("operations-only"), help: "Time the operations only (no final fsync, whole-file hash or seek map).")
    var operationsOnly = false
    @Flag(name: .customLong("engine-only"), help: "Skip the kernel columns (no loop device; long generated logs).")
    var engineOnly = false
    @Option(name: .customLong("child"), help: .hidden) var child: String?
    @Flag(help: "Measure the interleaving explorer (schedules/s on the xfs/559 explore block) instead.") var explore = false

    func run() throws {
        if explore { try ExploreBench.run(root: nil, repeats: self.repeat); return }
        let sizes = try (blockSizes.isEmpty ? ["1024", "4096"] : blockSizes).map(blockSizeArgument)
        if let child { return try runChild(child, blockSize: sizes[0]) }
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard let maxFile = parseSize(fileSize), maxFile > 0 else { throw ValidationError("--file-size \(fileSize): expected a size") }
        var paths = logs.isEmpty && generate == 0 ? try defaultLogs() : logs
        let workDir = try makeTemporaryDirectory(NSTemporaryDirectory() + "iomapspec-bench.XXXXXX")
        defer { try? FileManager.default.removeItem(atPath: workDir) }
        if generate > 0 {
            var g = FsxLogGenerator(seed: seed)
            g.maxFileLength = maxFile
            g.offsetScale = scale
            let path = workDir + "/generated-\(generate)-\(fileSize)\(scale > 1 ? "x\(scale)" : "")-seed\(seed).fsxops"
            try g.log(operations: generate).write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let parsed = try paths.map(loadLogOrExit)
        let kernelReason = engineOnly ? "--engine-only" : XfsScratch.unavailableReason()
        if kernelReason == nil { XfsScratch.installSignalCleanup() }
        print("bench: \(parsed.count) log(s), medians of \(`repeat`) interleaved runs, kernel \(kernelRelease())"
              + (kernelReason.map { " (kernel columns skipped: \($0))" } ?? ", XFS on a loop device"))
        var rows: [[String]] = []
        var total = Totals()
        for bs in sizes {
            let scratch = kernelReason == nil ? try XfsScratch(blockSize: bs) : nil
            defer { scratch?.tearDown() }
            for log in parsed {
                let m = try measure(log, blockSize: bs, scratch: scratch, workDir: workDir)
                total.add(m, ops: log.operations.count)
                rows.append(m.row(name(log.path), bs, log.operations.count))
            }
        }
        rows.append(total.row)
        printTable(Measurement.header, rows)
    }

    // MARK: Interleaved runs

    /// Medians of `repeat` runs of `log` on every column, the columns taking turns within each run.
    private func measure(_ log: FsxLog, blockSize bs: Int, scratch: XfsScratch?, workDir: String) throws -> Measurement {
        let device = workDir + "/engine.dev"
        var columns = [[Double]](repeating: [], count: Column.allCases.count)
        var peakKiB = 0
        for run in 0...`repeat` {
            for c in Column.allCases {
                let seconds: Double?
                switch c {
                case .memory: seconds = try inProcess(log) { EngineFile(blockSize: bs) }
                case .file:
                    unlink(device)
                    seconds = try inProcess(log) { try engineFile(blockSize: bs, devicePath: device) }
                case .kernel:
                    seconds = try scratch.map { s in try inProcess(log) { try KernelFile(path: s.mountPoint + "/bench") } }
                case .engineProcess:
                    let t = try process(["--child", operationsOnly ? "engine-ops" : "engine"], log, bs)
                    seconds = t.seconds
                    peakKiB = max(peakKiB, t.peakKiB)
                case .kernelProcess:
                    seconds = try scratch.map { s in
                        try process(["--child", (operationsOnly ? "kernel-ops:" : "kernel:") + s.mountPoint + "/bench"], log, bs).seconds
                    }
                }
                if run > 0, let seconds { columns[c.rawValue].append(seconds) }   // run 0 warms caches up
            }
        }
        unlink(device)
        return Measurement(seconds: columns.map { $0.isEmpty ? nil : median($0) }, peakKiB: peakKiB)
    }

    /// Seconds for one replay on a target made by `make` (not timed); the kernel file is closed afterwards.
    private func inProcess(_ log: FsxLog, _ make: () throws -> FsxTarget) throws -> Double {
        let target = try make()
        defer { (target as? KernelFile)?.close() }
        do {
            if operationsOnly { return try timed { try FsxReplayer.replayOperations(log, on: target) }.seconds }
            return try timed { try FsxReplayer.replay(log, on: target) }.seconds
        } catch { fail("bench \(log.path): \(error)") }
    }

    /// Wall seconds and peak resident KiB of a fresh `iomapspec bench --child MODE` process replaying `log`.
    private func process(_ mode: [String], _ log: FsxLog, _ bs: Int) throws -> (seconds: Double, peakKiB: Int) {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let t = try timed { try spawnAndWait(exe, ["bench"] + mode + ["--block-size", String(bs), log.path]) }
        if t.result.status != 0 { fail("bench \(log.path): child \(mode.joined(separator: " ")) exited with \(t.result.status)") }
        return (t.seconds, t.result.maxResidentKiB)
    }

    /// The child side: one replay printed as JSONL, on the engine (`engine`) or a kernel file (`kernel:PATH`);
    /// `engine-ops` replays the operations only and prints their records (no final fsync, hash or seek map).
    private func runChild(_ mode: String, blockSize bs: Int) throws {
        guard let path = logs.first, logs.count == 1 else { throw ValidationError("--child takes one log") }
        let log = try loadLogOrExit(path)
        let (kind, file) = mode.firstIndex(of: ":").map { (String(mode[..<$0]), String(mode[mode.index(after: $0)...])) }
            ?? (mode, "")
        let target: FsxTarget
        switch kind {
        case "engine", "engine-ops": target = EngineFile(blockSize: bs)
        case "kernel", "kernel-ops": target = try KernelFile(path: file)
        default: throw ValidationError("--child \(mode): expected engine, engine-ops, kernel:PATH or kernel-ops:PATH")
        }
        defer { (target as? KernelFile)?.close() }
        do {
            if kind.hasSuffix("-ops") {
                print(try FsxReplayer.replayOperations(log, on: target).map(\.jsonLine).joined(separator: "\n"))
                target.finishReplay()
            } else {
                print(try FsxReplayer.replay(log, on: target).jsonl, terminator: "")
            }
        } catch { fail("\(error)") }
        if let e = target as? EngineFile { reportViolations(e) }
    }

    // MARK: Output

    private func name(_ path: String) -> String {
        var n = Substring(path.split(separator: "/").last ?? Substring(path))
        if n.hasSuffix(".fsxops") { n = n.dropLast(7) }
        return String(n)
    }

    /// `../shared/fsx/*.fsxops` beside the current directory (the repository root).
    private func defaultLogs() throws -> [String] {
        let dir = "../shared/fsx"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        let logs = files.filter { $0.hasSuffix(".fsxops") }.sorted().map { "\(dir)/\($0)" }
        if logs.isEmpty { throw ValidationError("no logs given and none in \(dir) (run from the repository root)") }
        return logs
    }

    private func printTable(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        for r in all {
            let cells = r.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - cell.count) + cell
            }
            print(cells.joined(separator: "  "))
        }
    }
}

// MARK: - Columns and figures

/// What one run is timed on.
enum Column: Int, CaseIterable {
    /// The engine with the in-memory device, in this process.
    case memory
    /// The engine with a file as its device, in this process.
    case file
    /// This kernel's XFS, in this process.
    case kernel
    /// `iomapspec replay` as a fresh process.
    case engineProcess
    /// The same binary replaying on this kernel's XFS, as a fresh process.
    case kernelProcess
}

/// Median seconds per column for one log (nil: the column could not run).
struct Measurement {
    var seconds: [Double?]
    /// Highest peak resident set of the engine process, KiB.
    var peakKiB = 0

    static let header = ["log", "bs", "ops", "memory ops/s", "file ops/s", "kernel ops/s", "memory/kernel",
                         "process ops/s", "kernel process ops/s", "process/kernel process", "process peak MiB"]

    func row(_ log: String, _ bs: Int?, _ ops: Int) -> [String] {
        func rate(_ c: Column) -> String { seconds[c.rawValue].map { String(Int((Double(ops) / $0).rounded())) } ?? "-" }
        func ratio(_ engine: Column, _ kernel: Column) -> String {
            guard let e = seconds[engine.rawValue], let k = seconds[kernel.rawValue] else { return "-" }
            return String(format: "%.2f", k / e)
        }
        return [log, bs.map(String.init) ?? "", String(ops), rate(.memory), rate(.file), rate(.kernel),
                ratio(.memory, .kernel), rate(.engineProcess), rate(.kernelProcess), ratio(.engineProcess, .kernelProcess),
                peakKiB > 0 ? String(format: "%.1f", Double(peakKiB) / 1024) : "-"]
    }
}

/// Sums over every log: total operations over total median seconds per column.
struct Totals {
    var ops = 0
    var seconds = [Double?](repeating: 0, count: Column.allCases.count)

    var peakKiB = 0

    mutating func add(_ m: Measurement, ops: Int) {
        self.ops += ops
        peakKiB = max(peakKiB, m.peakKiB)
        for c in Column.allCases {
            if let s = m.seconds[c.rawValue], let t = seconds[c.rawValue] { seconds[c.rawValue] = t + s } else { seconds[c.rawValue] = nil }
        }
    }

    var row: [String] { Measurement(seconds: seconds, peakKiB: peakKiB).row("total", nil, ops) }
}

/// The median of a non-empty list.
func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// `256k`, `64m`, `1t` or a plain number of bytes.
func parseSize(_ text: String) -> Int? {
    let units: [Character: Int] = ["k": 10, "m": 20, "g": 30, "t": 40]
    if let last = text.lowercased().last, let shift = units[last], let n = Int(text.dropLast()) { return n << shift }
    return Int(text)
}
