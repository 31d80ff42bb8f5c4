// MARK: - Block fences in the raw source, checked against what cmark handed over

/// The words that open a block the chapter parser runs or resolves.
enum BlockKeyword: String, CaseIterable {
    case scenario, params, excerpt, explore

    /// `scenario, params, excerpt or explore`.
    static var listed: String { orList(allCases.map(\.rawValue)) }

    /// The keyword `word` is, or is within edit distance 2 of (a misspelling); nil for other words.
    static func nearest(to word: Substring) -> BlockKeyword? {
        guard word.count <= 12 else { return nil }
        let w = Array(word.lowercased())
        return allCases.map { ($0, editDistance(w, Array($0.rawValue))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }
}

/// Levenshtein distance of two short words.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    var prev = Array(0...b.count)
    for (i, ca) in a.enumerated() {
        var cur = [i + 1] + [Int](repeating: 0, count: b.count)
        for (j, cb) in b.enumerated() {
            cur[j + 1] = min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (ca == cb ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}

/// Finds every source line that looks like the opening fence of a block keyword and says why it does not run.
///
/// cmark decides what is a fenced block; a fence it swallowed (an HTML block above it, an unclosed comment, a
/// list, a quote, four spaces of indentation, another fence left open) or a misspelt keyword would make a
/// scenario vanish without a word. This scan of the raw lines does not depend on cmark's reading, so every
/// such line gets a diagnostic.
enum FenceScanner {
    /// A line whose first non-container text is a fence run followed by a keyword or a near miss.
    struct Candidate {
        var line: Int
        /// 1-based column of the fence run.
        var column: Int
        var fence: Substring
        var word: Substring
        var keyword: BlockKeyword
    }

    /// Candidate fence lines of `lines` (1-based line numbers).
    static func candidates(_ lines: [Substring]) -> [Candidate] {
        var out: [Candidate] = []
        for (i, line) in lines.enumerated() {
            // Container prefixes: indentation, `>` quotes, list markers (`-`, `*`, `+`, `1.`, `1)`).
            guard let start = line.firstIndex(where: { !" \t>*+-.)0123456789".contains($0) }) else { continue }
            let rest = line[start...]
            guard let c = rest.first, c == "`" || c == "~" else { continue }
            let fence = rest.prefix { $0 == c }
            guard fence.count >= 3 else { continue }
            let info = rest.dropFirst(fence.count).drop { $0 == " " || $0 == "\t" }
            // CommonMark: a backtick fence's info string holds no backtick (else the line is inline code).
            if c == "`" && info.contains("`") { continue }
            let word = info.prefix { $0 != " " && $0 != "\t" }
            guard let keyword = BlockKeyword.nearest(to: word) else { continue }
            out.append(Candidate(line: i + 1, column: line.distance(from: line.startIndex, to: start) + 1,
                                 fence: fence, word: word, keyword: keyword))
        }
        return out
    }

    /// Whether a fenced block whose first line is `open` is closed on line `endLine` (1-based) of `lines`.
    static func isClosed(open: Candidate, endLine: Int, lines: [Substring]) -> Bool {
        guard endLine > open.line, endLine - 1 < lines.count else { return false }
        let close = lines[endLine - 1].drop { $0 == " " }
        let run = close.prefix { $0 == open.fence.first }
        return run.count >= open.fence.count && close.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// A diagnostic for each candidate that is not a closed top-level fenced block of exactly its keyword.
    static func check(_ lines: [Substring], blocks: [MarkdownBlock], file: String) -> [SpecDiagnostic] {
        var out: [SpecDiagnostic] = []
        for c in candidates(lines) {
            let loc = SourceLocation(file: file, line: c.line, column: c.column)
            let name = c.keyword.rawValue
            let covering = blocks.first { $0.line <= c.line && c.line <= max($0.endLine, $0.line) }
            // A top-level fence is indented at most 3 spaces; cmark starts an indented code block at its text too.
            if let b = covering, b.line == c.line, b.kind == .codeBlock, b.column == c.column, c.column <= 4 {
                if c.word != name {
                    out.append(SpecDiagnostic(loc.advanced(by: c.fence.count), "unknown block keyword '\(c.word)': expected \(BlockKeyword.listed) (as written the block is plain code and never runs)"))
                } else if !isClosed(open: c, endLine: b.endLine, lines: lines) {
                    out.append(SpecDiagnostic(loc, "the \(name) block opened here is never closed: expected a closing \(c.fence) fence"))
                }
                continue
            }
            let why: String
            switch covering?.container {
            case .list?, .blockQuote?:
                out.append(SpecDiagnostic(loc, "a \(name) block must be a top-level fenced block (not inside a list or quote), or it would not run"))
                continue
            case .htmlBlock?:
                why = "inside the HTML block that starts on line \(covering!.line), which cmark keeps as raw HTML (a blank line must separate HTML from the fence; an HTML comment must be closed)"
            case .codeBlock?:
                if covering!.line == c.line || !lines[covering!.line - 1].contains(where: { $0 == "`" || $0 == "~" }) {
                    why = "indented 4 or more spaces, so cmark reads it as an indented code block"
                } else {
                    why = "inside the code block opened on line \(covering!.line), which is still open here"
                }
            case .paragraph?:
                why = "indented 4 or more spaces under a paragraph, so cmark reads it as paragraph text"
            default:
                why = "not a fenced block as cmark reads it"
            }
            out.append(SpecDiagnostic(loc, "a \(name) fence that does not open a block: \(why); it would never run"))
        }
        return out
    }
}
