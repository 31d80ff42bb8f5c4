// MARK: - Pipe tables inside fenced blocks

/// A pipe table in a code block body: header, rows, with the source position of each cell.
struct PipeTable {
    struct Cell { var text: String; var location: SourceLocation }
    struct Row { var cells: [Cell]; var location: SourceLocation }
    var header: [Cell]
    var rows: [Row]

    /// Splits `body`, the literal of a block whose fence is at `fence`, into header and rows.
    ///
    /// Line i of the body is at `fence.line + 1 + i`, columns from each cell's offset. The second line must be
    /// the `|---|` rule.
    static func parse(_ body: String, fence: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> PipeTable? {
        let lines = ChapterParser.sourceLines(body)
        var parsed: [(Int, Row)] = []
        for (i, line) in lines.enumerated() {
            let loc = SourceLocation(file: fence.file, line: fence.line + 1 + i, column: fence.column)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let row = splitRow(line, at: loc) else {
                diagnostics.append(SpecDiagnostic(loc, "expected a table row starting with '|', found '\(line.prefix(40))'"))
                continue
            }
            let end = line.lastIndex { $0 != " " && $0 != "\t" } ?? line.startIndex
            if line[end] != "|" {
                // A row cut off (a chapter truncated mid-table) must not pass as a row with a shorter last cell.
                diagnostics.append(SpecDiagnostic(loc.advanced(by: line.distance(from: line.startIndex, to: end) + 1),
                                                  "expected the row to end with '|'"))
                continue
            }
            if row.cells.count > SpecLimits.maxTableColumns {
                diagnostics.append(SpecDiagnostic(row.location, "expected at most \(SpecLimits.maxTableColumns) columns (Docs/scenario-format.md, Limits), found \(row.cells.count)"))
                return nil
            }
            parsed.append((i, row))
            if parsed.count > SpecLimits.maxTableRows + 2 {
                diagnostics.append(SpecDiagnostic(loc, "expected at most \(SpecLimits.maxTableRows) rows in one table (Docs/scenario-format.md, Limits)"))
                return nil
            }
        }
        guard let first = parsed.first else {
            diagnostics.append(SpecDiagnostic(fence.advanced(by: 0), "expected a pipe table in the block body, found none"))
            return nil
        }
        var rows = Array(parsed.dropFirst())
        if let rule = rows.first, rule.1.cells.allSatisfy({ isRule($0.text) }) {
            rows.removeFirst()
        } else {
            let loc = rows.first?.1.location ?? first.1.location
            diagnostics.append(SpecDiagnostic(loc, "expected the header rule '|---|' on the line after the table header"))
        }
        return PipeTable(header: first.1.cells, rows: rows.map(\.1))
    }

    static func isRule(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0 == "-" || $0 == ":" } && s.contains("-")
    }

    /// `| a | b |` → cells with columns; nil when the line does not start with `|`.
    static func splitRow(_ line: Substring, at loc: SourceLocation) -> Row? {
        let trimmedStart = line.firstIndex { $0 != " " && $0 != "\t" } ?? line.endIndex
        guard trimmedStart < line.endIndex, line[trimmedStart] == "|" else { return nil }
        var cells: [Cell] = []
        let chars = Array(line)
        var i = line.distance(from: line.startIndex, to: trimmedStart) + 1
        while i < chars.count {
            var j = i
            while j < chars.count, chars[j] != "|" { j += 1 }
            let raw = chars[i..<j]
            let lead = raw.prefix { $0 == " " || $0 == "\t" }.count
            let text = String(raw).trimmingSpaces()
            if j < chars.count || !text.isEmpty {
                cells.append(Cell(text: text, location: loc.advanced(by: i + min(lead, raw.count))))
            }
            i = j + 1
        }
        return Row(cells: cells, location: loc.advanced(by: line.distance(from: line.startIndex, to: trimmedStart)))
    }
}

extension String {
    /// Removes leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
