import ArgumentParser
import Foundation
import FsxReplay
import IomapEngine

// MARK: - iomapspec replay

/// `iomapspec replay FILE --block-size N [--device PATH] [--format jsonl|text]`: an fsx log through the engine.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay an fstests fsx operation log (*.fsxops) through the engine.",
        discussion: "Rules and output format: ../shared/fsx/README.md. --format jsonl prints exactly the shared *.jsonl format.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, text }

    @Argument(help: "The *.fsxops log.") var file: String
    @Option(help: "File system block size: 512...64k, power of two (e.g. 1024, 4k).") var blockSize: String = "4096"
    @Option(help: "Back the engine with this file (created if missing) instead of memory.") var device: String?
    @Option(help: "Output format: jsonl or text.") var format: Format = .jsonl
    @Option(help: "Invariant checks after each micro-step: incremental (default), full (the whole state every time) or off; a full sweep ends the replay.")
    var check: InvariantCheck = .incremental
    @Flag(help: "After the last operation: fsync, close, unmount and mount, then the seek map on the cold cache before the hash (the shared *.cold.jsonl records).")
    var remount = false

    func run() throws {
        let bs = try blockSizeArgument(blockSize)
        let log = try loadLogOrExit(file)
        let target = try engineFile(blockSize: bs, devicePath: device, check: check)
        let result: FsxReplayResult
        do { result = try FsxReplayer.replay(log, on: target, cold: remount) } catch { fail("\(error)") }
        print(format == .jsonl ? result.jsonl : result.text, terminator: "")
        reportViolations(target)
    }
}

extension InvariantCheck: ExpressibleByArgument {}
extension EngineMutation: ExpressibleByArgument {}

// MARK: - shared by replay, crosscheck and bench

/// Print `message` to standard error and exit 1.
func fail(_ message: String) -> Never {
    FileHandleStderr.write(message + "\n")
    Foundation.exit(1)
}

/// Engine invariant violations go to standard error and fail the command.
func reportViolations(_ target: EngineFile) {
    guard !target.violations.isEmpty else { return }
    for v in target.violations { FileHandleStderr.write("invariant violation: \(v)\n") }
    Foundation.exit(1)
}

/// `--block-size` as an Int, or a usage error.
func blockSizeArgument(_ text: String) throws -> Int {
    guard let bs = parseBlockSize(text) else {
        throw ValidationError("--block-size \(text): expected a power of two from 512 to 64k")
    }
    return bs
}

/// Parse a log; parse errors print as `FILE:line[:column]: ...` and exit 1.
func loadLogOrExit(_ path: String) throws -> FsxLog {
    do { return try FsxLog.load(path: path) } catch { fail("\(error)") }
}

/// A fresh engine file with the in-memory device or a file device at `devicePath`.
func engineFile(blockSize: Int, devicePath: String?, check: InvariantCheck = .incremental) throws -> EngineFile {
    guard let devicePath else { return EngineFile(blockSize: blockSize, check: check) }
    let config = EngineConfig(blockSize: blockSize)
    do {
        let device = try FileBlockDevice(path: devicePath, sizeBytes: config.geometry.deviceBlocks * blockSize, create: true)
        return EngineFile(blockSize: blockSize, device: device, check: check)
    } catch { fail("\(devicePath): cannot open device: \(error)") }
}

/// Unbuffered writes to standard error.
enum FileHandleStderr {
    static func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
