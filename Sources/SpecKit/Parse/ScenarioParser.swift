// MARK: - Scenario blocks

/// Parses a `scenario ID key=value...` fenced block into a `Scenario`.
enum ScenarioParser {
    static func parse(info: String, body: String, fence: SourceLocation, infoLoc: SourceLocation, sectionId: String,
                      diagnostics: inout [SpecDiagnostic]) -> Scenario? {
        let errorsBefore = diagnostics.count
        let tokens = tokenize(Substring(info))
        guard tokens.count >= 2 else {
            diagnostics.append(SpecDiagnostic(infoLoc, "expected 'scenario ID [key=value...]': the scenario id is missing"))
            return nil
        }
        let id = String(tokens[1].text)
        if !isValidId(tokens[1].text) {
            diagnostics.append(SpecDiagnostic(infoLoc.advanced(by: tokens[1].offset), "expected a scenario id of letters, digits and _-./, found '\(id)'"))
        }
        let settings = parseSettings(tokens.dropFirst(2), at: infoLoc, diagnostics: &diagnostics)
        guard let table = PipeTable.parse(body, fence: fence, diagnostics: &diagnostics) else { return nil }

        // Header: step | actor | action | expect | without SWITCH ...
        let fixed = ["step", "actor", "action", "expect"]
        var without: [String] = []
        for (i, cell) in table.header.enumerated() {
            if i < fixed.count {
                if cell.text != fixed[i] {
                    diagnostics.append(SpecDiagnostic(cell.location, "expected header column \(i + 1) to be '\(fixed[i])' (header: | step | actor | action | expect | [without SWITCH ...]), found '\(cell.text)'"))
                }
                continue
            }
            let words = cell.text.split(separator: " ")
            guard words.count == 2, words[0] == "without" else {
                diagnostics.append(SpecDiagnostic(cell.location, "expected an extra column named 'without SWITCH', found '\(cell.text)'"))
                continue
            }
            let sw = String(words[1])
            if !Vocabulary.switches.contains(sw) {
                diagnostics.append(SpecDiagnostic(cell.location.advanced(by: 8), "unknown switch '\(sw)' in 'without' column: expected one of \(Vocabulary.switches.joined(separator: ", "))"))
            } else if settings.patchesOff.contains(sw) {
                diagnostics.append(SpecDiagnostic(cell.location.advanced(by: 8), "switch '\(sw)' is already off in patches=; a 'without \(sw)' column would repeat the expect run"))
            } else if without.contains(sw) {
                diagnostics.append(SpecDiagnostic(cell.location.advanced(by: 8), "duplicate column 'without \(sw)'"))
            }
            without.append(sw)
        }
        if table.header.count < fixed.count {
            diagnostics.append(SpecDiagnostic(table.header.first?.location ?? fence, "expected header | step | actor | action | expect | [without SWITCH ...], found \(table.header.count) columns"))
            return nil
        }
        let width = table.header.count
        var steps: [Step] = []
        // Static actor model: which actors may have an operation in flight, and whether it is a read.
        var inFlight: [String: ActionKind] = [:]
        for row in table.rows {
            guard row.cells.count == width else {
                diagnostics.append(SpecDiagnostic(row.location, "expected \(width) cells in this row (as the header), found \(row.cells.count)"))
                continue
            }
            let label = row.cells[0].text
            let actor = row.cells[1].text
            if label.isEmpty { diagnostics.append(SpecDiagnostic(row.cells[0].location, "expected a step label (e.g. 1)")) }
            if !(actor == "-" || (isValidId(Substring(actor)) && actor.first!.isLetter)) {
                diagnostics.append(SpecDiagnostic(row.cells[1].location, "expected an actor: '-' (the harness) or a name like W, F, WB; found '\(actor)'"))
                continue
            }
            guard let action = ActionParser.parse(row.cells[2].text, at: row.cells[2].location, diagnostics: &diagnostics) else { continue }
            let rowErrors = diagnostics.count
            // Checkability of the action itself.
            var runningKind: ActionKind? = action.kind
            if actor == "-" {
                if action.until != nil {
                    diagnostics.append(SpecDiagnostic(action.location, "the harness ('-') runs synchronously and cannot pause: until= needs a named actor"))
                }
                if action.kind == .continue {
                    diagnostics.append(SpecDiagnostic(action.location, "continue needs a named actor with an operation in flight, not the harness '-'"))
                }
            } else if action.kind == .continue {
                if let k = inFlight[actor] { runningKind = k } else {
                    diagnostics.append(SpecDiagnostic(action.location, "continue for actor \(actor), which has no paused or blocked operation: expected an earlier row for \(actor) with until= or a blocked= expectation"))
                    runningKind = nil
                }
            } else if inFlight[actor] != nil {
                diagnostics.append(SpecDiagnostic(action.location, "actor \(actor) still has an operation in flight: expected 'continue' before starting another"))
            }
            // Cells.
            var cells: [ExpectationCell] = []
            for v in 0..<(width - 3) {
                let cell = row.cells[3 + v]
                if v > 0 && cell.text == "=" {
                    var copy = cells[0]; copy.location = cell.location; copy.text = "="
                    cells.append(copy); continue
                }
                let exps = ExpectationParser.parse(cell.text, at: cell.location, blockSize: settings.blockSize, diagnostics: &diagnostics)
                for e in exps { checkable(e, actor: actor, action: action, running: runningKind, diagnostics: &diagnostics) }
                cells.append(ExpectationCell(text: cell.text, location: cell.location, expectations: exps))
            }
            // A named actor may stay in flight when it was asked to pause or is expected blocked/paused somewhere.
            if actor != "-" {
                let mayStay = action.until != nil || cells.contains { $0.expectations.contains { if case .blocked = $0.kind { return true }; if case .paused = $0.kind { return true }; return false } }
                if mayStay, let k = runningKind { inFlight[actor] = k } else { inFlight[actor] = nil }
            }
            if diagnostics.count == rowErrors {
                steps.append(Step(label: label, location: row.location, actor: actor, action: action,
                                  actionText: row.cells[2].text, cells: cells))
            }
        }
        if table.rows.isEmpty {
            diagnostics.append(SpecDiagnostic(fence, "expected at least one step row in scenario \(id)"))
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return Scenario(id: id, location: fence, sectionId: sectionId, settings: settings, without: without, steps: steps)
    }

    /// Rejects expectations that can never be checked on this row.
    static func checkable(_ e: Expectation, actor: String, action: Action, running: ActionKind?,
                          diagnostics: inout [SpecDiagnostic]) {
        let pauses = action.until != nil
        switch e.kind {
        case .ret where pauses, .got where pauses:
            diagnostics.append(SpecDiagnostic(e.location, "'\(e.text)' can never be checked: this row's action pauses (until=\(action.until!)), so it returns nothing; expected paused=POINT here and \(e.text) on the row that continues it"))
        case .got:
            if let k = running, !k.isRead {
                diagnostics.append(SpecDiagnostic(e.location, "'\(e.text)' can never be checked: got= needs a read (pread or load), this row's operation is not one"))
            }
        case .paused where !pauses:
            diagnostics.append(SpecDiagnostic(e.location, "'\(e.text)' can never be checked: paused= needs until=POINT on this row's action"))
        case .paused where actor == "-", .blocked where actor == "-":
            diagnostics.append(SpecDiagnostic(e.location, "'\(e.text)' can never be checked: the harness '-' runs synchronously; expected a named actor"))
        case .iomap where actor == "-":
            diagnostics.append(SpecDiagnostic(e.location, "'\(e.text)' can never be checked: the harness '-' keeps no iomap; expected a named actor"))
        case .paused(let point, _):
            if let u = action.until, u.point != point {
                diagnostics.append(SpecDiagnostic(e.location, "'\(e.text)' can never be checked: the action runs until=\(u), so it can only pause at \(u.point)"))
            }
        default: break
        }
    }

    /// `bs= folio= patches= device= tags=`.
    static func parseSettings(_ tokens: ArraySlice<Token>, at infoLoc: SourceLocation,
                              diagnostics: inout [SpecDiagnostic]) -> ScenarioSettings {
        var s = ScenarioSettings()
        for t in tokens {
            let loc = infoLoc.advanced(by: t.offset)
            let kv = t.text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else {
                diagnostics.append(SpecDiagnostic(loc, "expected a setting key=value (one of \(Vocabulary.settings.map { $0 + "=" }.joined(separator: " "))), found '\(t.text)'"))
                continue
            }
            let key = String(kv[0]), value = kv[1]
            let vloc = loc.advanced(by: key.count + 1)
            switch key {
            case "bs", "folio":
                let (lo, hi) = key == "bs" ? (512, 65536) : (4096, 65536)
                guard let n = parseNumber(value), n >= lo, n <= hi, n & (n - 1) == 0 else {
                    diagnostics.append(SpecDiagnostic(vloc, "expected \(key)= a power of two from \(sizeText(lo)) to \(sizeText(hi)), found '\(value)'"))
                    continue
                }
                if key == "bs" { s.blockSize = n } else { s.folioSize = n }
            case "patches":
                if value == "series" { continue }
                var off: [String] = []
                var col = 0
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    defer { col += item.count + 1 }
                    guard item.hasPrefix("-"), Vocabulary.switches.contains(String(item.dropFirst())) else {
                        diagnostics.append(SpecDiagnostic(vloc.advanced(by: col), "expected patches=series or -SWITCH,... with SWITCH one of \(Vocabulary.switches.joined(separator: ", ")), found '\(item)'"))
                        continue
                    }
                    off.append(String(item.dropFirst()))
                }
                s.patchesOff = off
            case "device":
                guard let d = ScenarioSettings.Device(rawValue: String(value)) else {
                    diagnostics.append(SpecDiagnostic(vloc, "expected device=memory or device=file, found '\(value)'"))
                    continue
                }
                s.device = d
            case "tags":
                s.tags = value.split(separator: ",").map(String.init)
            default:
                diagnostics.append(SpecDiagnostic(loc, "unknown setting '\(key)': expected one of \(Vocabulary.settings.joined(separator: ", "))"))
            }
        }
        return s
    }
}
