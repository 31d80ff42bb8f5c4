// MARK: - The parsed spec

/// All chapters of `Spec/`, with every diagnostic found while parsing them.
public struct Spec: Sendable {
    public var root: String
    public var chapters: [Chapter]
    public var diagnostics: [SpecDiagnostic]

    public var scenarios: [Scenario] { chapters.flatMap(\.scenarios) }
    public var parameterTables: [ParameterTable] { chapters.flatMap(\.parameterTables) }
    public var sections: [Section] { chapters.flatMap(\.sections) }

    /// What an id names: a section, a scenario or a parameter table.
    public enum Target: Sendable {
        case section(Section, Chapter)
        case scenario(Scenario, Chapter)
        case parameters(ParameterTable, Chapter)
        case exploration(Exploration, Chapter)

        /// The canonical id of what the target names (never an alias).
        public var id: String {
            switch self {
            case .section(let s, _): return s.id
            case .scenario(let s, _): return s.id
            case .parameters(let p, _): return p.id
            case .exploration(let x, _): return x.id
            }
        }

        /// The target's former ids (`aka=`), which resolve to it.
        public var aliases: [String] {
            switch self {
            case .section(let s, _): return s.aliases
            case .scenario(let s, _): return s.aliases
            case .parameters(let p, _): return p.aliases
            case .exploration(let x, _): return x.aliases
            }
        }

        /// The chapter the target lives in.
        public var chapter: Chapter {
            switch self {
            case .section(_, let c), .scenario(_, let c), .parameters(_, let c), .exploration(_, let c): return c
            }
        }
    }

    /// Resolves a citation id: a section, scenario, parameter-table or explore id, or one of their `aka=` aliases.
    public func resolve(_ id: String) -> Target? {
        for c in chapters {
            if let s = c.sections.first(where: { $0.isNamed(id) }) { return .section(s, c) }
            if let s = c.scenarios.first(where: { $0.isNamed(id) }) { return .scenario(s, c) }
            if let p = c.parameterTables.first(where: { $0.isNamed(id) }) { return .parameters(p, c) }
            if let x = c.explorations.first(where: { $0.isNamed(id) }) { return .exploration(x, c) }
        }
        return nil
    }

    /// The scenario with this id or alias.
    public func scenario(named id: String) -> Scenario? { scenarios.first { $0.isNamed(id) } }

    /// The parameter table with this id or alias.
    public func parameterTable(named id: String) -> ParameterTable? { parameterTables.first { $0.isNamed(id) } }

    /// The chapter selected by number (`3`) or slug (`validity-cookies`).
    public func chapter(_ key: String) -> Chapter? {
        chapters.first { String($0.number) == key || $0.slug == key || String(format2($0.number)) == key }
    }
}

/// One `Spec/NN-slug.md` file.
public struct Chapter: Sendable {
    public var number: Int
    public var slug: String
    /// Path relative to the package root (`Spec/03-validity-cookies.md`).
    public var file: String
    public var title: String
    public var source: String
    public var sections: [Section]
    public var scenarios: [Scenario]
    public var parameterTables: [ParameterTable]
    public var excerpts: [Excerpt]
    /// Every top-level block in document order, for the report.
    public var blocks: [ChapterBlock]
    /// The `explore` blocks, in document order.
    public var explorations: [Exploration] = []
    /// Every id the chapter defines (sections, scenarios, tables and their aliases), for the uniqueness check.
    public var definedIds: [(id: String, location: SourceLocation)] {
        let named: [(ids: [String], location: SourceLocation)] = sections.map { ([$0.id] + $0.aliases, $0.location) }
            + scenarios.map { ([$0.id] + $0.aliases, $0.location) }
            + parameterTables.map { ([$0.id] + $0.aliases, $0.location) }
            + explorations.map { ([$0.id] + $0.aliases, $0.location) }
        return named.flatMap { n in n.ids.map { (id: $0, location: n.location) } }
    }
    /// The HTML page of this chapter in the report.
    public var page: String { "\(format2(number))-\(slug).html" }
}

/// A heading: `§N.M.K` and its id.
public struct Section: Sendable {
    public var id: String
    public var number: String
    public var title: String
    public var level: Int
    public var location: SourceLocation
    /// Former ids (`{#id aka=OLD,...}`), which keep resolving to this section.
    public var aliases: [String] = []

    /// Whether `name` is this section's id or one of its aliases.
    public func isNamed(_ name: String) -> Bool { id == name || aliases.contains(name) }
}

/// A `params ID fn=FUNCTION` table.
public struct ParameterTable: Sendable {
    public var id: String
    public var function: String
    public var location: SourceLocation
    public var sectionId: String
    public var columns: [String]
    public var rows: [ParameterRow]
    /// Former ids (`aka=`), which keep resolving to this table.
    public var aliases: [String] = []
    /// Whether `name` is this table's id or one of its aliases.
    public func isNamed(_ name: String) -> Bool { id == name || aliases.contains(name) }
}

/// One row of a parameter table.
public struct ParameterRow: Sendable {
    public var location: SourceLocation
    public var values: [String: Int]
    public var cellLocations: [String: SourceLocation]
}

/// An `excerpt PATH REGION` block resolved against `Sources/`.
public struct Excerpt: Sendable {
    public var path: String
    public var region: String
    public var location: SourceLocation
    /// The live region text (dedented), or nil when unresolved.
    public var text: String?
    /// 1-based line in the source file of the first region line.
    public var sourceLine: Int
}

func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
