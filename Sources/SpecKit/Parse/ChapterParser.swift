import Foundation

// MARK: - Chapters: headings, numbers, ids and blocks

/// Parses one `Spec/NN-slug.md` file.
public enum ChapterParser {
    /// GitHub-style heading slug: lowercase; letters, digits, `-` and `_` kept; spaces become `-`; the rest dropped.
    public static func slug(_ title: String) -> String {
        var out = ""
        for c in title.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") { out.append(c) }
            else if c == " " { out.append("-") }
        }
        return out
    }

    /// Splits a trailing `{#id}` off a heading's text.
    static func explicitId(_ text: String) -> (title: String, id: String?) {
        let t = text.trimmingSpaces()
        guard t.hasSuffix("}"), let open = t.range(of: "{#", options: .backwards) else { return (t, nil) }
        let id = String(t[open.upperBound..<t.index(before: t.endIndex)])
        return (String(t[..<open.lowerBound]).trimmingSpaces(), id)
    }

    /// Parses `source` (the file `file`, e.g. `Spec/03-validity-cookies.md`).
    public static func parse(file: String, source: String, root: String, diagnostics: inout [SpecDiagnostic]) -> Chapter? {
        let name = (file as NSString).lastPathComponent
        let start = SourceLocation(file: file, line: 1, column: 1)
        let parts = name.split(separator: "-", maxSplits: 1)
        guard name.hasSuffix(".md"), parts.count == 2, parts[0].count == 2, let number = Int(parts[0]) else {
            diagnostics.append(SpecDiagnostic(start, "expected a chapter file name NN-slug.md (two digits, a dash, a slug), found '\(name)'"))
            return nil
        }
        return parse(file: file, source: source, root: root, number: number, slug: String(parts[1].dropLast(3)), diagnostics: &diagnostics)
    }

    /// Parses a Markdown file as chapter `number` with slug `chapterSlug` (e.g. Docs/scenario-format.md's examples).
    public static func parse(file: String, source: String, root: String, number: Int, slug chapterSlug: String,
                             diagnostics: inout [SpecDiagnostic]) -> Chapter? {
        let doc = MarkdownDocument(source)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        /// Where the info string starts on the fence line (after any indentation, the fence run and spaces).
        func infoLocation(_ loc: SourceLocation, _ info: String) -> SourceLocation {
            guard loc.line - 1 < lines.count, let first = info.split(separator: " ").first else { return loc.advanced(by: 3) }
            let line = lines[loc.line - 1]
            guard let r = line.range(of: first) else { return loc.advanced(by: 3) }
            return SourceLocation(file: loc.file, line: loc.line, column: line.distance(from: line.startIndex, to: r.lowerBound) + 1)
        }
        var chapter = Chapter(number: number, slug: chapterSlug, file: file, title: chapterSlug, source: source,
                              sections: [], scenarios: [], parameterTables: [], excerpts: [])
        var counters = [Int](repeating: 0, count: 7)
        var currentSection = chapterSlug
        var sawTitle = false
        for block in doc.blocks {
            let loc = SourceLocation(file: file, line: block.line, column: block.column)
            switch block.kind {
            case .heading(let level):
                let (title, explicit) = explicitId(block.plainText)
                var numberText: String
                if level == 1 {
                    numberText = "\(number)"
                    if !sawTitle { chapter.title = title; sawTitle = true }
                    counters = [Int](repeating: 0, count: 7)
                } else {
                    counters[level] += 1
                    for l in (level + 1)..<counters.count { counters[l] = 0 }
                    numberText = ([number] + (2...level).map { counters[$0] }).map(String.init).joined(separator: ".")
                }
                var id = "\(chapterSlug)/\(slug(title))"
                if let e = explicit {
                    if !isValidId(Substring(e)) {
                        diagnostics.append(SpecDiagnostic(loc, "expected an explicit id {#id} of letters, digits and _-./, found '{#\(e)}'"))
                    }
                    id = e
                }
                chapter.sections.append(Section(id: id, number: numberText, title: title, level: level, location: loc))
                currentSection = id
            case .codeBlock:
                let info = block.fenceInfo
                let infoLoc = infoLocation(loc, info)
                let word = info.split(separator: " ").first.map(String.init) ?? ""
                switch word {
                case "scenario":
                    if let s = ScenarioParser.parse(info: info, body: block.literal, fence: loc, infoLoc: infoLoc, sectionId: currentSection, diagnostics: &diagnostics) {
                        chapter.scenarios.append(s)
                    }
                case "params":
                    if let p = ParameterTableParser.parse(info: info, body: block.literal, fence: loc, infoLoc: infoLoc, sectionId: currentSection, diagnostics: &diagnostics) {
                        chapter.parameterTables.append(p)
                    }
                case "excerpt":
                    let t = tokenize(Substring(info))
                    guard t.count == 3 else {
                        diagnostics.append(SpecDiagnostic(infoLoc, "expected 'excerpt PATH REGION' (PATH under Sources/)"))
                        continue
                    }
                    let path = String(t[1].text), region = String(t[2].text)
                    switch ExcerptResolver.resolve(root: root, path: path, region: region) {
                    case .success(let r):
                        chapter.excerpts.append(Excerpt(path: path, region: region, location: loc, text: r.text, sourceLine: r.line))
                    case .failure(let err):
                        let msg = err.message
                        diagnostics.append(SpecDiagnostic(infoLoc.advanced(by: msg.hasPrefix("excerpt file") ? t[1].offset : t[2].offset), msg))
                    }
                default: break
                }
            case .other: break
            }
        }
        for nested in doc.nestedCodeBlocks {
            let word = nested.fenceInfo.split(separator: " ").first.map(String.init) ?? ""
            if ["scenario", "params", "excerpt"].contains(word) {
                diagnostics.append(SpecDiagnostic(SourceLocation(file: file, line: nested.line, column: nested.column),
                                                  "a \(word) block must be a top-level fenced block (not inside a list or quote), or it would not run"))
            }
        }
        return chapter
    }
}

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
        var chapters: [Chapter] = []
        for name in names {
            let file = "Spec/" + name
            guard let data = FileManager.default.contents(atPath: dir + "/" + name), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(SpecDiagnostic(SourceLocation(file: file, line: 1, column: 1), "expected a UTF-8 text file"))
                continue
            }
            if let c = ChapterParser.parse(file: file, source: text, root: root, diagnostics: &diagnostics) { chapters.append(c) }
        }
        diagnostics += checkUniqueness(chapters)
        diagnostics.sort { ($0.location, $0.message) < ($1.location, $1.message) }
        return Spec(root: root, chapters: chapters, diagnostics: diagnostics)
    }

    /// Parses chapters given as (file, text) pairs, e.g. from tests.
    public static func load(files: [(String, String)], root: String) -> Spec {
        var diagnostics: [SpecDiagnostic] = []
        var chapters: [Chapter] = []
        for (file, text) in files {
            if let c = ChapterParser.parse(file: file, source: text, root: root, diagnostics: &diagnostics) { chapters.append(c) }
        }
        diagnostics += checkUniqueness(chapters)
        diagnostics.sort { ($0.location, $0.message) < ($1.location, $1.message) }
        return Spec(root: root, chapters: chapters, diagnostics: diagnostics)
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
