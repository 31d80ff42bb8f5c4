// MARK: - Patch

/// One switch of the model; off restores the code path its description names (Docs/design.md "Series switches").
///
/// Three kinds (`PatchKind`): the nine patches of the series (on in 6.2), a later upstream fix (off in 6.2, on in
/// 6.3), and counterfactuals: properties the 6.2 kernel has that no patch added, switched off to show what they
/// protect (chapters 7 and 8). `PatchSet.series` is the 6.2 kernel: every switch on except the later fixes.
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
    /// 8ac5b996bf51 (6.3): `xfs_discard_folio` punches from `pos` to the folio end, also for a folio-aligned `pos`.
    case discardFolioFix = "discard-folio-fix"
    /// Counterfactual: `xfs_file_buffered_write` takes `XFS_IOLOCK_EXCL` for every write, not only extending ones.
    case iolockEveryWrite = "iolock-every-write"
    /// Counterfactual: `xfs_iext_inc_seq` runs under `XFS_ILOCK_EXCL`, not as a load and a store after the unlock.
    case seqBumpUnderIlock = "seq-bump-under-ilock"
    /// Counterfactual: `->iomap_begin` samples the cookie under the ILOCK it looked the extent up under.
    case cookieUnderIlock = "cookie-under-ilock"
    /// Counterfactual: an extent change is one ILOCK hold whose every fork edit bumps `if_seq`.
    case bumpEveryEdit = "bump-every-edit"

    public var description: String { rawValue }

    /// Order of declaration (series, later fixes, counterfactuals), so sets print deterministically.
    public static func < (a: Patch, b: Patch) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

// MARK: - Kind, commit, subject, chapter

/// What a switch is: a patch of the series, a later upstream fix, or a counterfactual.
public enum PatchKind: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// One of the nine patches (Linux 6.2); on in `.series`.
    case seriesPatch = "series patch"
    /// An upstream fix after 6.2; off in `.series` (6.2 has not got it), switched on by a `with` column.
    case laterFix = "later fix"
    /// A property of the 6.2 kernel no patch introduced; on in `.series`, off shows what it protects.
    case counterfactual = "counterfactual"

    public var description: String { rawValue }
}

extension Patch {
    /// The switch's kind.
    public var kind: PatchKind {
        switch self {
        case .mkwriteOpsSplit, .invalidateLock, .byteRangePunch, .seekDataScan, .validityCookie, .errortagRemoval:
            return .seriesPatch
        case .discardFolioFix:
            return .laterFix
        case .iolockEveryWrite, .seqBumpUnderIlock, .cookieUnderIlock, .bumpEveryEdit:
            return .counterfactual
        }
    }

    /// Upstream commits (abbreviated ids) the switch stands for; for a counterfactual, the commit it departs from.
    public var commits: [String] {
        switch self {
        case .mkwriteOpsSplit, .invalidateLock, .byteRangePunch, .seekDataScan, .validityCookie, .errortagRemoval:
            return SeriesCommit.all.filter { $0.patch == self }.map(\.commit)
        case .discardFolioFix: return ["8ac5b996bf51"]
        case .iolockEveryWrite: return ["7e64c86cdc6c"]
        case .seqBumpUnderIlock, .bumpEveryEdit: return []
        case .cookieUnderIlock: return ["304a68b9c63b"]
        }
    }

    /// The commit subject (a series patch's commits' subjects, joined), or for a counterfactual what "off" does.
    public var subject: String {
        switch self {
        case .mkwriteOpsSplit, .invalidateLock, .byteRangePunch, .seekDataScan, .validityCookie, .errortagRemoval:
            return SeriesCommit.all.filter { $0.patch == self }.map(\.subject).joined(separator: "; ")
        case .discardFolioFix: return "xfs: fix off-by-one-block in xfs_discard_folio()"
        case .iolockEveryWrite: return "off: the inode lock only for writes that extend the file, as bcachefs: Buffered write path now can avoid the inode lock (reverted by e3e694094091)"
        case .seqBumpUnderIlock: return "off: if_seq incremented as a load and a store after xfs_iunlock, with a scheduling point between them (ext4 i_es_seq review)"
        case .cookieUnderIlock: return "off: the validity cookie sampled after xfs_iunlock, the order 304a68b9c63b removed"
        case .bumpEveryEdit: return "off: unwritten conversion in two ILOCK holds, if_seq bumped only by the first (ext4_collapse_range's window)"
        }
    }

    /// The number of the chapter about the switch.
    public var chapter: Int {
        switch self {
        case .mkwriteOpsSplit: return 1
        case .invalidateLock: return 2
        case .byteRangePunch, .discardFolioFix: return 3
        case .seekDataScan: return 4
        case .validityCookie: return 5
        case .errortagRemoval: return 6
        case .iolockEveryWrite: return 7
        case .seqBumpUnderIlock, .cookieUnderIlock, .bumpEveryEdit: return 8
        }
    }

    /// On in the 6.2 kernel (`.series`): series patches and counterfactuals; later fixes are not.
    public var isOnIn62: Bool { kind != .laterFix }
}

// MARK: - The series, commit by commit

/// One of the nine commits of the Linux 6.2 series (Dave Chinner, Nov 2022) and the switch that reverts it.
public struct SeriesCommit: Sendable, Hashable {
    /// Position in the series, 1...9.
    public var number: Int
    /// The abbreviated commit id.
    public var commit: String
    /// The commit's subject line.
    public var subject: String
    /// The engine switch that reverts it (three commits share `byte-range-punch`, two `validity-cookie`).
    public var patch: Patch

    /// The nine commits in series order (`../shared/seeds/README.md`).
    public static let all: [SeriesCommit] = [
        SeriesCommit(number: 1, commit: "118e021b4b66", subject: "xfs: write page faults in iomap are not buffered writes", patch: .mkwriteOpsSplit),
        SeriesCommit(number: 2, commit: "198dd8aedee6", subject: "xfs: punching delalloc extents on write failure is racy", patch: .invalidateLock),
        SeriesCommit(number: 3, commit: "b71f889c18ad", subject: "xfs: use byte ranges for write cleanup ranges", patch: .byteRangePunch),
        SeriesCommit(number: 4, commit: "9c7babf94a0d", subject: "xfs,iomap: move delalloc punching to iomap", patch: .byteRangePunch),
        SeriesCommit(number: 5, commit: "f43dc4dc3eff", subject: "iomap: buffered write failure should not truncate the page cache", patch: .seekDataScan),
        SeriesCommit(number: 6, commit: "7348b322332d", subject: "xfs: xfs_bmap_punch_delalloc_range() should take a byte range", patch: .byteRangePunch),
        SeriesCommit(number: 7, commit: "d7b64041164c", subject: "iomap: write iomap validity checks", patch: .validityCookie),
        SeriesCommit(number: 8, commit: "304a68b9c63b", subject: "xfs: use iomap_valid method to detect stale cached iomaps", patch: .validityCookie),
        SeriesCommit(number: 9, commit: "6e8af15ccdc4", subject: "xfs: drop write error injection is unfixable, remove it", patch: .errortagRemoval),
    ]
}

// MARK: - PatchSet

/// The set of switches on; `.series` (the 6.2 kernel) is the default, `.series.without(.validityCookie)` reverts one.
public struct PatchSet: Hashable, CustomStringConvertible {
    public private(set) var applied: Set<Patch>

    public init(_ applied: Set<Patch>) { self.applied = applied }
    public init(_ applied: [Patch]) { self.applied = Set(applied) }

    /// The 6.2 kernel: the nine patches applied, every counterfactual switch on, no later fix.
    public static let series = PatchSet(Set(Patch.allCases.filter(\.isOnIn62)))
    /// The pre-series code: no patch of the series, the counterfactual switches still on (that kernel had them).
    public static let none = PatchSet(Set(Patch.allCases.filter { $0.kind == .counterfactual }))

    public func contains(_ p: Patch) -> Bool { applied.contains(p) }

    /// This set with the given switches off.
    public func without(_ ps: Patch...) -> PatchSet { without(ps) }
    public func without(_ ps: [Patch]) -> PatchSet { PatchSet(applied.subtracting(ps)) }

    /// This set with the given switches on.
    public func with(_ ps: Patch...) -> PatchSet { with(ps) }
    public func with(_ ps: [Patch]) -> PatchSet { PatchSet(applied.union(ps)) }

    /// Sorted in declaration order.
    public var sorted: [Patch] { applied.sorted() }

    /// Parses the scenario setting: `series`, or `-name` / `+name` items (the series minus / plus those).
    ///
    /// `-name` needs a switch that is on in the series, `+name` one that is off (a later fix). Nil otherwise.
    public init?(parsing text: String) {
        if text == "series" { self = .series; return }
        var set = PatchSet.series
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let sign = part.first, sign == "-" || sign == "+",
                  let p = Patch(rawValue: String(part.dropFirst())), p.isOnIn62 == (sign == "-") else { return nil }
            set = sign == "-" ? set.without(p) : set.with(p)
        }
        self = set
    }

    /// `series`, or `-name,+name` for the switches that differ from it.
    public var description: String {
        if self == .series { return "series" }
        return Patch.allCases.compactMap { p -> String? in
            if p.isOnIn62 && !applied.contains(p) { return "-" + p.rawValue }
            if !p.isOnIn62 && applied.contains(p) { return "+" + p.rawValue }
            return nil
        }.joined(separator: ",")
    }
}
