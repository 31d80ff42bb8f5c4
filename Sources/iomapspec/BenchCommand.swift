import ArgumentParser
import Foundation
import FsxReplay
import HostSystem
import IomapEngine

// MARK: - iomapspec bench

/// `iomapspec bench [LOG...]`: replay speed of the engine (memory and file device) next to this kernel's.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Replay fsx logs on the engine (in-memory and file device) and on this kernel; print ops/second and ratios.",
        discussion: """
            Each figure is executed log operations (plus the final fsync, hash and seek map) per second of wall time, \
            over --repeat fresh replays. The kernel column replays on a fresh XFS loop image and needs root, \
            mkfs.xfs and losetup; otherwise it prints why it is missing.
            """)

    @Argument(help: "*.fsxops logs (default: every log in ../shared/fsx).") var logs: [String] = []
    @Option(name: .customLong("block-size"), help: "Block sizes to run (default 1024 and 4096).")
    var blockSizes: [String] = []
    @Option(help: "Fresh replays per figure (after one untimed warm-up).") var `repeat`: Int = 5
    @Option(help: "Also replay a generated fsx-style log of this many operations (0: none).") var generate: Int = 0
    @Option(help: "Seed for --generate.") var seed: UInt64 = 1
    @Flag(help: "Measure the interleaving explorer (schedules/s on the xfs/559 explore block) instead.") var explore = false

    func run() throws {
        if explore { try ExploreBench.run(root: nil, repeats: self.repeat); return }
        let sizes = try (blockSizes.isEmpty ? ["1024", "4096"] : blockSizes).map(blockSizeArgument)
        let paths = logs.isEmpty && generate == 0 ? try defaultLogs() : logs
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        var parsed = try paths.map(loadLogOrExit)
        if generate > 0 {
            var g = FsxLogGenerator(seed: seed)
            parsed.append(try FsxLog.parse(g.log(operations: generate), path: "generated-\(generate)-seed\(seed)"))
        }
        let kernelReason = XfsScratch.unavailableReason()
        if kernelReason == nil { XfsScratch.installSignalCleanup() }
        print("bench: \(parsed.count) log(s) x \(`repeat`) replays, kernel \(kernelRelease())"
              + (kernelReason.map { " (kernel column skipped: \($0))" } ?? " XFS on a loop device"))
        let header = ["log", "bs", "ops", "memory ops/s", "file ops/s", "kernel ops/s", "memory/kernel", "file/kernel"]
        var rows: [[String]] = []
        var total = (ops: 0, memory: 0.0, file: 0.0, kernel: 0.0)
        for bs in sizes {
            let scratch = kernelReason == nil ? try XfsScratch(blockSize: bs) : nil
            defer { scratch?.tearDown() }
            for log in parsed {
                let ops = log.operations.count * `repeat`
                let memory = try measure(log) { _ in EngineFile(blockSize: bs) }
                let tmp = NSTemporaryDirectory() + "iomapspec-bench-\(getpid()).dev"
                defer { unlink(tmp) }
                let file = try measure(log) { _ in
                    unlink(tmp)
                    return try engineFile(blockSize: bs, devicePath: tmp)
                }
                var kernel: Double? = nil
                if let scratch {
                    kernel = try measure(log) { i in try KernelFile(path: scratch.mountPoint + "/bench.\(i)") }
                }
                total.ops += ops; total.memory += memory; total.file += file; total.kernel += kernel ?? 0
                rows.append(row(name(log.path), bs, ops, memory, file, kernel))
            }
        }
        rows.append(row("total", nil, total.ops, total.memory, total.file, kernelReason == nil ? total.kernel : nil))
        printTable(header, rows)
    }

    /// Seconds for `repeat` fresh replays of `log` on targets made by `make` (not timed).
    private func measure(_ log: FsxLog, _ make: (Int) throws -> FsxTarget) throws -> Double {
        var seconds = 0.0
        for i in 0...`repeat` {
            let target = try make(i)
            do {
                let t = try timed { try FsxReplayer.replay(log, on: target) }.seconds
                if i > 0 { seconds += t }   // replay 0 warms caches up
            } catch { fail("bench \(log.path): \(error)") }
            (target as? KernelFile)?.close()
        }
        return seconds
    }

    private func row(_ log: String, _ bs: Int?, _ ops: Int, _ memory: Double, _ file: Double, _ kernel: Double?) -> [String] {
        func rate(_ s: Double) -> String { String(Int((Double(ops) / s).rounded())) }
        func ratio(_ s: Double) -> String { kernel.map { String(format: "%.2f", $0 / s) } ?? "-" }
        return [log, bs.map(String.init) ?? "", String(ops), rate(memory), rate(file),
                kernel.map(rate) ?? "-", ratio(memory), ratio(file)]
    }

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
