import Foundation
import Glibc
import HostSystem
import SystemPackage
import Testing

// MARK: - a temporary file

/// A fresh empty file in the temporary directory, opened read-write; removed when `body` returns.
private func withTemporaryFile<R>(_ name: String, _ body: (FileDescriptor, FilePath) throws -> R) throws -> R {
    let path = FilePath("/tmp/iomapspec-hostsystem-\(getpid())-\(name)")
    let fd = try FileDescriptor.open(path, .readWrite, options: [.create, .truncate], permissions: .ownerReadWrite)
    defer { try? fd.close(); unlink(path.string) }
    return try body(fd, path)
}

/// `count` bytes of a pattern that differs for each `seed`.
private func bytes(_ count: Int, _ seed: UInt8) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7) &+ seed }
}

/// `readAll` of up to `count` bytes at `offset`: what it read.
private func read(_ fd: FileDescriptor, _ offset: Int, _ count: Int) throws -> [UInt8] {
    var out = [UInt8](repeating: 0xEE, count: count)
    let n = try out.withUnsafeMutableBytes { try fd.readAll(fromAbsoluteOffset: Int64(offset), into: $0) }
    return Array(out.prefix(n))
}

// MARK: - pwrite, pread, ftruncate

@Test func pwriteThenPreadReturnsTheBytesAndStopsAtEndOfFile() throws {
    try withTemporaryFile("rw") { fd, _ in
        let data = bytes(10000, 3)
        _ = try fd.writeAll(toAbsoluteOffset: 5000, data)
        #expect(try fd.stat().size == 15000)
        #expect(try read(fd, 5000, 10000) == data)
        #expect(try read(fd, 0, 5000) == [UInt8](repeating: 0, count: 5000))   // below the write: a hole, zeroes
        #expect(try read(fd, 14990, 100) == Array(data.suffix(10)))          // short at end of file
        #expect(try read(fd, 20000, 10).isEmpty)
    }
}

@Test func resizeShrinksAndGrowsWithZeroes() throws {
    try withTemporaryFile("resize") { fd, _ in
        _ = try fd.writeAll(toAbsoluteOffset: 0, bytes(8192, 1))
        try fd.resize(to: 100)
        #expect(try fd.stat().size == 100)
        try fd.resize(to: 8192)
        #expect(try read(fd, 0, 8192) == Array(bytes(8192, 1).prefix(100)) + [UInt8](repeating: 0, count: 8092))
    }
}

// MARK: - fallocate

@Test func allocateExtendsUnlessKeepSizeAndPunchAndZeroReadBackAsZeroes() throws {
    try withTemporaryFile("fallocate") { fd, _ in
        try fd.allocate(offset: 0, length: 65536)
        #expect(try fd.stat().size == 65536)
        try fd.allocate(.keepSize, offset: 65536, length: 65536)
        #expect(try fd.stat().size == 65536)
        _ = try fd.writeAll(toAbsoluteOffset: 0, bytes(65536, 9))
        try fd.allocate([.punchHole, .keepSize], offset: 4096, length: 8192)
        try fd.allocate(.zeroRange, offset: 32768, length: 4096)
        let after = try read(fd, 0, 65536)
        #expect(after[0..<4096] == bytes(65536, 9)[0..<4096])
        #expect(after[4096..<12288].allSatisfy { $0 == 0 })
        #expect(after[12288..<32768] == bytes(65536, 9)[12288..<32768])
        #expect(after[32768..<36864].allSatisfy { $0 == 0 })
        #expect(try fd.stat().size == 65536)
    }
}

// MARK: - lseek SEEK_DATA / SEEK_HOLE, fsync, fdatasync

@Test func seekDataAndHoleFindTheWrittenRanges() throws {
    try withTemporaryFile("seek") { fd, _ in
        _ = try fd.writeAll(toAbsoluteOffset: 0, bytes(4096, 1))
        _ = try fd.writeAll(toAbsoluteOffset: 1 << 20, bytes(4096, 2))
        try fd.resize(to: 2 << 20)
        try fd.sync()
        try fd.syncData()
        #expect(try fd.seekData(from: 0) == 0)
        #expect(try fd.seekHole(from: 0) == 4096)
        #expect(try fd.seekData(from: 4096) == 1 << 20)
        #expect(try fd.seekHole(from: 1 << 20) == (1 << 20) + 4096)
        #expect(try fd.seekData(from: (1 << 20) + 4096) == nil)            // only a hole up to end of file: ENXIO
        #expect(try fd.seekHole(from: (1 << 20) + 4096) == (1 << 20) + 4096)
    }
}

// MARK: - mmap, msync, munmap

@Test func sharedMappingStoresReachTheFileAndLoadsSeeIt() throws {
    try withTemporaryFile("mmap") { fd, _ in
        try fd.resize(to: 3 * 4096)
        let data = bytes(5000, 5)
        let store = try SharedMapping(fd, offset: 4000, length: data.count)   // not page aligned
        #expect(store.bytes.count == data.count)
        data.withUnsafeBytes { store.bytes.copyMemory(from: $0) }
        try store.sync()
        try store.unmap()
        #expect(try read(fd, 4000, data.count) == data)
        #expect(try read(fd, 0, 4000) == [UInt8](repeating: 0, count: 4000))
        let load = try SharedMapping(fd, offset: 4100, length: 100)
        defer { try? load.unmap() }
        #expect([UInt8](load.bytes) == Array(data[100..<200]))
    }
}

// MARK: - errors come back as typed Errno

@Test func failuresAreTypedErrno() throws {
    #expect(throws: Errno.noSuchFileOrDirectory) {
        _ = try FileDescriptor.open("/nonexistent-dir-iomapspec/x", .readOnly)
    }
    try withTemporaryFile("errors") { fd, path in
        // vfs_fallocate: a punch hole must keep the size.
        #expect(throws: Errno.notSupported) { try fd.allocate(.punchHole, offset: 0, length: 4096) }
        #expect(throws: Errno.invalidArgument) { try fd.allocate(offset: 0, length: -1) }
        // SEEK_HOLE at end of file (the file is empty) is ENXIO, and unlike SEEK_DATA's, it is thrown.
        #expect(throws: Errno.noSuchAddressOrDevice) { _ = try fd.seekHole(from: 0) }
        #expect(throws: Errno.invalidArgument) { _ = try SharedMapping(fd, offset: 0, length: 0) }
        let readOnly = try FileDescriptor.open(path, .readOnly)
        #expect(throws: Errno.permissionDenied) { _ = try SharedMapping(readOnly, offset: 0, length: 4096) }
        #expect(throws: Errno.badFileDescriptor) { try readOnly.allocate(offset: 0, length: 4096) }
        try readOnly.close()
        #expect(throws: Errno.badFileDescriptor) { try readOnly.sync() }
        #expect(throws: Errno.badFileDescriptor) { try readOnly.syncData() }
        #expect(throws: Errno.badFileDescriptor) { _ = try readOnly.seekData(from: 0) }
    }
}

@Test func kernelReleaseIsUnameR() {
    let release = kernelRelease()
    #expect(!release.isEmpty && release.first?.isNumber == true, "\(release)")
}

/// `processID()` is this process's id; `userID()` owns the files this process creates.
@Test func processIdentity() throws {
    #expect(processID() == ProcessInfo.processInfo.processIdentifier)
    let path = NSTemporaryDirectory() + "/iomapspec-owner-\(processID())"
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let owner = try #require(FileManager.default.attributesOfItem(atPath: path)[.ownerAccountID] as? NSNumber)
    #expect(owner.uint32Value == userID())
}

/// `makeDirectories` creates missing parents and accepts existing ones; a file in the way is ENOTDIR; a whole
/// file written replaces what was there.
@Test func makeDirectoriesAndWriteWholeFile() throws {
    let root = NSTemporaryDirectory() + "/iomapspec-dirs-\(processID())"
    defer { try? FileManager.default.removeItem(atPath: root) }
    try makeDirectories(root + "/a/b/c")
    try makeDirectories(root + "/a/b")
    try writeWholeFile(root + "/a/b/c/f", Array("longer text".utf8))
    try writeWholeFile(root + "/a/b/c/f", Array("short".utf8))
    #expect(FileManager.default.contents(atPath: root + "/a/b/c/f") == Data("short".utf8))
    #expect(throws: Errno.notDirectory) { try makeDirectories(root + "/a/b/c/f/g") }
    #expect(throws: Errno.noSuchFileOrDirectory) { try writeWholeFile(root + "/missing/f", []) }
}
