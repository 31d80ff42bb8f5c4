// MARK: - comparing two replays

/// One way two replays of the same log disagree.
public enum FsxDifference: Equatable, Sendable, CustomStringConvertible {
    case recordCount(expected: Int, actual: Int)
    case record(index: Int, expected: FsxOpRecord, actual: FsxOpRecord)
    case finalSize(expected: Int, actual: Int)
    case finalContent(expected: String, actual: String)
    case seekMap(expected: [FsxSegment], actual: [FsxSegment])

    public var description: String {
        switch self {
        case let .recordCount(e, a): return "operation count: expected \(e), got \(a)"
        case let .record(_, e, a): return "line \(e.n) \(e.op): expected \(e.jsonLine), got \(a.jsonLine)"
        case let .finalSize(e, a): return "final size: expected \(e), got \(a)"
        case let .finalContent(e, a): return "final sha256: expected \(e), got \(a)"
        case let .seekMap(e, a):
            return "seek map: expected \(e.map(\.description).joined(separator: " ")), got \(a.map(\.description).joined(separator: " "))"
        }
    }

    /// Whether this is a seek-map difference (a fidelity measure, not content).
    public var isSeekMap: Bool { if case .seekMap = self { return true }; return false }
}

extension FsxReplayResult {
    /// Every difference from `expected`: per-operation records, final size, content and seek map.
    public func differences(from expected: FsxReplayResult) -> [FsxDifference] {
        var out: [FsxDifference] = []
        if records.count != expected.records.count {
            out.append(.recordCount(expected: expected.records.count, actual: records.count))
        }
        for (i, (e, a)) in zip(expected.records, records).enumerated() where e != a {
            out.append(.record(index: i, expected: e, actual: a))
        }
        if final.size != expected.final.size { out.append(.finalSize(expected: expected.final.size, actual: final.size)) }
        if final.sha256 != expected.final.sha256 {
            out.append(.finalContent(expected: expected.final.sha256, actual: final.sha256))
        }
        if final.seek != expected.final.seek { out.append(.seekMap(expected: expected.final.seek, actual: final.seek)) }
        return out
    }
}
