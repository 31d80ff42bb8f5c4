// MARK: - Patch

/// One switchable fix of the series; off restores the pre-patch code path (Docs/design.md "Series switches").
public enum Patch: String, CaseIterable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 118e021b4b66: `__xfs_filemap_fault` uses `xfs_page_mkwrite_iomap_ops` (no `->iomap_end`).
    case mkwriteOpsSplit = "mkwrite-ops-split"
    /// 198dd8aedee6: write-failure cleanup holds `invalidate_lock` exclusively.
    case invalidateLock = "invalidate-lock"
    /// b71f889c18ad + 7348b322332d: byte-range punch, cleanup moved into iomap with a punch callback.
    case byteRangePunch = "byte-range-punch"
    /// f43dc4dc3eff: cleanup scans the range with SEEK_DATA/SEEK_HOLE and keeps dirty folios.
    case seekDataScan = "seek-data-scan"
    /// d7b64041164c + 304a68b9c63b: iomap validity cookie checked in `iomap_write_begin`.
    case validityCookie = "validity-cookie"
    /// 6e8af15ccdc4: errortag 28 `drop_writes` removed.
    case errortagRemoval = "errortag-removal"

    public var description: String { rawValue }

    /// Order of declaration (the series order), so sets print deterministically.
    public static func < (a: Patch, b: Patch) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

// MARK: - PatchSet

/// The set of applied patches; `.series` (all six) is the default, `.series.without(.validityCookie)` switches one off.
public struct PatchSet: Hashable, CustomStringConvertible {
    public private(set) var applied: Set<Patch>

    public init(_ applied: Set<Patch>) { self.applied = applied }
    public init(_ applied: [Patch]) { self.applied = Set(applied) }

    /// All six patches: the fixed 6.2 code.
    public static let series = PatchSet(Set(Patch.allCases))
    /// No patch applied: the pre-series code.
    public static let none = PatchSet(Set<Patch>())

    public func contains(_ p: Patch) -> Bool { applied.contains(p) }

    /// This set with the given patches switched off.
    public func without(_ ps: Patch...) -> PatchSet { without(ps) }
    public func without(_ ps: [Patch]) -> PatchSet { PatchSet(applied.subtracting(ps)) }

    /// This set with the given patches switched on.
    public func with(_ ps: Patch...) -> PatchSet { PatchSet(applied.union(ps)) }

    /// Sorted in series order.
    public var sorted: [Patch] { applied.sorted() }

    /// Parses the scenario setting: `series`, or `-name,-name` (the series minus those). Nil on an unknown name.
    public init?(parsing text: String) {
        if text == "series" { self = .series; return }
        var set = PatchSet.series
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard part.hasPrefix("-"), let p = Patch(rawValue: String(part.dropFirst())) else { return nil }
            set = set.without(p)
        }
        self = set
    }

    /// `series`, or `-name,-name` for the switched-off ones.
    public var description: String {
        if self == .series { return "series" }
        return Patch.allCases.filter { !applied.contains($0) }.map { "-" + $0.rawValue }.joined(separator: ",")
    }
}
