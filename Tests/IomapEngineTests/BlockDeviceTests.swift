import Foundation
import Testing
@testable import IomapEngine

// MARK: - Helpers

/// A deterministic byte pattern (linear congruential), so both backends see the same writes.
private func pattern(_ seed: Int, _ count: Int) -> [UInt8] {
    var x = UInt32(truncatingIfNeeded: seed &* 2654435761 &+ 1)
    return (0..<count).map { _ in x = x &* 1664525 &+ 1013904223; return UInt8(truncatingIfNeeded: x >> 24) }
}

private func tempPath(_ name: String) -> String {
    NSTemporaryDirectory() + "iomapspec-bdev-\(getpid())-\(name).img"
}

/// Writes the same sequence (unaligned, overlapping, chunk-straddling) to a device.
private func exercise(_ d: BlockDevice) throws {
    try d.write(at: 0, pattern(1, 4096))
    try d.write(at: 4000, pattern(2, 300))          // straddles the 4k chunk boundary
    try d.write(at: 65536 - 7, pattern(3, 7))        // ends exactly at 64k
    try d.write(at: 1 << 20, pattern(4, 10000))
    try d.write(at: 2, [0xAA])
    try d.flush()
}

// MARK: - Backends

@Test func memoryDeviceIsSparseAndZeroFilled() throws {
    let d = MemoryBlockDevice(sizeBytes: 64 << 20)
    #expect(try d.read(at: 12345, count: 10) == [UInt8](repeating: 0, count: 10))
    try d.write(at: 4090, [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(try d.read(at: 4088, count: 12) == [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0])
    #expect(d.chunks.count == 2)
}

@Test func bothBackendsGiveIdenticalBytes() throws {
    let size = 4 << 20
    let path = tempPath("same")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let m = MemoryBlockDevice(sizeBytes: size)
    let f = try FileBlockDevice(path: path, sizeBytes: size)
    try exercise(m)
    try exercise(f)
    for (off, n) in [(0, 8192), (60000, 8000), ((1 << 20) - 5, 10010), (size - 4096, 4096)] {
        #expect(try m.read(at: off, count: n) == f.read(at: off, count: n), "at \(off)")
    }
    #expect(try f.read(at: 3, count: 1) == pattern(1, 4096)[3...3].map { $0 })
    #expect(try f.read(at: 2, count: 1) == [0xAA])
    f.close()
    // The bytes are really in the file: reopen without create.
    let g = try FileBlockDevice(path: path, sizeBytes: size, create: false)
    #expect(try g.read(at: 1 << 20, count: 10000) == pattern(4, 10000))
}

@Test func outOfRangeIOFailsWithEIO() throws {
    let m = MemoryBlockDevice(sizeBytes: 8192)
    #expect(throws: Errno.EIO) { try m.write(at: 8190, [1, 2, 3]) }
    #expect(throws: Errno.EIO) { _ = try m.read(at: -1, count: 1) }
    let path = tempPath("range")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let f = try FileBlockDevice(path: path, sizeBytes: 8192)
    #expect(throws: Errno.EIO) { _ = try f.read(at: 8192, count: 1) }
    #expect(try f.read(at: 8191, count: 1) == [0])
}

@Test func openingAMissingFileWithoutCreateFails() {
    // ENOENT is a model errno (Core/Errno.swift), so it is kept; a host errno the model lacks would become EIO.
    #expect(throws: Errno.ENOENT) { _ = try FileBlockDevice(path: "/nonexistent-dir-iomapspec/x.img", sizeBytes: 4096, create: false) }
}

@Test func createGrowsASmallerFileAndNeverShrinksALargerOne() throws {
    let path = tempPath("grow")
    defer { try? FileManager.default.removeItem(atPath: path) }
    func fileSize() throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int }
    let small = try FileBlockDevice(path: path, sizeBytes: 8192)
    try small.write(at: 4096, pattern(5, 4096))
    small.close()
    #expect(try fileSize() == 8192)
    let large = try FileBlockDevice(path: path, sizeBytes: 16384)
    #expect(try fileSize() == 16384)
    #expect(try large.read(at: 4096, count: 4096) == pattern(5, 4096))
    large.close()
    let again = try FileBlockDevice(path: path, sizeBytes: 8192)
    #expect(try fileSize() == 16384)
    #expect(try again.read(at: 4096, count: 4096) == pattern(5, 4096))
}

@Test func machineOnAFileDeviceMatchesTheMemoryDevice() throws {
    let path = tempPath("machine")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let config = EngineConfig(blockSize: 1024, folioSize: 16384, deviceBytes: 8 << 20)
    let file = try FileBlockDevice(path: path, sizeBytes: 8 << 20)
    let machines = [Machine(config: config), Machine(config: config, device: file)]
    for m in machines {
        _ = m.perform(.pwrite(offset: 1000, data: pattern(7, 50000)))
        _ = m.perform(.pwrite(offset: 70000, data: pattern(8, 3000)))
        #expect(m.perform(.fsync).error == nil)
        _ = m.perform(.reclaim(offset: 0, length: 1 << 20))
        #expect(m.mapping.folios.isEmpty)
    }
    let range = ByteRange(start: 0, end: 80000)
    #expect(machines[0].diskContent(range) == machines[1].diskContent(range))
    let a = machines[0].perform(.pread(offset: 0, length: 80000)).data
    #expect(a == machines[1].perform(.pread(offset: 0, length: 80000)).data)
    #expect(Array(a[1000..<51000]) == pattern(7, 50000) && Array(a[70000..<73000]) == pattern(8, 3000))
    #expect(a[0..<1000].allSatisfy { $0 == 0 } && a[51000..<70000].allSatisfy { $0 == 0 })
}
