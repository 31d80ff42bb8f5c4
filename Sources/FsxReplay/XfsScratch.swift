import Foundation

// MARK: - a fresh XFS on a loop device

/// A freshly made XFS file system on a loop device, mounted in a temporary directory; `tearDown` always cleans up.
public final class XfsScratch {
    public let blockSize: Int
    public let directory: String
    public var mountPoint: String { directory + "/mnt" }
    /// The attached loop device (`/dev/loopN`), nil once detached.
    public private(set) var loopDevice: String?
    public var imagePath: String { directory + "/xfs.img" }
    private var mounted = false

    /// Why a cross-check cannot run on this machine, or nil when it can (root, mkfs.xfs, losetup, mount, loop-control).
    public static func unavailableReason() -> String? {
        if getuid() != 0 { return "not root (uid \(getuid())): loop devices and mount need root" }
        for tool in ["mkfs.xfs", "losetup", "mount", "umount"] where findTool(tool) == nil {
            return "\(tool) not found in PATH"
        }
        if !FileManager.default.fileExists(atPath: "/dev/loop-control") { return "/dev/loop-control is missing" }
        return nil
    }

    /// Make a 300 MiB sparse image (mkfs.xfs's minimum), `mkfs.xfs -f -b size=N`, attach it and mount it.
    public init(blockSize: Int) throws {
        self.blockSize = blockSize
        let template = NSTemporaryDirectory() + "iomapspec-xfs.XXXXXX"
        var buffer = Array(template.utf8CString)
        guard let made = mkdtemp(&buffer) else { throw FsxReplayError("mkdtemp \(template) failed") }
        directory = String(cString: made)
        do {
            let image = imagePath
            guard FileManager.default.createFile(atPath: image, contents: nil),
                  truncate(image, 300 << 20) == 0 else { throw FsxReplayError("cannot create \(image)") }
            try Self.run("mkfs.xfs", ["-q", "-f", "-b", "size=\(blockSize)", image])
            loopDevice = try Self.run("losetup", ["-f", "--show", image]).trimmingCharacters(in: .whitespacesAndNewlines)
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
            try Self.run("mount", ["-t", "xfs", loopDevice!, mountPoint])
            mounted = true
            Self.register(self)
        } catch {
            tearDown()
            throw error
        }
    }

    deinit { tearDown() }

    /// Unmount, detach the loop device and remove the temporary directory; safe to call twice.
    public func tearDown() {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        Self.live.removeAll { $0 === self }
        if mounted {
            if (try? Self.run("umount", [mountPoint])) == nil { _ = try? Self.run("umount", ["-l", mountPoint]) }
            mounted = false
        }
        if let dev = loopDevice { _ = try? Self.run("losetup", ["-d", dev]); loopDevice = nil }
        if FileManager.default.fileExists(atPath: directory) { try? FileManager.default.removeItem(atPath: directory) }
    }

    // MARK: cleanup on SIGINT/SIGTERM

    private static let lock = NSRecursiveLock()
    nonisolated(unsafe) private static var live: [XfsScratch] = []
    nonisolated(unsafe) private static var signalSources: [DispatchSourceSignal] = []

    private static func register(_ s: XfsScratch) {
        lock.lock(); defer { lock.unlock() }
        live.append(s)
    }

    /// On SIGINT or SIGTERM: unmount and detach every live scratch file system, then exit 128+signal.
    public static func installSignalCleanup() {
        lock.lock(); defer { lock.unlock() }
        guard signalSources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                lock.lock()
                let all = live
                lock.unlock()
                for s in all { s.tearDown() }
                exit(128 + sig)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    // MARK: running tools

    static func findTool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        for dir in (path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]) {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Run a tool to completion; its stdout, or an error with its stderr.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let executable = findTool(tool) else { throw FsxReplayError("\(tool) not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            let message = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw FsxReplayError("\(tool) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(message)")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}

// MARK: - kernel replay

extension FsxReplayer {
    /// Replay `log` on a fresh XFS with `blockSize` blocks on a loop device; cleans up whatever happens.
    /// `created` sees the scratch file system once it is mounted (tests use it to check the cleanup).
    public static func replayOnKernel(_ log: FsxLog, blockSize: Int,
                                      created: ((XfsScratch) -> Void)? = nil) throws -> FsxReplayResult {
        let scratch = try XfsScratch(blockSize: blockSize)
        defer { scratch.tearDown() }
        created?(scratch)
        let file = try KernelFile(path: scratch.mountPoint + "/fsx.data")
        defer { file.close() }
        return try replay(log, on: file)
    }
}
