import Foundation

// MARK: - Loading all chapters

/// Loads and checks every chapter of `<root>/Spec`.
public enum SpecLoader {
    /// Parses all `Spec/*.md` files under `root` and checks ids across them; never stops at the first error.
    public static func load(root: String) -> Spec {
        let dir = root + "/Spec"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        var diagnostics: [SpecDiagnostic] = []
        if names.isEmpty {
            diagnostics.append(SpecDiagnostic(SourceLocation(file: "Spec", line: 1, column: 1), "expected chapters Spec/NN-slug.md, found none"))
        }
        var files: [(String, String)] = []
        for name in names {
            let file = "Spec/" + name
            guard let data = FileManager.default.contents(atPath: dir + "/" + name), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(SpecDiagnostic(SourceLocation(file: file, line: 1, column: 1), "expected a UTF-8 text file"))
                continue
            }
            files.append((file, text))
        }
        return load(files: files, root: root, diagnostics: diagnostics)
    }

    /// Parses chapters given as (file, text) pairs, e.g. from tests.
    public static func load(files: [(String, String)], root: String) -> Spec {
        load(files: files, root: root, diagnostics: [])
    }

    /// Parses each file once, checks ids across chapters, then renders every chapter's blocks, links resolved.
    static func load(files: [(String, String)], root: String, diagnostics: [SpecDiagnostic]) -> Spec {
        var diagnostics = diagnostics
        let parsed = files.compactMap { file, text in
            ChapterParser.parseTree(file: file, source: text, root: root, diagnostics: &diagnostics)
        }
        diagnostics += checkUniqueness(parsed.map(\.chapter))
        diagnostics.sort { ($0.location, $0.message) < ($1.location, $1.message) }
        let targets = linkTargets(parsed.map(\.chapter))
        let chapters = parsed.map { ChapterParser.render($0, linkTargets: targets) }
        return Spec(root: root, chapters: chapters, diagnostics: diagnostics)
    }

    /// The chapter and anchor each id or alias resolves to (`Spec.resolve`: the first chapter that defines it).
    static func linkTargets(_ chapters: [Chapter]) -> [String: ChapterParser.LinkTarget] {
        var out: [String: ChapterParser.LinkTarget] = [:]
        for c in chapters {
            let named = c.sections.map { ($0.id, $0.aliases) } + c.scenarios.map { ($0.id, $0.aliases) }
                + c.parameterTables.map { ($0.id, $0.aliases) }
            for (id, aliases) in named {
                for name in [id] + aliases where out[name] == nil {
                    out[name] = ChapterParser.LinkTarget(file: c.file, page: c.page, id: id)
                }
            }
        }
        return out
    }

    /// Ids are one namespace across chapters: sections, scenarios, parameter tables; chapter numbers are unique.
    static func checkUniqueness(_ chapters: [Chapter]) -> [SpecDiagnostic] {
        var out: [SpecDiagnostic] = []
        var seen: [String: SourceLocation] = [:]
        var numbers: [Int: String] = [:]
        for c in chapters {
            if let other = numbers[c.number] {
                out.append(SpecDiagnostic(SourceLocation(file: c.file, line: 1, column: 1), "duplicate chapter number \(format2(c.number)) (also \(other)): expected one file per number"))
            }
            numbers[c.number] = c.file
            for (id, loc) in c.definedIds.sorted(by: { $0.location < $1.location }) {
                if let first = seen[id] {
                    out.append(SpecDiagnostic(loc, "duplicate id '\(id)' (first defined at \(first)): expected ids unique across all chapters; add an explicit {#id} or rename"))
                } else { seen[id] = loc }
            }
        }
        return out
    }
}
