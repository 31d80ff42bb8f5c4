// MARK: - Parameter tables (design.md "Parameter functions")

/// Parses a `params ID fn=FUNCTION` block; columns must be the function's inputs and outputs.
enum ParameterTableParser {
    /// A parameter function's signature: its input and output names.
    typealias Signature = (inputs: [String], outputs: [String])

    /// Parses the block; nil, with diagnostics, when it is malformed.
    static func parse(info: String, body: String, fence: SourceLocation, infoLoc: SourceLocation, sectionId: String,
                      diagnostics: inout [SpecDiagnostic]) -> ParameterTable? {
        let before = diagnostics.count
        guard let (id, fn, aliases) = parseInfo(info, at: infoLoc, diagnostics: &diagnostics),
              let sig = EngineBridge.parameterFunctions[fn],
              let table = PipeTable.parse(body, fence: fence, diagnostics: &diagnostics) else { return nil }
        let columns = parseColumns(table, function: fn, signature: sig, fence: fence, diagnostics: &diagnostics)
        let rows = parseRows(table, columns: columns, diagnostics: &diagnostics)
        if table.rows.isEmpty { diagnostics.append(SpecDiagnostic(fence, "expected at least one row in parameter table \(id)")) }
        guard diagnostics.count == before else { return nil }
        return ParameterTable(id: id, function: fn, location: fence, sectionId: sectionId, columns: columns, rows: rows,
                              aliases: aliases)
    }

    /// `params ID fn=FUNCTION [aka=ID,...]`: the id, a known function and the aliases.
    static func parseInfo(_ info: String, at infoLoc: SourceLocation,
                          diagnostics: inout [SpecDiagnostic]) -> (String, String, [String])? {
        let tokens = tokenize(Substring(info))
        guard tokens.count >= 3, tokens[2].text.hasPrefix("fn="), tokens.dropFirst(3).allSatisfy({ $0.text.hasPrefix("aka=") }) else {
            diagnostics.append(SpecDiagnostic(infoLoc, "expected 'params ID fn=FUNCTION [aka=ID,...]'"))
            return nil
        }
        let aliases = parseAliases(tokens.dropFirst(3), at: infoLoc, diagnostics: &diagnostics)
        let id = blockId(tokens[1], what: "a parameter table id", at: infoLoc, diagnostics: &diagnostics)
        let fn = String(tokens[2].text.dropFirst(3))
        guard EngineBridge.parameterFunctions[fn] != nil else {
            diagnostics.append(SpecDiagnostic(infoLoc.advanced(by: tokens[2].offset + 3), "unknown parameter function '\(fn)': expected one of \(EngineBridge.parameterFunctions.keys.sorted().joined(separator: ", "))"))
            return nil
        }
        return (id, fn, aliases)
    }

    /// `aka=ID,...` tokens after `fn=`: the table's former ids (the scenario setting of the same name).
    static func parseAliases(_ tokens: ArraySlice<Token>, at infoLoc: SourceLocation,
                             diagnostics: inout [SpecDiagnostic]) -> [String] {
        tokens.flatMap { t in
            SettingWord.aliases(t.text.dropFirst(4), at: infoLoc.advanced(by: t.offset + 4), diagnostics: &diagnostics)
        }
    }

    /// The header: each column an input or output of the function, once; every input and one output present.
    static func parseColumns(_ table: PipeTable, function fn: String, signature sig: Signature, fence: SourceLocation,
                             diagnostics: inout [SpecDiagnostic]) -> [String] {
        let known = sig.inputs + sig.outputs
        var columns: [String] = []
        for cell in table.header {
            if !known.contains(cell.text) {
                diagnostics.append(SpecDiagnostic(cell.location, "unknown column '\(cell.text)' for \(fn): expected inputs \(sig.inputs.joined(separator: ",")) and outputs \(sig.outputs.joined(separator: ","))"))
            } else if columns.contains(cell.text) {
                diagnostics.append(SpecDiagnostic(cell.location, "duplicate column '\(cell.text)'"))
            }
            columns.append(cell.text)
        }
        let hdr = table.header.first?.location ?? fence
        for input in sig.inputs where !columns.contains(input) {
            diagnostics.append(SpecDiagnostic(hdr, "missing input column '\(input)' for \(fn): expected inputs \(sig.inputs.joined(separator: ","))"))
        }
        if !columns.contains(where: sig.outputs.contains) {
            diagnostics.append(SpecDiagnostic(hdr, "expected at least one output column of \(fn) (\(sig.outputs.joined(separator: ",")))"))
        }
        return columns
    }

    /// Each row's numbers by column, with the cells' positions.
    static func parseRows(_ table: PipeTable, columns: [String], diagnostics: inout [SpecDiagnostic]) -> [ParameterRow] {
        var rows: [ParameterRow] = []
        for row in table.rows {
            guard row.cells.count == columns.count else {
                diagnostics.append(SpecDiagnostic(row.location, "expected \(columns.count) cells in this row (as the header), found \(row.cells.count)"))
                continue
            }
            var values: [String: Int] = [:], locs: [String: SourceLocation] = [:]
            for (name, cell) in zip(columns, row.cells) {
                switch parseNumber(Substring(cell.text), allowNegative: true, limit: SpecLimits.maxOffset) {
                case .value(let n): values[name] = n; locs[name] = cell.location
                case .malformed:
                    diagnostics.append(SpecDiagnostic(cell.location, "expected \(name) as a number (decimal, 0x hex, or k/m suffix), found '\(cell.text)'"))
                case .tooLarge:
                    diagnostics.append(SpecDiagnostic(cell.location, tooLargeMessage(name, Substring(cell.text), limit: SpecLimits.maxOffset)))
                }
            }
            rows.append(ParameterRow(location: row.location, values: values, cellLocations: locs))
        }
        return rows
    }
}
