import Foundation

// MARK: - Every scenario and parameter table with what a reader looks it up by

/// One scenario or parameter table as the index, the search page and `iomapspec list` show it.
///
/// Derived from the parsed model: the one-line summary is the chapter's "Scenario summary" item for the id (or
/// the enclosing section's title), the fstests names are the `xfs/NNN`/`generic/NNN` the summary, the section
/// title or the section's prose before the block mention.
public struct CatalogEntry: Sendable, Equatable {
    public enum Kind: String, Sendable { case scenario, params }
    public var kind: Kind
    public var id: String
    public var aliases: [String]
    public var chapterNumber: Int
    public var page: String
    public var sectionNumber: String
    public var sectionTitle: String
    public var summary: String
    /// `without` columns for a scenario; the function for a parameter table.
    public var switches: [String]
    public var fstests: [String]
    public var location: SourceLocation
}

extension Spec {
    /// Every scenario and parameter table, in spec order.
    public var catalog: [CatalogEntry] {
        chapters.flatMap { c -> [CatalogEntry] in
            let summaries = c.summaryLines
            let lines = c.source.split(separator: "\n", omittingEmptySubsequences: false)
            func entry(_ kind: CatalogEntry.Kind, _ id: String, _ aliases: [String], _ sectionId: String, _ loc: SourceLocation,
                       _ switches: [String]) -> CatalogEntry {
                let sec = c.sections.first { $0.id == sectionId }
                let summary = ([id] + aliases).lazy.compactMap { summaries[$0] }.first ?? sec?.title ?? c.title
                let start = sec.map { $0.location.line - 1 } ?? 0
                let prose = lines[min(start, lines.count)..<min(max(loc.line - 1, start), lines.count)].joined(separator: "\n")
                return CatalogEntry(kind: kind, id: id, aliases: aliases, chapterNumber: c.number, page: c.page,
                                    sectionNumber: sec?.number ?? "\(c.number)", sectionTitle: sec?.title ?? c.title,
                                    summary: summary, switches: switches,
                                    fstests: fstestsNames(in: summary + "\n" + (sec?.title ?? "") + "\n" + prose), location: loc)
            }
            return c.scenarios.map { entry(.scenario, $0.id, $0.aliases, $0.sectionId, $0.location, $0.without.map(\.rawValue)) }
                + c.parameterTables.map { entry(.params, $0.id, $0.aliases, $0.sectionId, $0.location, ["fn=" + $0.function]) }
        }
    }
}

extension Chapter {
    /// The "Scenario summary" list items: `- \`ID\` — text` or `- \`ID\`: text`, by id.
    var summaryLines: [String: String] {
        var out: [String: String] = [:]
        for line in source.split(separator: "\n") where line.hasPrefix("- `") {
            let rest = line.dropFirst(3)
            guard let close = rest.firstIndex(of: "`") else { continue }
            let id = String(rest[..<close])
            var text = rest[rest.index(after: close)...]
            for sep in [" — ", ": ", " - "] where text.hasPrefix(sep) { text = text.dropFirst(sep.count); break }
            if text.count < rest.count - id.count - 1, out[id] == nil { out[id] = String(text) }
        }
        return out
    }
}

/// `xfs/NNN` and `generic/NNN` in `text`, each once, in order of first mention.
func fstestsNames(in text: String) -> [String] {
    var out: [String] = []
    let chars = Array(text)
    var i = 0
    while i < chars.count {
        for prefix in ["xfs/", "generic/"] {
            let p = Array(prefix)
            guard i + p.count + 3 <= chars.count, Array(chars[i..<i + p.count]) == p,
                  i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) else { continue }
            var j = i + p.count
            while j < chars.count, chars[j].isNumber { j += 1 }
            if j - (i + p.count) == 3, j == chars.count || !(chars[j].isLetter || chars[j].isNumber) {
                let name = String(chars[i..<j])
                if !out.contains(name) { out.append(name) }
            }
        }
        i += 1
    }
    return out
}
