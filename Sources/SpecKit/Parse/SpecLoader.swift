import IomapEngine
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
            guard let data = FileManager.default.contents(atPath: dir + "/" + name) else {
                diagnostics.append(SpecDiagnostic(SourceLocation(file: file, line: 1, column: 1), "expected a readable file"))
                continue
            }
            switch decode(data, file: file) {
            case .success(let text): files.append((file, text))
            case .failure(let d): diagnostics.append(d)
            }
        }
        return load(files: files, root: root, diagnostics: diagnostics, complete: true)
    }

    /// Parses chapters given as (file, text) pairs, e.g. from tests.
    ///
    /// With `complete`, the files are the whole spec: an empty chapter, a chapter without a `#` heading and a
    /// spec without a single scenario or parameter table are errors (`load(root:)` always checks them).
    public static func load(files: [(String, String)], root: String, complete: Bool = false) -> Spec {
        load(files: files, root: root, diagnostics: [], complete: complete)
    }

    /// A chapter file as text: at most `SpecLimits.maxChapterBytes`, valid UTF-8, else the position of the first bad byte.
    static func decode(_ data: Data, file: String) -> Result<String, SpecDiagnostic> {
        guard data.count <= SpecLimits.maxChapterBytes else {
            return .failure(SpecDiagnostic(SourceLocation(file: file, line: 1, column: 1),
                                           "expected a chapter of at most \(formatSize(SpecLimits.maxChapterBytes)) (Docs/scenario-format.md, Limits), found \(data.count) bytes"))
        }
        let bytes = [UInt8](data)
        var line = 1, column = 1, offset = 0
        var it = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let scalar):
                offset += scalar.count
                if scalar.count == 1, scalar.first == 0x0A { line += 1; column = 1 } else { column += 1 }
            case .error:
                let bad = bytes[offset]
                return .failure(SpecDiagnostic(SourceLocation(file: file, line: line, column: column),
                                               "expected UTF-8 text, found the byte 0x\(String(bad, radix: 16)) that is not valid UTF-8 here"))
            case .emptyInput:
                return .success(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    /// Parses each file once, checks ids across chapters, then renders every chapter's blocks, links resolved.
    static func load(files: [(String, String)], root: String, diagnostics: [SpecDiagnostic], complete: Bool = false) -> Spec {
        var diagnostics = diagnostics
        let parsed = files.compactMap { file, text in
            ChapterParser.parseTree(file: file, source: text, root: root, diagnostics: &diagnostics)
        }
        if complete { diagnostics += checkStructure(parsed.map(\.chapter), files: files, otherErrors: !diagnostics.isEmpty) }
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

    /// A whole spec: no empty chapter, a `#` heading in each, at least one scenario or parameter table overall.
    /// The spec-wide "no scenario" error is left out when `otherErrors` already explain the missing blocks.
    static func checkStructure(_ chapters: [Chapter], files: [(String, String)], otherErrors: Bool) -> [SpecDiagnostic] {
        var out: [SpecDiagnostic] = []
        for c in chapters {
            let start = SourceLocation(file: c.file, line: 1, column: 1)
            if c.source.allSatisfy(\.isWhitespace) {
                out.append(SpecDiagnostic(start, "expected a chapter, found an empty file"))
            } else if !c.sections.contains(where: { $0.level == 1 }) {
                out.append(SpecDiagnostic(start, "expected a '# Title' heading: the chapter has none"))
            }
        }
        if !files.isEmpty, !otherErrors, out.isEmpty, chapters.allSatisfy({ $0.scenarios.isEmpty && $0.parameterTables.isEmpty }) {
            let at = SourceLocation(file: files[0].0, line: 1, column: 1)
            out.append(SpecDiagnostic(at, "expected at least one scenario or params block in the spec, found none: nothing would run"))
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
