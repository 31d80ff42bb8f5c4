import Foundation

// MARK: - Chapters: headings, numbers, ids and blocks

/// Parses one `Spec/NN-slug.md` file.
///
/// Parsing is two steps over one cmark tree: `parseTree` builds the chapter's model (sections, scenarios,
/// parameter tables, excerpts) and notes what each top-level block is; `render` then points `#id` links at the
/// chapters that define those ids and keeps every block's HTML in `Chapter.blocks`. `SpecLoader` runs the
/// second step once every chapter's ids are known.
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

    /// A heading's trailing `{#id}` or `{#id aka=OLD,...}`: the id, its former ids and the text as written.
    struct ExplicitId { var id: String; var aliases: [String]; var written: String }

    /// Splits a trailing `{#id}` or `{#id aka=OLD,...}` off a heading's text.
    static func explicitId(_ text: String) -> (title: String, id: ExplicitId?) {
        let t = text.trimmingSpaces()
        guard t.hasSuffix("}"), let open = t.range(of: "{#", options: .backwards) else { return (t, nil) }
        let inner = t[open.upperBound..<t.index(before: t.endIndex)]
        let words = inner.split(separator: " ", omittingEmptySubsequences: true)
        var id = ExplicitId(id: String(words.first ?? ""), aliases: [], written: String(t[open.lowerBound...]))
        if words.count == 2, words[1].hasPrefix("aka=") {
            id.aliases = words[1].dropFirst(4).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        } else if words.count != 1 {
            id.id = String(inner)  // reported as an invalid id
        }
        return (String(t[..<open.lowerBound]).trimmingSpaces(), id)
    }

    /// Parses `source` (the file `file`, e.g. `Spec/03-validity-cookies.md`); links stay within the chapter.
    public static func parse(file: String, source: String, root: String, diagnostics: inout [SpecDiagnostic]) -> Chapter? {
        parseTree(file: file, source: source, root: root, diagnostics: &diagnostics).map { render($0, linkTargets: [:]) }
    }

    /// Parses a Markdown file as chapter `number` with slug `chapterSlug` (e.g. Docs/scenario-format.md's examples).
    public static func parse(file: String, source: String, root: String, number: Int, slug chapterSlug: String,
                             diagnostics: inout [SpecDiagnostic]) -> Chapter? {
        let tree = parseTree(file: file, source: source, root: root, number: number, slug: chapterSlug, diagnostics: &diagnostics)
        return render(tree, linkTargets: [:])
    }

    // MARK: Step 1: the model

    /// A chapter whose model is complete and whose blocks are still cmark nodes.
    struct ParsedChapter {
        var chapter: Chapter
        let document: MarkdownDocument
        /// What each of `document.blocks` is, in the same order.
        let roles: [Role]
    }

    /// What a top-level block became in the chapter's model.
    enum Role { case heading(section: Int), scenario(Int), parameters(Int), excerpt(Int), exploration(Int), prose }

    /// Step 1 for a file named `NN-slug.md`; a diagnostic and nil for any other name.
    static func parseTree(file: String, source: String, root: String, diagnostics: inout [SpecDiagnostic]) -> ParsedChapter? {
        let name = (file as NSString).lastPathComponent
        let start = SourceLocation(file: file, line: 1, column: 1)
        let parts = name.split(separator: "-", maxSplits: 1)
        // The name lands in the report's file names and href attributes: only NN-slug.md, slug [a-z0-9-]+.
        let slugChars = parts.count == 2 ? parts[1].dropLast(3) : ""
        guard name.hasSuffix(".md"), parts.count == 2, parts[0].count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(parts[0]), !slugChars.isEmpty,
              slugChars.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            diagnostics.append(SpecDiagnostic(start, "expected a chapter file name NN-slug.md (two digits, a dash, a slug of a-z, 0-9 and -), found '\(name.unicodeScalars.map { $0.isASCII && $0.value >= 32 && $0.value != 127 ? String($0) : "?" }.joined())'"))
            return nil
        }
        return parseTree(file: file, source: source, root: root, number: number, slug: String(parts[1].dropLast(3)), diagnostics: &diagnostics)
    }

    /// Step 1: parses the Markdown once and builds the chapter's sections, scenarios, tables and excerpts.
    static func parseTree(file: String, source: String, root: String, number: Int, slug chapterSlug: String,
                          diagnostics: inout [SpecDiagnostic]) -> ParsedChapter {
        let doc = MarkdownDocument(source)
        let lines = sourceLines(source)
        /// Where the info string starts on the fence line (after any indentation, the fence run and spaces).
        func infoLocation(_ loc: SourceLocation, _ info: String) -> SourceLocation {
            guard loc.line - 1 < lines.count, let first = info.split(separator: " ").first else { return loc.advanced(by: 3) }
            let line = lines[loc.line - 1]
            guard let r = line.range(of: first) else { return loc.advanced(by: 3) }
            return SourceLocation(file: loc.file, line: loc.line, column: line.distance(from: line.startIndex, to: r.lowerBound) + 1)
        }
        var chapter = Chapter(number: number, slug: chapterSlug, file: file, title: chapterSlug, source: source,
                              sections: [], scenarios: [], parameterTables: [], excerpts: [], blocks: [])
        var roles: [Role] = []
        var counters = [Int](repeating: 0, count: 7)
        var currentSection = chapterSlug
        var sawTitle = false
        for block in doc.blocks {
            let loc = SourceLocation(file: file, line: block.line, column: block.column)
            var role = Role.prose
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
                var aliases: [String] = []
                if let e = explicit {
                    if !isValidId(Substring(e.id)) {
                        diagnostics.append(SpecDiagnostic(loc, "expected an explicit id {#id} or {#id aka=OLD,...} of letters, digits and _-./, found '\(e.written)'"))
                    }
                    for a in e.aliases where !isValidId(Substring(a)) {
                        diagnostics.append(SpecDiagnostic(loc, "expected aka= ids of letters, digits and _-./, found '\(a)' in '\(e.written)'"))
                    }
                    id = e.id
                    aliases = e.aliases
                    block.stripTrailingText(e.written)
                }
                role = .heading(section: chapter.sections.count)
                chapter.sections.append(Section(id: id, number: numberText, title: title, level: level, location: loc,
                                                aliases: aliases))
                currentSection = id
            case .codeBlock:
                let info = block.fenceInfo
                let infoLoc = infoLocation(loc, info)
                let word = info.split(separator: " ").first.map(String.init) ?? ""
                switch word {
                case "scenario":
                    if let s = ScenarioParser.parse(info: info, body: block.literal, fence: loc, infoLoc: infoLoc, sectionId: currentSection, diagnostics: &diagnostics) {
                        role = .scenario(chapter.scenarios.count)
                        chapter.scenarios.append(s)
                    }
                case "params":
                    if let p = ParameterTableParser.parse(info: info, body: block.literal, fence: loc, infoLoc: infoLoc, sectionId: currentSection, diagnostics: &diagnostics) {
                        role = .parameters(chapter.parameterTables.count)
                        chapter.parameterTables.append(p)
                    }
                case "explore":
                    if let x = ExploreParser.parse(info: info, body: block.literal, fence: loc, infoLoc: infoLoc, sectionId: currentSection, diagnostics: &diagnostics) {
                        role = .exploration(chapter.explorations.count)
                        chapter.explorations.append(x)
                    }
                case "excerpt":
                    if let e = excerpt(info: info, fence: loc, infoLoc: infoLoc, root: root, diagnostics: &diagnostics) {
                        role = .excerpt(chapter.excerpts.count)
                        chapter.excerpts.append(e)
                    }
                default: break
                }
            case .other: break
            }
            roles.append(role)
        }
        diagnostics += FenceScanner.check(lines, blocks: doc.blocks, file: file)
        for image in doc.images where isRemote(image.url) {
            diagnostics.append(SpecDiagnostic(SourceLocation(file: file, line: image.line, column: image.column),
                                              "remote image '\(image.url.prefix(80))': the report never loads from the network; expected a relative path, or a link [text](URL)"))
        }
        return ParsedChapter(chapter: chapter, document: doc, roles: roles)
    }

    /// The lines of `source` as CommonMark (and so cmark's line numbers) counts them: ended by `\n`, `\r\n` or `\r`.
    ///
    /// Split on Unicode scalars: a String takes `\r\n` as one Character, so splitting it on `"\n"` never splits.
    static func sourceLines(_ source: String) -> [Substring] {
        var out: [Substring] = []
        let scalars = source.unicodeScalars
        var start = scalars.startIndex, i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == "\n" || c == "\r" {
                out.append(source[start..<i])
                var next = scalars.index(after: i)
                if c == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                i = next
            } else {
                i = scalars.index(after: i)
            }
        }
        out.append(source[start...])
        return out
    }

    /// A URL with a scheme (`https:`, `file:`, `data:`) or a network path (`//host/x`): not a file beside the spec.
    static func isRemote(_ url: String) -> Bool {
        if url.hasPrefix("//") { return true }
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// An `excerpt PATH REGION` block resolved against `Sources/`; nil, with a diagnostic, when it does not resolve.
    static func excerpt(info: String, fence loc: SourceLocation, infoLoc: SourceLocation, root: String,
                        diagnostics: inout [SpecDiagnostic]) -> Excerpt? {
        let t = tokenize(Substring(info))
        guard t.count == 3 else {
            diagnostics.append(SpecDiagnostic(infoLoc, "expected 'excerpt PATH REGION' (PATH under Sources/)"))
            return nil
        }
        let path = String(t[1].text), region = String(t[2].text)
        switch ExcerptResolver.resolve(root: root, path: path, region: region) {
        case .success(let r):
            return Excerpt(path: path, region: region, location: loc, text: r.text, sourceLine: r.line)
        case .failure(let err):
            let msg = err.message
            diagnostics.append(SpecDiagnostic(infoLoc.advanced(by: msg.hasPrefix("excerpt file") ? t[1].offset : t[2].offset), msg))
            return nil
        }
    }

    // MARK: Step 2: the blocks

    /// The chapter that defines a cited id or alias: its file, its report page and the anchor (the id itself).
    struct LinkTarget { var file: String; var page: String; var id: String }

    /// Step 2: resolves `#ID` links to other chapters on the cmark tree, then keeps every block's HTML.
    ///
    /// A link `#ID` whose id `linkTargets` gives to another chapter points at `PAGE#ID`: a cited id is only an
    /// anchor on the page of the chapter that defines it. A link to an alias points at the anchor of its id.
    static func render(_ parsed: ParsedChapter, linkTargets: [String: LinkTarget]) -> Chapter {
        var chapter = parsed.chapter
        parsed.document.rewriteLinkURLs { url in
            guard url.hasPrefix("#"), let target = linkTargets[String(url.dropFirst())] else { return nil }
            let page = target.file == chapter.file ? "" : target.page
            let rewritten = page + "#" + target.id
            return rewritten == url ? nil : rewritten
        }
        chapter.blocks = zip(parsed.document.blocks, parsed.roles).map { block, role in
            let content: ChapterBlock.Content
            switch role {
            case .heading(let s): content = .heading(section: s, title: block.innerHTML)
            case .scenario(let i): content = .scenario(i)
            case .parameters(let i): content = .parameters(i)
            case .excerpt(let i): content = .excerpt(i)
            case .exploration(let i): content = .exploration(i)
            case .prose: content = .prose(block.html)
            }
            return ChapterBlock(line: block.line, content: content)
        }
        return chapter
    }
}
