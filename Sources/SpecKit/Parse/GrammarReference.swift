// MARK: - The grammar reference tables of Docs/scenario-format.md, generated from the declarations

/// Renders the grammar's declarations as the Markdown tables of Docs/scenario-format.md and checks them there.
///
/// The declarations are `SettingWord`, `ExploreSettingWord`, `ActionWord`, `ExpectationWord` and `Vocabulary`. A table sits between `<!-- grammar: NAME -->` and `<!-- end grammar -->` lines; `SpecKitTests.grammarTables`
/// fails when one differs, and rewrites them when run with `IOMAPSPEC_WRITE_GRAMMAR=1`.
public enum GrammarReference {
    /// The generated tables, by region name.
    public enum Table: String, CaseIterable, Sendable {
        case settings, actions, expectations, words
        case exploreSettings = "explore-settings"
    }

    /// The Markdown of one table.
    public static func markdown(_ t: Table) -> String {
        switch t {
        case .settings:
            return table(["setting", "meaning", "default"],
                         SettingWord.all.map { ["`\($0.key)=`", $0.meaning, $0.defaultText] })
        case .exploreSettings:
            return table(["setting", "meaning", "default"],
                         ExploreSettingWord.all.map { ["`\($0.key)=N`", "\($0.meaning), N from \($0.range.lowerBound) to \($0.range.upperBound)", $0.defaultText] })
        case .actions:
            return table(["action", "operation"], ActionWord.all.map { ["`\($0.usage)`", $0.summary] })
        case .expectations:
            return table(["expectation", "checks"],
                         ExpectationWord.all.map { [$0.syntax.map { "`\($0)`" }.joined(separator: ", "), $0.summary] })
        case .words:
            return table(["word", "in", "one of"], words.map { [$0.word, $0.uses, $0.names.map { "`\($0)`" }.joined(separator: ", ")] })
        }
    }

    /// The engine vocabularies the grammar's placeholders stand for.
    static var words: [(word: String, uses: String, names: [String])] {
        [
            ("SWITCH", "`without SWITCH`, `with SWITCH` (a later fix), `patches=-SWITCH,+SWITCH`", Vocabulary.switches),
            ("POINT", "`until=POINT`, `paused=POINT`", Vocabulary.pausePoints),
            ("LOCK", "`blocked=LOCK`", Vocabulary.waitChannelWords),
            ("ERRNO", "`ret=-ERRNO`", Vocabulary.errnos),
            ("TYPE", "`iomap = TYPE ...`", Vocabulary.iomapTypes),
            ("FLAG", "`iomap = ... FLAG`", Vocabulary.iomapFlags),
            ("NAME", "`violation=NAME`", Vocabulary.invariants),
        ]
    }

    /// A pipe table.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let line: ([String]) -> String = { "| " + $0.joined(separator: " | ") + " |" }
        return ([line(header), "|" + String(repeating: "---|", count: header.count)] + rows.map(line)).joined(separator: "\n")
    }

    static func open(_ t: Table) -> String { "<!-- grammar: \(t.rawValue) -->" }
    static let close = "<!-- end grammar -->"

    // MARK: Checking and rewriting a document

    /// The text between a table's markers (blank lines trimmed), or nil when the markers are missing.
    static func region(_ t: Table, in doc: String) -> (range: Range<String.Index>, body: String)? {
        guard let start = doc.range(of: open(t) + "\n"), let end = doc.range(of: close, range: start.upperBound..<doc.endIndex)
        else { return nil }
        let body = doc[start.upperBound..<end.lowerBound].trimmingCharacters(in: "\n")
        return (start.upperBound..<end.lowerBound, body)
    }

    /// The tables whose region in `doc` is missing or differs from the declarations.
    public static func staleTables(in doc: String) -> [Table] {
        Table.allCases.filter { region($0, in: doc)?.body != markdown($0) }
    }

    /// `doc` with every table region's body replaced by the generated table (missing regions stay missing).
    public static func regenerated(_ doc: String) -> String {
        var out = doc
        for t in Table.allCases {
            if let r = region(t, in: out) { out.replaceSubrange(r.range, with: "\n" + markdown(t) + "\n\n") }
        }
        return out
    }
}

extension Substring {
    /// Removes leading and trailing occurrences of the characters in `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
