import IomapEngine

// MARK: - generated fsx-style logs

/// Writes deterministic fsx-style logs (fsx's default limits: 256 KiB file, 64 KiB operations) from a seed,
/// for longer replays than the shared logs: cross-checks and the 1,000-operation timing.
public struct FsxLogGenerator {
    public var maxFileLength = 256 * 1024
    public var maxOpLength = 64 * 1024
    /// Offsets, truncate sizes and the size field are written multiplied by this (lengths are not): the same
    /// operations spread over a file this many times larger (1 MiB × 2²⁰ = 1 TiB).
    public var offsetScale = 1
    /// The operations drawn from, fsx's XFS defaults: every kind, `collapse_range` and `insert_range` included.
    public var kinds: [FsxOpKind] = FsxOpKind.allCases
    /// What fsx aligns collapse and insert ranges to (`st_blksize`, 4 KiB on XFS whatever the block size).
    public var shiftAlignment = 4096
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// The next pseudo-random 64-bit value.
    private mutating func next() -> UInt64 { random.next() }

    private mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    /// `count` executed operations, one a line, with the file size each saw before it (fsx's third field).
    public mutating func log(operations count: Int) -> String {
        var size = 0
        var lines: [String] = []
        lines.reserveCapacity(count)
        while lines.count < count {
            let kind = kinds[below(kinds.count)]
            var offset = below(maxFileLength)
            var length = below(maxOpLength + 1)
            var keepSize = false
            switch kind {
            case .read, .mapread, .punchHole:
                if size == 0 { continue }
                offset %= size
                length = min(length, size - offset)
            case .write, .mapwrite, .fallocate, .zeroRange:
                length = min(length, maxFileLength - offset)
                if kind == .fallocate || kind == .zeroRange { keepSize = below(2) == 1 }
            case .truncate:
                length = below(maxFileLength + 1)
                offset = 0
            case .collapseRange:
                // fsx do_collapse_range: aligned, and ending below EOF (else it would be a truncate).
                if size == 0 { continue }
                offset = roundDown(offset % size, shiftAlignment)
                length = roundDown(min(length, size - 1 - offset), shiftAlignment)
                if offset + length >= size { continue }
            case .insertRange:
                // fsx do_insert_range: aligned, starting below EOF, the file staying within its limit.
                if size == 0 { continue }
                offset = roundDown(offset % size, shiftAlignment)
                length = roundDown(min(length, maxFileLength - size), shiftAlignment)
            }
            if length == 0 && kind != .truncate { continue }
            let k = offsetScale
            let shown = kind == .truncate ? (offset, length * k) : (offset * k, length)
            var line = "\(kind.rawValue) \(fsxHex(shown.0)) \(fsxHex(shown.1)) \(fsxHex(size * k))"
            if keepSize { line += " keep_size" }
            lines.append(line)
            switch kind {
            case .write, .mapwrite: size = max(size, offset + length)
            case .fallocate, .zeroRange: if !keepSize { size = max(size, offset + length) }
            case .truncate: size = length
            case .collapseRange: size -= length
            case .insertRange: size += length
            case .read, .mapread, .punchHole: break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
