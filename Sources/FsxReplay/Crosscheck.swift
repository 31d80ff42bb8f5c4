import IomapEngine

// MARK: - kernel replay

extension FsxReplayer {
    /// Replay `log` on a fresh XFS with `blockSize` blocks on a loop device; cleans up whatever happens.
    /// `created` sees the scratch file system once it is mounted (tests use it to check the cleanup).
    /// `cold`: the final record after a real unmount and mount (`replay(_:on:cold:)`).
    public static func replayOnKernel(_ log: FsxLog, blockSize: Int, cold: Bool = false,
                                      created: ((XfsScratch) -> Void)? = nil) throws -> FsxReplayResult {
        let scratch = try XfsScratch(blockSize: blockSize)
        defer { scratch.tearDown() }
        created?(scratch)
        let file = try KernelFile(path: scratch.mountPoint + "/fsx.data", scratch: scratch)
        defer { file.close() }
        return try replay(log, on: file, cold: cold)
    }
}

// MARK: - engine against the running kernel

/// The outcome of one cross-check: both replays and how they differ.
public struct FsxCrosscheck {
    public var kernel: FsxReplayResult
    public var engine: FsxReplayResult
    /// Invariant violations the engine recorded (none expected).
    public var violations: [InvariantViolation]
    /// Engine differences from the kernel (the kernel is the expectation).
    public var differences: [FsxDifference] { engine.differences(from: kernel) }

    /// Replay `log` on a fresh XFS (loop device, `blockSize` blocks) first, clean up, then on a fresh engine.
    /// Throws when the kernel cannot be used; call `XfsScratch.unavailableReason()` first to skip instead.
    /// `cold`: both final records after a remount.
    public static func run(_ log: FsxLog, blockSize: Int, device: BlockDevice? = nil,
                           cold: Bool = false) throws -> FsxCrosscheck {
        let kernel: FsxReplayResult, engine: FsxReplayResult
        do { kernel = try FsxReplayer.replayOnKernel(log, blockSize: blockSize, cold: cold) } catch {
            throw FsxReplayError("kernel: \(error)")
        }
        let file = EngineFile(blockSize: blockSize, device: device)
        do { engine = try FsxReplayer.replay(log, on: file, cold: cold) } catch {
            throw FsxReplayError("engine: \(error)")
        }
        return FsxCrosscheck(kernel: kernel, engine: engine, violations: file.violations)
    }
}
