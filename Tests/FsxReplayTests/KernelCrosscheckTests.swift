import Foundation
import Testing
@testable import FsxReplay

// MARK: - the running kernel against the shared kernel records

/// Why the real-kernel replay cannot run here, or nil.
let kernelUnavailable: String? = XfsScratch.unavailableReason()

@Test("the running kernel on a fresh XFS loop image reproduces the shared records, seek map included",
      .disabled(if: kernelUnavailable != nil, Comment(rawValue: "skipped: \(kernelUnavailable ?? "")")),
      arguments: SharedLogs.cases)
func kernelMatchesSharedRecords(c: LogCase) throws {
    let log = try SharedLogs.log(c.name)
    let expected = try SharedLogs.kernel(c.name, blockSize: c.blockSize)
    let actual = try FsxReplayer.replayOnKernel(log, blockSize: c.blockSize)
    let differences = actual.differences(from: expected)
    #expect(differences.isEmpty, listing(differences, first: 5))
}

@Test("a failing kernel replay reports FILE:line and still unmounts and detaches its loop device",
      .disabled(if: kernelUnavailable != nil, Comment(rawValue: "skipped: \(kernelUnavailable ?? "")")))
func kernelFailureCleansUp() throws {
    // 1 GiB of preallocation cannot fit a 300 MiB file system: fallocate fails with ENOSPC on line 2.
    let log = try FsxLog.parse("write 0x0 0x1000 0x0\nfallocate 0x0 0x40000000 0x1000\n", path: "enospc.fsxops")
    var message = ""
    var seen: [(directory: String, image: String)] = []
    do {
        _ = try FsxReplayer.replayOnKernel(log, blockSize: 4096) { scratch in
            seen.append((scratch.directory, scratch.imagePath))
            // while mounted, the tables do name it: the checks below can fail
            #expect(try! HostTool.run("losetup", ["-a"]).contains(scratch.imagePath))
        }
    } catch { message = "\(error)" }
    #expect(message.hasPrefix("enospc.fsxops:2: fallocate 0x0 0x40000000 failed: fallocate: "), "\(message)")
    #expect(message.contains("(errno 28)"), "\(message)")
    #expect(!seen.isEmpty)
    let loops = try HostTool.run("losetup", ["-a"])
    let mounts = String(decoding: try readWholeFile("/proc/self/mounts"), as: UTF8.self)
    for (directory, image) in seen {
        #expect(!FileManager.default.fileExists(atPath: directory), "scratch directory left: \(directory)")
        #expect(!loops.contains(image), "loop device left: \(loops)")
        #expect(!mounts.contains(directory), "mount left: \(mounts)")
    }
}

