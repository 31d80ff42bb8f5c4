import IomapEngine

// MARK: - The settings vocabulary: one declaration per `key=` of a scenario info string

/// One scenario setting: its key, what it means, its default and how its value is applied.
struct SettingWord: Sendable {
    let key: String
    let meaning: String
    let defaultText: String
    /// Applies the value (at `loc`) to the settings, or reports why it cannot.
    let apply: @Sendable (Substring, SourceLocation, inout ScenarioSettings, inout [SpecDiagnostic]) -> Void

    // MARK: The declarations

    /// Every setting, in the order the grammar reference and the error messages list them.
    static let all: [SettingWord] = [
        size("bs", "filesystem block size", from: 512, to: 65536, \.blockSize),
        size("folio", "size new folios get", from: 4096, to: 65536, \.folioSize),
        SettingWord(key: "patches", meaning: "`series`, or a comma list of `-name` (a switch of the series turned off) and `+name` (a later fix or counterfactual turned on)",
                    defaultText: "series") { value, loc, s, d in s.flipped = patches(value, at: loc, diagnostics: &d) },
        SettingWord(key: "device", meaning: "`memory`, or `file` (a temporary regular file behind `FileBlockDevice`)",
                    defaultText: "memory") { value, loc, s, d in
            if let dev = ScenarioSettings.Device(rawValue: String(value)) { s.device = dev } else {
                let words = ScenarioSettings.Device.allCases.map { "device=\($0.rawValue)" }
                d.append(SpecDiagnostic(loc, "expected \(orList(words)), found '\(value)'"))
            }
        },
        SettingWord(key: "tags", meaning: "comma list, selected by `iomapspec run --tag T`", defaultText: "none") { value, _, s, _ in
            s.tags = value.split(separator: ",").map(String.init)
        },
        SettingWord(key: "aka", meaning: "former ids of the block, comma list: each still names it wherever an id is accepted",
                    defaultText: "none") { value, loc, s, d in s.aliases = aliases(value, at: loc, diagnostics: &d) },
    ]

    /// `bs, folio, patches, ...` for "expected one of" messages.
    static var keyList: String { all.map(\.key).joined(separator: ", ") }

    /// A power-of-two size between `lo` and `hi`.
    static func size(_ key: String, _ what: String, from lo: Int, to hi: Int,
                     _ path: WritableKeyPath<ScenarioSettings, Int> & Sendable) -> SettingWord {
        SettingWord(key: key, meaning: "\(what), a power of two from \(formatSize(lo)) to \(formatSize(hi))",
                    defaultText: formatSize(ScenarioSettings()[keyPath: path])) { value, loc, s, d in
            guard let n = parseNumber(value), n >= lo, n <= hi, n & (n - 1) == 0 else {
                d.append(SpecDiagnostic(loc, "expected \(key)= a power of two from \(formatSize(lo)) to \(formatSize(hi)), found '\(value)'"))
                return
            }
            s[keyPath: path] = n
        }
    }

    /// `series`, or `-SWITCH` / `+SWITCH` items: the switches flipped from the series.
    ///
    /// `-` takes a switch of the series (on in 6.2), `+` one that 6.2 has not got (a later fix or counterfactual).
    static func patches(_ value: Substring, at loc: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> [Patch] {
        if value == "series" { return [] }
        var flipped: [Patch] = []
        var col = 0
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            defer { col += item.count + 1 }
            let at = loc.advanced(by: col)
            guard let sign = item.first, sign == "-" || sign == "+", let p = Patch(rawValue: String(item.dropFirst())) else {
                diagnostics.append(SpecDiagnostic(at, "expected patches=series or a comma list of -SWITCH and +SWITCH with SWITCH one of \(Vocabulary.switches.joined(separator: ", ")), found '\(item)'"))
                continue
            }
            guard (sign == "-") == p.isOnIn62 else {
                diagnostics.append(SpecDiagnostic(at, "expected '\(SwitchColumn.flag(p))': \(p) is a \(p.kind), \(p.isOnIn62 ? "on" : "off") in the series, found '\(item)'"))
                continue
            }
            if flipped.contains(p) {
                diagnostics.append(SpecDiagnostic(at, "duplicate '\(item)' in patches="))
                continue
            }
            flipped.append(p)
        }
        return flipped
    }

    /// `ID,ID`: former ids, each a valid id.
    static func aliases(_ value: Substring, at loc: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> [String] {
        var out: [String] = []
        var col = 0
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            defer { col += item.count + 1 }
            guard isValidId(item) else {
                diagnostics.append(SpecDiagnostic(loc.advanced(by: col), "expected aka=ID[,ID...] with ids of letters, digits and _-./, found '\(item)'"))
                continue
            }
            out.append(String(item))
        }
        return out
    }
}

// MARK: - The settings only an explore block takes: its search bounds

/// The search bounds of an explore block, as its info string sets them.
struct ExploreBounds: Sendable, Equatable {
    var preemptions = 2
    var depth = 3
}

/// One `key=N` setting of an explore block's info string: a bound of the search, with its range and default.
struct ExploreSettingWord: Sendable {
    let key: String
    let meaning: String
    let range: ClosedRange<Int>
    let path: WritableKeyPath<ExploreBounds, Int> & Sendable

    /// Every explore-only setting, in the order the grammar reference and the error messages list them.
    static let all: [ExploreSettingWord] = [
        ExploreSettingWord(key: "preemptions", meaning: "the exhaustive search's bound: at most N preemptions, deepened from 0",
                           range: 0...8, path: \.preemptions),
        ExploreSettingWord(key: "depth", meaning: "the PCT depth of `iomapspec explore --pct` (N - 1 priority change points)",
                           range: 1...8, path: \.depth),
    ]

    var defaultText: String { "\(ExploreBounds()[keyPath: path])" }

    /// Applies `value` (at `loc`) to the bounds, or reports why it cannot.
    func apply(_ value: Substring, at loc: SourceLocation, to bounds: inout ExploreBounds,
               diagnostics: inout [SpecDiagnostic]) {
        guard let n = Int(value), range.contains(n) else {
            diagnostics.append(SpecDiagnostic(loc, "expected \(key)=N with N from \(range.lowerBound) to \(range.upperBound), found '\(value)'"))
            return
        }
        bounds[keyPath: path] = n
    }
}
