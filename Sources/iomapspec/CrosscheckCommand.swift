import ArgumentParser
import FsxReplay
import HostSystem

// MARK: - iomapspec crosscheck

/// `iomapspec crosscheck FILE --block-size N`: the same log on a fresh XFS (loop device) and on the engine.
struct CrosscheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosscheck",
        abstract: "Replay an fsx log on a fresh XFS loop image on this kernel and on the engine; print differences.",
        discussion: """
            Needs root, mkfs.xfs, losetup and mount; otherwise prints why it is skipped and exits 0. \
            The image is unmounted and its loop device detached even on failure or SIGINT/SIGTERM. \
            Exits 1 when the engine differs from the kernel.
            """)

    @Argument(help: "The *.fsxops log (omit with --generate).") var file: String?
    @Option(help: "Cross-check a generated fsx-style log of this many operations instead (fsx's defaults: collapse_range and insert_range included).")
    var generate: Int = 0
    @Option(help: "Seed of the generated log.") var seed: UInt64 = 1
    @Flag(help: "Final records after a real unmount and mount of the loop device (and the engine's remount): the cold seek map.")
    var remount = false
    @Option(help: "File system block size: 512...64k, power of two (e.g. 1024, 4k).") var blockSize: String = "4096"

    func run() throws {
        let bs = try blockSizeArgument(blockSize)
        let log: FsxLog
        let file: String
        switch (self.file, generate) {
        case let (path?, 0):
            file = path
            log = try loadLogOrExit(path)
        case (nil, let n) where n > 0:
            var g = FsxLogGenerator(seed: seed)
            file = "generated-\(n)-seed\(seed)"
            log = try FsxLog.parse(g.log(operations: n), path: file)
        default:
            throw ValidationError("give either a log FILE or --generate N (N > 0)")
        }
        if let reason = XfsScratch.unavailableReason() {
            print("crosscheck \(file) bs=\(bs): skipped: \(reason)")
            return
        }
        XfsScratch.installSignalCleanup()
        let check: FsxCrosscheck
        do { check = try FsxCrosscheck.run(log, blockSize: bs, cold: remount) } catch { fail("crosscheck \(file) bs=\(bs): \(error)") }
        let differences = check.differences
        print("crosscheck \(file) bs=\(bs)\(remount ? " --remount" : ""): \(log.operations.count) operations, kernel \(kernelRelease()) XFS vs engine")
        for d in differences { print("  \(d)") }
        for v in check.violations { print("  engine invariant violation: \(v)") }
        print(differences.isEmpty ? "no differences" : "\(differences.count) difference(s)")
        if !differences.isEmpty || !check.violations.isEmpty { throw ExitCode(1) }
    }
}
