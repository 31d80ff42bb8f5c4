import Foundation
import Testing
@testable import FsxReplay

// MARK: - KernelFile on any local file system (no root needed)

@Test("a KernelFile in the temporary directory reproduces the kernel's sizes, read hashes and final content",
      arguments: SharedLogs.names)
func kernelFileOnTemporaryDirectory(name: String) throws {
    let path = NSTemporaryDirectory() + "iomapspec-kernelfile-\(getpid())-" + name.replacingOccurrences(of: "/", with: "-")
    defer { unlink(path) }
    let file = try KernelFile(path: path)
    defer { file.close() }
    let replay = try FsxReplayer.replay(try SharedLogs.log(name), on: file)
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
