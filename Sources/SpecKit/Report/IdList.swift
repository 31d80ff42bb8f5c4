// MARK: - `iomapspec list`: every id with what it names

/// Every section, scenario, parameter table and explore block id, in spec order, with its kind, § and title or summary.
public struct SpecIndexList: Codable, Equatable, Sendable {
    /// One id.
    public struct Item: Codable, Equatable, Sendable {
        public var aliases: [String]
        public var chapter: Int
        public var fstests: [String]
        public var id: String
        public var kind: String
        public var permalink: String
        public var position: RunJSON.Position
        public var section: String
        public var switches: [String]
        public var title: String
    }

    public var ids: [Item]

    /// The list of `spec`.
    public init(_ spec: Spec) {
        let catalog = Dictionary(uniqueKeysWithValues: spec.catalog.map { ($0.id, $0) })
        ids = spec.chapters.flatMap { c -> [(SourceLocation, Item)] in
            let sections = c.sections.map { s in
                (s.location, Item(aliases: s.aliases, chapter: c.number, fstests: [], id: s.id, kind: "section",
                                  permalink: "Docs/report/\(c.page)#\(s.id)", position: RunJSON.Position(s.location),
                                  section: s.number, switches: [], title: s.title))
            }
            let blocks = (c.scenarios.map(\.id) + c.parameterTables.map(\.id) + c.explorations.map(\.id)).compactMap { catalog[$0] }.map { e in
                (e.location, Item(aliases: e.aliases, chapter: c.number, fstests: e.fstests, id: e.id, kind: e.kind.rawValue,
                                  permalink: "Docs/report/\(c.page)#\(e.id)", position: RunJSON.Position(e.location),
                                  section: e.sectionNumber, switches: e.switches, title: e.summary))
            }
            return (sections + blocks).sorted { $0.0 < $1.0 }
        }.map(\.1)
    }

    /// One line per id: `kind<TAB>id<TAB>§N.M<TAB>title`.
    public var text: String {
        ids.map { "\($0.kind)\t\($0.id)\t§\($0.section)\t\($0.title)" }.joined(separator: "\n") + "\n"
    }

    /// The list as one line of JSON, keys sorted.
    public var json: String { stableJSON(self) }
}
