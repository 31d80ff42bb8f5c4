// MARK: - Scenario model (design.md "Scenario blocks")

/// A `scenario ID key=value...` block: settings, the `without` columns and the steps.
public struct Scenario: Sendable {
    public var id: String
    public var location: SourceLocation
    /// Id of the section the block sits in.
    public var sectionId: String
    public var settings: ScenarioSettings
    /// `without SWITCH` column names, in column order.
    public var without: [String]
    public var steps: [Step]
    /// Runs: index 0 is the `expect` column with `settings.patches`; index i is `without[i-1]`.
    public var variantNames: [String] { ["expect"] + without.map { "without \($0)" } }
}

/// The settings of a scenario info string.
public struct ScenarioSettings: Sendable, Equatable {
    public var blockSize = 4096
    public var folioSize = 4096
    /// Switches turned off by `patches=-name,...` (empty: the whole series).
    public var patchesOff: [String] = []
    public var device: Device = .memory
    public var tags: [String] = []
    public enum Device: String, Sendable { case memory, file }
    public init() {}
}

/// One table row: step label, actor, action and one expectation cell per run.
public struct Step: Sendable {
    public var label: String
    public var location: SourceLocation
    public var actor: String
    public var action: Action
    public var actionText: String
    /// One cell per variant (index as `Scenario.variantNames`); `=` cells are already copied from `expect`.
    public var cells: [ExpectationCell]
    /// `-` is the synchronous harness.
    public var isHarness: Bool { actor == "-" }
}

/// The expectations of one cell.
public struct ExpectationCell: Sendable {
    public var text: String
    public var location: SourceLocation
    public var expectations: [Expectation]
}

/// An action column: the operation plus an optional pause target.
public struct Action: Sendable, Equatable {
    public var kind: ActionKind
    public var until: Until?
    public var location: SourceLocation
}

/// `until=POINT[@OFF]`.
public struct Until: Sendable, Equatable, CustomStringConvertible {
    public var point: String
    public var pos: Int?
    public var description: String { pos.map { "\(point)@\(sizeText($0))" } ?? point }
}

/// The operations a row can start (design.md "Actions").
public enum ActionKind: Sendable, Equatable {
    case pwrite(offset: Int, length: Int, data: UInt8, efault: Int?)
    case pread(offset: Int, length: Int)
    case store(offset: Int, length: Int, data: UInt8)
    case load(offset: Int, length: Int)
    case truncate(size: Int)
    case fallocate(offset: Int, length: Int, keepSize: Bool)
    case punchHole(offset: Int, length: Int)
    case zeroRange(offset: Int, length: Int, keepSize: Bool)
    case fsync
    case writeback(offset: Int, length: Int)
    case reclaim(offset: Int, length: Int)
    case readahead(offset: Int, length: Int)
    case errortag(tag: Int, value: Int)
    case failIO(offset: Int, length: Int)
    case failMap(offset: Int, length: Int)
    case `continue`

    /// Whether the operation returns bytes (`got=` is checkable).
    public var isRead: Bool {
        switch self { case .pread, .load: return true; default: return false }
    }
    /// Highest byte the action names (for picture ranges).
    public var reach: Int {
        switch self {
        case .pwrite(let o, let l, _, _), .pread(let o, let l), .store(let o, let l, _), .load(let o, let l),
             .fallocate(let o, let l, _), .punchHole(let o, let l), .zeroRange(let o, let l, _),
             .writeback(let o, let l), .reclaim(let o, let l), .readahead(let o, let l), .failIO(let o, let l),
             .failMap(let o, let l):
            return o + l
        case .truncate(let s): return s
        default: return 0
        }
    }
}

/// One `;`-separated expectation.
public struct Expectation: Sendable, Equatable {
    public var kind: ExpectationKind
    public var text: String
    public var location: SourceLocation
}

/// Byte content: runs of one byte value; `nil` is "no block" (`_`, disk only).
public struct Content: Sendable, Equatable, CustomStringConvertible {
    public var runs: [(byte: UInt8?, count: Int)]
    public var count: Int { runs.reduce(0) { $0 + $1.count } }
    public var bytes: [UInt8?] { runs.flatMap { Array(repeating: $0.byte, count: $0.count) } }
    public static func == (a: Content, b: Content) -> Bool { a.bytes == b.bytes }
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
            return run.count == 1 ? c : "\(c)*\(sizeText(run.count))"
        }.joined(separator: " ")
    }
}

/// What an expectation checks (design.md "Expectations").
public enum ExpectationKind: Sendable, Equatable {
    case done
    case paused(point: String, pos: Int?)
    case blocked(lock: String)
    case ret(Int)
    case got(Content)
    case file(offset: Int, length: Int, Content)
    case disk(offset: Int, length: Int, Content)
    case cache(offset: Int, length: Int, picture: String)
    case extents(offset: Int, length: Int, picture: String)
    case cow(offset: Int, length: Int, picture: String)
    case folios(offset: Int, length: Int, [FolioExtent])
    case size(Int)
    case seq([String: Int])
    case reserved(Int)
    case iomap(IomapExpectation?)
    case violation([String])
    case calls(function: String, count: Int)
    case seek(offset: Int, data: Int?, hole: Int)
}

/// `POS+SIZE` in a `folios` expectation.
public struct FolioExtent: Sendable, Equatable, CustomStringConvertible {
    public var pos: Int
    public var size: Int
    public var description: String { "\(sizeText(pos))+\(sizeText(size))" }
}

/// `iomap = TYPE OFF+LEN [FLAG...]`.
public struct IomapExpectation: Sendable, Equatable, CustomStringConvertible {
    public var type: String
    public var offset: Int
    public var length: Int
    public var flags: [String]
    public var description: String {
        ([type, "\(sizeText(offset))+\(sizeText(length))"] + flags).joined(separator: " ")
    }
}

/// Sizes as the spec writes them: `4k`, `1m`, else decimal.
func sizeText(_ n: Int) -> String {
    if n != 0 && n % (1 << 20) == 0 { return "\(n >> 20)m" }
    if n != 0 && n % 1024 == 0 { return "\(n >> 10)k" }
    return "\(n)"
}
