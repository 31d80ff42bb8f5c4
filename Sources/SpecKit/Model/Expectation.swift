import IomapEngine

// MARK: - Expectations (design.md "Expectations")

/// One `;`-separated expectation.
public struct Expectation: Sendable, Equatable {
    public var kind: ExpectationKind
    public var text: String
    public var location: SourceLocation
}

/// What an expectation checks; values are the engine's own types.
public enum ExpectationKind: Sendable, Equatable {
    case done
    case paused(PauseTarget)
    case blocked(WaitChannel)
    /// A count, or `-errno` (`ret=-EIO` is `-Errno.EIO`).
    case ret(Int)
    case got(Content)
    case file(offset: Int, length: Int, Content)
    case disk(offset: Int, length: Int, Content)
    case cache(offset: Int, length: Int, picture: String)
    /// `extents` (the data fork) or `cow`.
    case extents(ForkKind, offset: Int, length: Int, picture: String)
    case folios(offset: Int, length: Int, [FolioExtent])
    case size(Int)
    case seq([ForkKind: Int])
    case reserved(Int)
    case iomap(IomapExpectation?)
    case violation([String])
    case calls(function: String, count: Int)
    /// nil data or hole: `ENXIO` (no data after OFF; OFF at or past EOF).
    case seek(offset: Int, data: Int?, hole: Int?)
}

/// Byte content: runs of one byte value; `nil` is "no block" (`_`, disk only).
public struct Content: Sendable, Equatable, CustomStringConvertible {
    public var runs: [(byte: UInt8?, count: Int)]
    public var count: Int { runs.reduce(0) { $0 + $1.count } }
    public var bytes: [UInt8?] { runs.flatMap { Array(repeating: $0.byte, count: $0.count) } }
    /// The same bytes: compared run by run after merging neighbours of one byte, without expanding them.
    public static func == (a: Content, b: Content) -> Bool {
        a.merged.elementsEqual(b.merged) { $0.byte == $1.byte && $0.count == $1.count }
    }
    /// The runs with empty ones dropped and neighbours of one byte merged.
    var merged: [(byte: UInt8?, count: Int)] {
        var out: [(byte: UInt8?, count: Int)] = []
        for r in runs where r.count > 0 {
            if let last = out.last, last.byte == r.byte { out[out.count - 1].count += r.count } else { out.append(r) }
        }
        return out
    }
    /// Compresses bytes into runs (`A*4k 0*4k _*8k`).
    public init(bytes: [UInt8?]) {
        var runs: [(byte: UInt8?, count: Int)] = []
        for b in bytes {
            if let last = runs.last, last.byte == b { runs[runs.count - 1].count += 1 } else { runs.append((b, 1)) }
        }
        self.runs = runs
    }
    public init(runs: [(byte: UInt8?, count: Int)]) { self.runs = runs }
    public var description: String {
        if runs.isEmpty { return "(empty)" }
        return runs.map { run in
            let c: String = run.byte.map { $0 == 0 ? "0" : String(UnicodeScalar($0)) } ?? "_"
            return run.count == 1 ? c : "\(c)*\(formatSize(run.count))"
        }.joined(separator: " ")
    }
}

/// `POS+SIZE` in a `folios` expectation.
public struct FolioExtent: Sendable, Equatable, CustomStringConvertible {
    public var pos: Int
    public var size: Int
    public var description: String { "\(formatSize(pos))+\(formatSize(size))" }
}

/// `iomap = TYPE OFF+LEN [FLAG...]`: the engine's type and flags.
public struct IomapExpectation: Sendable, Equatable, CustomStringConvertible {
    public var type: IomapType
    public var offset: Int
    public var length: Int
    public var flags: IomapFlags
    /// `DELALLOC 0+4k NEW STALE`: the type and flags without their prefixes, flags in alphabetical order.
    public var description: String {
        ([Vocabulary.word(type), "\(formatSize(offset))+\(formatSize(length))"] + Vocabulary.words(flags).sorted())
            .joined(separator: " ")
    }
}
