// MARK: - MemoryBlockDevice

/// A sparse in-memory device: a dictionary of written chunks, so a 64 MiB device costs only what was written.
public final class MemoryBlockDevice: BlockDevice {
    public let sizeBytes: Int
    public let sectorSize: Int
    /// Granularity of the sparse storage.
    let chunkSize = 4096
    var chunks: [Int: [UInt8]] = [:]
    /// How many `flush` calls completed (tests and traces).
    public private(set) var flushCount = 0
    public private(set) var writeGeneration = 0

    public init(sizeBytes: Int, sectorSize: Int = 512) {
        precondition(sizeBytes >= 0 && sizeBytes % sectorSize == 0, "device size \(sizeBytes)")
        self.sizeBytes = sizeBytes
        self.sectorSize = sectorSize
    }

    public func read(at offset: Int, count: Int) throws(Errno) -> [UInt8] {
        try checkBounds(offset, count)
        var out = [UInt8](repeating: 0, count: count)
        var pos = offset
        while pos < offset + count {
            let c = pos / chunkSize, inChunk = pos % chunkSize
            let n = min(chunkSize - inChunk, offset + count - pos)
            if let chunk = chunks[c] {
                out.replaceSubrange((pos - offset)..<(pos - offset + n), with: chunk[inChunk..<(inChunk + n)])
            }
            pos += n
        }
        return out
    }

    public func write(at offset: Int, _ bytes: [UInt8]) throws(Errno) {
        try checkBounds(offset, bytes.count)
        var pos = offset
        while pos < offset + bytes.count {
            let c = pos / chunkSize, inChunk = pos % chunkSize
            let n = min(chunkSize - inChunk, offset + bytes.count - pos)
            let src = bytes[(pos - offset)..<(pos - offset + n)]
            if n == chunkSize {
                chunks[c] = Array(src)
            } else {
                // In place: the dictionary's storage is the only reference, so no copy of the chunk is made.
                chunks[c, default: [UInt8](repeating: 0, count: chunkSize)].replaceSubrange(inChunk..<(inChunk + n), with: src)
            }
            pos += n
        }
        writeGeneration += 1
    }

    public func flush() throws(Errno) { flushCount += 1 }
}

// MARK: - State capture (explorer)

extension MemoryBlockDevice {
    /// Model only: makes this device hold what `other` holds (the chunks are copy-on-write values).
    func copyState(from other: MemoryBlockDevice) {
        precondition(sizeBytes == other.sizeBytes && sectorSize == other.sectorSize, "devices of different geometry")
        chunks = other.chunks
        flushCount = other.flushCount
        writeGeneration = other.writeGeneration
    }
}
