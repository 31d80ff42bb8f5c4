import IomapEngine

// MARK: - Words the grammar takes from the engine (Docs/design.md, "Scenario blocks")

/// The engine vocabularies a scenario names, spelled as the grammar writes them; every list comes from an engine type.
public enum Vocabulary {
    /// `without SWITCH` and `patches=-NAME` names: `Patch` raw values, in series order.
    public static var switches: [String] { Patch.allCases.map(\.rawValue) }
    /// `until=POINT` and `paused=POINT` names: `PausePoint` raw values.
    public static var pausePoints: [String] { PausePoint.allCases.map(\.rawValue) }
    /// Invariant names for `violation=` (design.md "Invariants").
    public static var invariants: [String] { InvariantName.all }
    /// `ret=-ERRNO` names: `Errno`.
    public static var errnos: [String] { Errno.allCases.map(\.name) }
    /// `iomap = TYPE` names: `IomapType` without `IOMAP_`.
    public static var iomapTypes: [String] { IomapType.allCases.map(word) }
    /// `iomap = ... FLAG` names: `IomapFlags` without `IOMAP_F_`, in bit order.
    public static var iomapFlags: [String] { IomapFlags.names.map(\.1) }
    /// `blocked=` wait channels: the locks in lock order, then writeback; `@POS` stands for every position.
    public static let waitChannels: [WaitChannel] = [.lock(.i_rwsem), .lock(.invalidate_lock), .lock(.folio(0)),
                                                     .lock(.ILOCK), .writeback(pos: 0)]
    /// `blocked=` words: `i_rwsem`, `invalidate_lock`, `folio@POS`, `ILOCK`, `writeback@POS`.
    public static var waitChannelWords: [String] {
        waitChannels.map {
            switch $0 {
            case .lock(.folio): return "folio@POS"
            case .writeback: return "writeback@POS"
            default: return $0.description
            }
        }
    }
    /// Characters of a page-cache picture.
    public static let cacheChars: Set<Character> = ["-", ".", "u", "D", "d", "W", "L"]
    /// Characters of an extent picture.
    public static let extentChars: Set<Character> = ["h", "d", "u", "w"]

    // MARK: Lookups

    /// `IOMAP_DELALLOC` → `DELALLOC`.
    public static func word(_ t: IomapType) -> String { String(t.rawValue.dropFirst("IOMAP_".count)) }
    /// The set flags' names without `IOMAP_F_`, in bit order.
    public static func words(_ f: IomapFlags) -> [String] { f.flagNames }

    /// `delalloc`, `IOMAP_DELALLOC`, ... (any case) → `.IOMAP_DELALLOC`.
    static func iomapType(_ text: Substring) -> IomapType? {
        let w = strip(text, "IOMAP_")
        return IomapType.allCases.first { word($0) == w }
    }

    /// `new`, `IOMAP_F_NEW`, ... (any case) → `.IOMAP_F_NEW`.
    static func iomapFlag(_ text: Substring) -> IomapFlags? {
        let w = strip(text, "IOMAP_F_")
        return IomapFlags.names.first { $0.1 == w }?.0
    }

    /// `i_rwsem`, `invalidate_lock`, `ILOCK`, `folio@POS` or `writeback@POS` → what the engine's actor sleeps on.
    static func waitChannel(_ text: Substring) -> WaitChannel? {
        if text.hasPrefix("folio@"), let n = parseNumber(text.dropFirst(6)), n >= 0 { return .lock(.folio(n)) }
        if text.hasPrefix("writeback@"), let n = parseNumber(text.dropFirst(10)), n >= 0 { return .writeback(pos: n) }
        return waitChannels.first { $0.description == text }
    }

    /// Upper case without an optional prefix.
    private static func strip(_ text: Substring, _ prefix: String) -> String {
        let u = text.uppercased()
        return u.hasPrefix(prefix) ? String(u.dropFirst(prefix.count)) : u
    }
}
