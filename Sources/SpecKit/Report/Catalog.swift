import Foundation

// MARK: - Every scenario, parameter table and explore block with what a reader looks it up by

/// One scenario, parameter table or explore block as the index, the search page and `iomapspec list` show it.
///
/// Derived from the parsed chapter (its blocks, not the Markdown again): the one-line summary is the chapter's
/// "Scenario summary" list item for the id, or the enclosing section's title; the fstests names are the
/// `xfs/NNN` and `generic/NNN` that the summary, the section title or the section's prose before the block name.
public struct CatalogEntry: Sendable, Equatable {
    public enum Kind: String, Sendable { case scenario, params, explore }
    public var kind: Kind
    public var id: String
    public var aliases: [String]
    public var chapterNumber: Int
    public var page: String
    public var sectionId: String
    public var sectionNumber: String
    public var sectionTitle: String
    /// The summary as plain text.
    public var summary: String
    /// The summary as cmark rendered it (nil: the section title stands in).
    var summaryHTML: CmarkFragment?
    /// `without`/`with` columns for a scenario, `without` lines for an explore block; `fn=FUNCTION` for a table.
    public var switches: [String]
    public var fstests: [String]
    public var location: SourceLocation
}

extension Spec {
    /// Every scenario, parameter table and explore block, in spec order.
    public var catalog: [CatalogEntry] { chapters.flatMap(\.catalog) }
}

extension Chapter {
    /// This chapter's scenarios, parameter tables and explore blocks, in document order.
    var catalog: [CatalogEntry] {
        var out: [CatalogEntry] = []
        for (k, block) in blocks.enumerated() {
            let named: (CatalogEntry.Kind, String, [String], String, SourceLocation, [String])
            switch block.content {
            case .scenario(let i):
                let s = scenarios[i]
                named = (.scenario, s.id, s.aliases, s.sectionId, s.location, s.switchColumns.map(\.rawValue))
            case .parameters(let i):
                let p = parameterTables[i]
                named = (.params, p.id, p.aliases, p.sectionId, p.location, ["fn=" + p.function])
            case .exploration(let i):
                let x = explorations[i]
                named = (.explore, x.id, x.aliases, x.sectionId, x.location, x.without.map(\.patch.rawValue))
            default: continue
            }
            let (kind, id, aliases, sectionId, location, switches) = named
            let sec = sections.first { $0.id == sectionId }
            let fragment = ([id] + aliases).lazy.compactMap { self.summaryFragment(for: $0) }.first
            let summary = fragment.map { Self.dropSeparator(HTML.plainText($0.html)) } ?? sec?.title ?? title
            let before = proseText(from: sec.map { $0.location.line } ?? 0, toBlock: k)
            out.append(CatalogEntry(kind: kind, id: id, aliases: aliases, chapterNumber: number, page: page, sectionId: sectionId,
                                    sectionNumber: sec?.number ?? "\(number)", sectionTitle: sec?.title ?? title,
                                    summary: summary, summaryHTML: fragment, switches: switches,
                                    fstests: fstestsNames(in: summary + "\n" + (sec?.title ?? "") + "\n" + before), location: location))
        }
        return out
    }

    /// The "Scenario summary" list item for `id` (`` `ID` — text `` or `` `ID`: text ``), without the id.
    func summaryFragment(for id: String) -> CmarkFragment? {
        for block in blocks {
            guard case .prose(let html) = block.content,
                  let f = CmarkFragment.listItem(in: html, startingWith: "<code>\(HTML.escape(id))</code>") else { continue }
            let text = f.html
            for sep in [" — ", ": ", " - "] where text.hasPrefix(sep) { return CmarkFragment(html: String(text.dropFirst(sep.count))) }
        }
        return nil
    }

    /// `" — text"` → `"text"`.
    static func dropSeparator(_ s: String) -> String {
        for sep in [" — ", ": ", " - "] where s.hasPrefix(sep) { return String(s.dropFirst(sep.count)) }
        return s
    }

    /// The plain text of the prose blocks from `line` up to block `k`.
    func proseText(from line: Int, toBlock k: Int) -> String {
        blocks[..<k].filter { $0.line >= line }.compactMap { b -> String? in
            if case .prose(let html) = b.content { return HTML.plainText(html.html) }
            return nil
        }.joined(separator: "\n")
    }
}

/// `xfs/NNN` and `generic/NNN` in `text`, each once, in order of first mention.
func fstestsNames(in text: String) -> [String] {
    var out: [String] = []
    let chars = Array(text)
    for i in chars.indices {
        guard i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) else { continue }
        for prefix in ["xfs/", "generic/"] {
            let p = Array(prefix)
            guard i + p.count + 3 <= chars.count, Array(chars[i..<i + p.count]) == p else { continue }
            var j = i + p.count
            while j < chars.count, chars[j].isNumber { j += 1 }
            if j - (i + p.count) == 3, j == chars.count || !(chars[j].isLetter || chars[j].isNumber) {
                let name = String(chars[i..<j])
                if !out.contains(name) { out.append(name) }
            }
        }
    }
    return out
}
