import Foundation
import HostSystem
import SystemPackage
import Testing
@testable import FsxReplay

// MARK: - KernelFile on any local file system (no root needed)

@Test("a KernelFile in the temporary directory reproduces the kernel's sizes, read hashes and final content",
      arguments: SharedLogs.names)
func kernelFileOnTemporaryDirectory(name: String) throws {
    let log = try SharedLogs.log(name)
    let kinds = Set(log.operations.map(\.kind))
    if let why = fallocateUnsupported(in: NSTemporaryDirectory(), kinds: kinds) {
        // The console does not show a cancelled case's comment, so the reason is printed too.
        print("kernelFileOnTemporaryDirectory: skipped \(name): \(why)")
        try Test.cancel("skipped: \(name): \(why)")
    }
    let path = NSTemporaryDirectory() + "iomapspec-kernelfile-\(getpid())-" + name.replacingOccurrences(of: "/", with: "-")
    defer { unlink(path) }
    let file = try KernelFile(path: path)
    defer { file.close() }
    let replay = try FsxReplayer.replay(log, on: file)
    // the seek map depends on the file system's allocation; content does not
    let differences = replay.differences(from: try SharedLogs.kernel(name, blockSize: 4096)).filter { !$0.isSeekMap }
    #expect(differences.isEmpty, listing(differences, first: 5))
}

@Test("a failed system call names the call, the path it opened and errno")
func systemCallErrorsNameTheCall() throws {
    #expect(throws: SystemCallError.self) { _ = try KernelFile(path: "/nonexistent-dir-iomapspec/x") }
    do { _ = try KernelFile(path: "/nonexistent-dir-iomapspec/x") } catch {
        #expect("\(error)" == "open /nonexistent-dir-iomapspec/x: No such file or directory (errno 2)")
    }
    let path = NSTemporaryDirectory() + "iomapspec-kernelfile-\(getpid())-closed"
    defer { unlink(path) }
    let file = try KernelFile(path: path)
    try file.pwrite(offset: 0, data: [1, 2, 3])
    #expect(try file.fileSize() == 3)
    file.close()
    do { _ = try file.fileSize(); Issue.record("fstat after close succeeded") } catch {
        #expect("\(error)" == "fstat: Bad file descriptor (errno 9)")
    }
    do { try file.punchHole(offset: 0, length: 1); Issue.record("fallocate after close succeeded") } catch {
        #expect("\(error)" == "fallocate: Bad file descriptor (errno 9)")
    }
}

/// Why the file system of `directory` cannot run these fsx operations' fallocate modes (tmpfs has no zero, collapse
/// or insert range: EOPNOTSUPP), or nil when it can.
func fallocateUnsupported(in directory: String, kinds: Set<FsxOpKind>) -> String? {
    let probes: [(FsxOpKind, String, FileDescriptor.AllocateMode)] = [
        (.punchHole, "FALLOC_FL_PUNCH_HOLE", [.punchHole, .keepSize]),
        (.zeroRange, "FALLOC_FL_ZERO_RANGE", .zeroRange),
        (.collapseRange, "FALLOC_FL_COLLAPSE_RANGE", .collapseRange),
        (.insertRange, "FALLOC_FL_INSERT_RANGE", .insertRange),
    ]
    let path = directory + "/iomapspec-fallocate-probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(path) }
    do {
        let fd = try FileDescriptor.open(FilePath(path), .readWrite, options: [.create, .truncate], permissions: .ownerReadWrite)
        defer { try? fd.close() }
        for (kind, name, mode) in probes where kinds.contains(kind) {
            try fd.allocate(offset: 0, length: 1 << 20)
            do { try fd.allocate(mode, offset: 0, length: 64 << 10) } catch {
                return "\(directory) is on a file system whose fallocate(\(name)) fails (\(error))"
            }
        }
        return nil
    } catch {
        return "a probe file in \(directory) could not be made (\(error))"
    }
}

/// The probe tells a file system that cannot collapse ranges (tmpfs at /dev/shm) apart.
@Test("the fallocate probe names a file system without FALLOC_FL_COLLAPSE_RANGE",
      .enabled(if: (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8))?.contains(" /dev/shm tmpfs ") == true))
func collapseProbeTellsTmpfs() {
    let why = fallocateUnsupported(in: "/dev/shm", kinds: [.collapseRange])
    #expect(why?.contains("/dev/shm is on a file system whose fallocate(FALLOC_FL_COLLAPSE_RANGE) fails") == true, "\(why ?? "nil")")
}
