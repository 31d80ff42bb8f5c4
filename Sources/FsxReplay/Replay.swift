// MARK: - replay results

/// What one executed operation left behind: the JSONL line `{"n", "op", "size"[, "sha256"]}`.
public struct FsxOpRecord: Equatable, Sendable {
    public var n: Int
    public var op: String
    public var size: Int
    /// SHA-256 (hex) of the bytes a `read`/`mapread` returned; nil for other operations.
    public var sha256: String?
    public init(n: Int, op: String, size: Int, sha256: String? = nil) {
        self.n = n; self.op = op; self.size = size; self.sha256 = sha256
    }
}

/// The file after the last operation and fsync: `{"final": {"size", "sha256", "seek"}}`.
public struct FsxFinalRecord: Equatable, Sendable {
    public var size: Int
    public var sha256: String
    /// Data segments `[start, end)` by alternating SEEK_DATA/SEEK_HOLE from 0, clipped to `size`.
    public var seek: [FsxSegment]
    public init(size: Int, sha256: String, seek: [FsxSegment]) { self.size = size; self.sha256 = sha256; self.seek = seek }
}

/// One data segment of the seek map.
public struct FsxSegment: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
    public var description: String { "[\(start), \(end))" }
}

/// A whole replay: one record per executed operation, then the final state.
public struct FsxReplayResult: Equatable, Sendable {
    public var records: [FsxOpRecord]
    public var final: FsxFinalRecord
    public init(records: [FsxOpRecord], final: FsxFinalRecord) { self.records = records; self.final = final }
}

// MARK: - the replay rules (shared/fsx/README.md)

/// Runs fsx logs on a target with the rules the shared kernel logs were recorded with.
public enum FsxReplayer {
    /// Replay every operation of `log` in order on `target`, then fsync and describe the file.
    ///
    /// `cold`: after the fsync, remount (`FsxTarget.remount`) and walk the seek map before hashing
    /// (`*.cold.jsonl`, shared/fsx/README.md "Cold-cache records").
    public static func replay(_ log: FsxLog, on target: FsxTarget, cold: Bool = false) throws -> FsxReplayResult {
        let records = try replayOperations(log, on: target)
        let final: FsxFinalRecord
        do { final = try cold ? coldFinalState(of: target) : finalState(of: target) } catch {
            throw FsxReplayError("\(log.path): final fsync/read/seek failed: \(error)")
        }
        target.finishReplay()
        return FsxReplayResult(records: records, final: final)
    }

    /// Every operation of `log` in order on `target`, without the final fsync, hash and seek map.
    public static func replayOperations(_ log: FsxLog, on target: FsxTarget) throws -> [FsxOpRecord] {
        var records: [FsxOpRecord] = []
        records.reserveCapacity(log.operations.count)
        for op in log.operations {
            do {
                records.append(try perform(op, on: target))
            } catch {
                throw FsxReplayError("\(log.path):\(op.line): \(op.kind.rawValue) \(fsxHex(op.offset)) \(fsxHex(op.length)) failed: \(error)")
            }
        }
        return records
    }

    /// One operation: its effect on the target and the record it leaves.
    static func perform(_ op: FsxOperation, on target: FsxTarget) throws -> FsxOpRecord {
        var digest: String? = nil
        switch op.kind {
        case .write:
            try target.pwrite(offset: op.offset, data: fsxPattern(line: op.line, offset: op.offset, length: op.length))
        case .mapwrite:
            // fsx domapwrite: extend with ftruncate first, the mapping cannot grow the file.
            if op.offset + op.length > (try target.fileSize()) { try target.truncate(size: op.offset + op.length) }
            try target.mapStore(offset: op.offset, data: fsxPattern(line: op.line, offset: op.offset, length: op.length))
        case .read:
            digest = SHA256.hex(try target.pread(offset: op.offset, length: op.length))
        case .mapread:
            let size = try target.fileSize()
            let length = max(0, min(op.length, size - op.offset))
            digest = SHA256.hex(length > 0 ? try target.mapLoad(offset: op.offset, length: length) : [])
        case .truncate:
            try target.truncate(size: op.length)
        case .fallocate:
            try target.fallocate(offset: op.offset, length: op.length, keepSize: op.keepSize)
        case .punchHole:
            try target.punchHole(offset: op.offset, length: op.length)
        case .zeroRange:
            try target.zeroRange(offset: op.offset, length: op.length, keepSize: op.keepSize)
        case .collapseRange:
            try target.collapseRange(offset: op.offset, length: op.length)
        case .insertRange:
            try target.insertRange(offset: op.offset, length: op.length)
        }
        return FsxOpRecord(n: op.line, op: op.kind.rawValue, size: try target.fileSize(), sha256: digest)
    }

    /// fsync, then size, SHA-256 of the whole file and the seek map.
    public static func finalState(of target: FsxTarget) throws -> FsxFinalRecord {
        try target.fsync()
        let size = try target.fileSize()
        let digest = try target.wholeFileSHA256(size: size)
        return FsxFinalRecord(size: size, sha256: hexString(digest), seek: try seekMap(of: target, size: size))
    }

    /// fsync, remount, then size, the seek map on the cold cache, and SHA-256 of the whole file.
    public static func coldFinalState(of target: FsxTarget) throws -> FsxFinalRecord {
        try target.fsync()
        try target.remount()
        let size = try target.fileSize()
        let seek = try seekMap(of: target, size: size)
        let digest = try target.wholeFileSHA256(size: size)
        return FsxFinalRecord(size: size, sha256: hexString(digest), seek: seek)
    }

    /// Data segments by alternating SEEK_DATA and SEEK_HOLE from 0, clipped to `size`.
    public static func seekMap(of target: FsxTarget, size: Int) throws -> [FsxSegment] {
        var segments: [FsxSegment] = []
        var pos = 0
        while pos < size {
            guard let data = try target.seekData(pos), data < size else { break }
            let hole = try target.seekHole(data)
            guard hole > data else { throw FsxReplayError("SEEK_HOLE(\(data)) returned \(hole)") }
            segments.append(FsxSegment(data, min(hole, size)))
            pos = hole
        }
        return segments
    }
}
