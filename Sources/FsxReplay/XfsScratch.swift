import Foundation
import HostSystem
import SystemPackage

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
        let uid = userID()
        if uid != 0 { return "not root (uid \(uid)): loop devices and mount need root" }
        for tool in ["mkfs.xfs", "losetup", "mount", "umount"] where HostTool.path(of: tool) == nil {
            return "\(tool) not found in PATH"
        }
        if !FileManager.default.fileExists(atPath: "/dev/loop-control") { return "/dev/loop-control is missing" }
        return nil
    }

    /// Make a 300 MiB sparse image (mkfs.xfs's minimum), `mkfs.xfs -f -b size=N`, attach it and mount it.
    public init(blockSize: Int) throws {
        self.blockSize = blockSize
        let template = NSTemporaryDirectory() + "iomapspec-xfs.XXXXXX"
        do { directory = try makeTemporaryDirectory(template) } catch {
            throw FsxReplayError("mkdtemp \(template) failed: \(error)")
        }
        do {
            let image = imagePath
            try Self.createSparseFile(image, size: 300 << 20)
            try HostTool.run("mkfs.xfs", ["-q", "-f", "-b", "size=\(blockSize)", image])
            let loop = try HostTool.run("losetup", ["-f", "--show", image]).trimmingCharacters(in: .whitespacesAndNewlines)
            loopDevice = loop
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
            try HostTool.run("mount", ["-t", "xfs", loop, mountPoint])
            mounted = true
            Self.register(self)
        } catch {
            tearDown()
            throw error
        }
    }

    deinit { tearDown() }

    /// `umount` and `mount` again: every inode of the file system is evicted and read back cold.
    public func remount() throws {
        guard let loop = loopDevice, mounted else { throw FsxReplayError("\(mountPoint): not mounted") }
        try HostTool.run("umount", [mountPoint])
        mounted = false
        try HostTool.run("mount", ["-t", "xfs", loop, mountPoint])
        mounted = true
    }

    /// Unmount, detach the loop device and remove the temporary directory; safe to call twice.
    public func tearDown() {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        Self.live.removeAll { $0 === self }
        if mounted {
            if (try? HostTool.run("umount", [mountPoint])) == nil { _ = try? HostTool.run("umount", ["-l", mountPoint]) }
            mounted = false
        }
        if let dev = loopDevice {
            _ = try? HostTool.run("losetup", ["-d", dev])
            Self.waitUntilDetached(dev)
            loopDevice = nil
        }
        if FileManager.default.fileExists(atPath: directory) { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Waits up to 5 s until `dev` has no backing file (`/sys/block/loopN/loop` is gone).
    ///
    /// `losetup -d` on a device that is still open (udev probing it after the unmount, a lazy unmount) only marks
    /// it for autoclear and returns; the kernel detaches it when the last opener closes.
    private static func waitUntilDetached(_ dev: String) {
        let bound = "/sys/block/\((dev as NSString).lastPathComponent)/loop"
        for _ in 0..<100 where FileManager.default.fileExists(atPath: bound) {
            Thread.sleep(forTimeInterval: 0.05)
        }
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

    // MARK: the image

    /// An empty sparse file of `size` bytes at `path` (open O_CREAT|O_TRUNC, ftruncate).
    private static func createSparseFile(_ path: String, size: Int) throws {
        do {
            let fd = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .truncate],
                                             permissions: [.ownerReadWrite, .groupRead, .otherRead])
            try fd.closeAfter { try fd.resize(to: Int64(size)) }
        } catch { throw FsxReplayError("cannot create \(path): \(error)") }
    }
}
