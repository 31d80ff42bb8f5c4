import IomapEngine

// MARK: - Scenario blocks

/// Parses a `scenario ID key=value...` fenced block into a `Scenario`.
enum ScenarioParser {
    /// The fixed header columns.
    static let fixedColumns = ["step", "actor", "action", "expect"]

    static func parse(info: String, body: String, fence: SourceLocation, infoLoc: SourceLocation, sectionId: String,
                      diagnostics: inout [SpecDiagnostic]) -> Scenario? {
        let errorsBefore = diagnostics.count
        guard let (id, settings) = parseInfo(info, at: infoLoc, diagnostics: &diagnostics),
              let table = PipeTable.parse(body, fence: fence, diagnostics: &diagnostics),
              let without = parseHeader(table, fence: fence, settings: settings, diagnostics: &diagnostics) else { return nil }
        var actors = ActorTracker()
        var steps: [Step] = []
        for row in table.rows {
            // A row with an error is reported and left out; the scenario is then dropped below.
            if let step = parseRow(row, width: table.header.count, settings: settings, actors: &actors, diagnostics: &diagnostics) {
                steps.append(step)
            }
        }
        if table.rows.isEmpty {
            diagnostics.append(SpecDiagnostic(fence, "expected at least one step row in scenario \(id)"))
        }
        for (actor, row) in actors.inFlightSince.sorted(by: { $0.value < $1.value }) {
            diagnostics.append(SpecDiagnostic(row, "actor \(actor) is still paused or blocked at the end of scenario \(id) (since this row): expected a later 'continue' row for \(actor)"))
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return Scenario(id: id, location: fence, sectionId: sectionId, settings: settings, switchColumns: without, steps: steps)
    }

    /// `scenario ID key=value...`: the id and the settings.
    static func parseInfo(_ info: String, at infoLoc: SourceLocation,
                          diagnostics: inout [SpecDiagnostic]) -> (String, ScenarioSettings)? {
        let tokens = tokenize(Substring(info))
        guard tokens.count >= 2 else {
            diagnostics.append(SpecDiagnostic(infoLoc, "expected 'scenario ID [key=value...]': the scenario id is missing"))
            return nil
        }
        let id = blockId(tokens[1], what: "a scenario id", at: infoLoc, diagnostics: &diagnostics)
        return (id, parseSettings(tokens.dropFirst(2), at: infoLoc, diagnostics: &diagnostics))
    }

    /// `bs= folio= patches= device= tags= aka=`, each applied by its `SettingWord`.
    static func parseSettings(_ tokens: ArraySlice<Token>, at infoLoc: SourceLocation,
                              diagnostics: inout [SpecDiagnostic]) -> ScenarioSettings {
        var unused = ExploreBounds()
        return parseSettings(tokens, at: infoLoc, exploreWords: [], bounds: &unused, diagnostics: &diagnostics)
    }

    /// The scenario settings and, for an explore block, its `exploreWords` (the search bounds, into `bounds`): one
    /// loop, so both kinds share the key=value, unknown-key and duplicate-key rules.
    static func parseSettings(_ tokens: ArraySlice<Token>, at infoLoc: SourceLocation,
                              exploreWords: [ExploreSettingWord], bounds: inout ExploreBounds,
                              diagnostics: inout [SpecDiagnostic]) -> ScenarioSettings {
        let allKeys = SettingWord.all.map(\.key) + exploreWords.map(\.key)
        var s = ScenarioSettings()
        var seen: [Substring: SourceLocation] = [:]
        var folioAt: SourceLocation?
        for t in tokens {
            let loc = infoLoc.advanced(by: t.offset)
            let kv = t.text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else {
                let keys = allKeys.map { $0 + "=" }.joined(separator: " ")
                diagnostics.append(SpecDiagnostic(loc, "expected a setting key=value (one of \(keys)), found '\(t.text)'"))
                continue
            }
            let word = SettingWord.all.first { $0.key == kv[0] }
            let bound = exploreWords.first { $0.key == kv[0] }
            guard word != nil || bound != nil else {
                diagnostics.append(SpecDiagnostic(loc, "unknown setting '\(kv[0])': expected one of \(allKeys.joined(separator: ", "))"))
                continue
            }
            if let first = seen[kv[0]] {
                diagnostics.append(SpecDiagnostic(loc, "duplicate setting '\(kv[0])=' (first at column \(first.column)): expected each setting once"))
                continue
            }
            seen[kv[0]] = loc
            let valueAt = loc.advanced(by: kv[0].count + 1)
            if kv[0] == "folio" { folioAt = valueAt }
            if let word { word.apply(kv[1], valueAt, &s, &diagnostics) }
            bound?.apply(kv[1], at: valueAt, to: &bounds, diagnostics: &diagnostics)
        }
        if let at = folioAt, s.folioSize < s.blockSize {
            diagnostics.append(SpecDiagnostic(at, "expected folio= at least bs= (a folio holds whole blocks), found folio=\(formatSize(s.folioSize)) with bs=\(formatSize(s.blockSize))"))
        }
        return s
    }

    /// Header `| step | actor | action | expect | [without SWITCH ...]`: the `without` switches; nil when too short.
    static func parseHeader(_ table: PipeTable, fence: SourceLocation, settings: ScenarioSettings,
                            diagnostics: inout [SpecDiagnostic]) -> [Patch]? {
        var without: [Patch] = []
        for (i, cell) in table.header.enumerated() {
            if i < fixedColumns.count {
                if cell.text != fixedColumns[i] {
                    diagnostics.append(SpecDiagnostic(cell.location, "expected header column \(i + 1) to be '\(fixedColumns[i])' (header: | step | actor | action | expect | [without SWITCH ...]), found '\(cell.text)'"))
                }
            } else if let p = withoutColumn(cell, settings: settings, seen: without, diagnostics: &diagnostics) {
                without.append(p)
            }
        }
        if table.header.count < fixedColumns.count {
            diagnostics.append(SpecDiagnostic(table.header.first?.location ?? fence, "expected header | step | actor | action | expect | [without SWITCH ...], found \(table.header.count) columns"))
            return nil
        }
        return without
    }

    /// A `without SWITCH` (or, for a later fix, `with SWITCH`) header cell: a known switch, not off already, not repeated.
    static func withoutColumn(_ cell: PipeTable.Cell, settings: ScenarioSettings, seen: [Patch],
                              diagnostics: inout [SpecDiagnostic]) -> Patch? {
        let words = cell.text.split(separator: " ")
        guard words.count == 2, words[0] == "without" || words[0] == "with" else {
            diagnostics.append(SpecDiagnostic(cell.location, "expected an extra column named 'without SWITCH' (or 'with SWITCH' for a later fix), found '\(cell.text)'"))
            return nil
        }
        let at = cell.location.advanced(by: words[0].count + 1)
        guard let p = Patch(rawValue: String(words[1])) else {
            diagnostics.append(SpecDiagnostic(at, "unknown switch '\(words[1])' in '\(words[0])' column: expected one of \(Vocabulary.switches.joined(separator: ", "))"))
            return nil
        }
        guard SwitchColumn.word(p) == words[0] else {
            diagnostics.append(SpecDiagnostic(cell.location, "expected '\(SwitchColumn.name(p))': \(p) is a \(p.kind), \(p.isOnIn62 ? "on" : "off") in the series, found '\(cell.text)'"))
            return nil
        }
        if settings.flipped.contains(p) {
            diagnostics.append(SpecDiagnostic(at, "switch '\(p)' is already flipped by patches=\(SwitchColumn.flag(p)); a '\(cell.text)' column would repeat the expect run"))
        } else if seen.contains(p) {
            diagnostics.append(SpecDiagnostic(at, "duplicate column 'without \(p)'"))
        }
        return p
    }

    /// One table row as a `Step`; nil when the row has an error (reported).
    static func parseRow(_ row: PipeTable.Row, width: Int, settings: ScenarioSettings, actors: inout ActorTracker,
                         diagnostics: inout [SpecDiagnostic]) -> Step? {
        guard row.cells.count == width else {
            diagnostics.append(SpecDiagnostic(row.location, "expected \(width) cells in this row (as the header), found \(row.cells.count)"))
            return nil
        }
        let label = row.cells[0].text, actor = row.cells[1].text
        if label.isEmpty { diagnostics.append(SpecDiagnostic(row.cells[0].location, "expected a step label (e.g. 1)")) }
        let actorOK = actor == "-" || (isValidId(Substring(actor)) && actor.first!.isLetter)
        if !actorOK {
            diagnostics.append(SpecDiagnostic(row.cells[1].location, "expected an actor: '-' (the harness) or a name like W, F, WB; found '\(actor)'"))
        }
        guard let action = ActionParser.parse(row.cells[2].text, at: row.cells[2].location, diagnostics: &diagnostics), actorOK else {
            // Every error of the row is reported: the cells are still parsed, on their own.
            for cell in row.cells[3...] where cell.text != "=" {
                _ = ExpectationParser.parse(cell.text, at: cell.location, blockSize: settings.blockSize, diagnostics: &diagnostics)
            }
            return nil
        }
        let rowErrors = diagnostics.count
        let running = actors.start(action, by: actor, diagnostics: &diagnostics)
        let cells = parseCells(row.cells[3...], settings: settings, actor: actor, action: action, running: running,
                               diagnostics: &diagnostics)
        actors.finish(actor, action: action, running: running, cells: cells)
        guard diagnostics.count == rowErrors else { return nil }
        return Step(label: label, location: row.location, actor: actor, action: action, actionText: row.cells[2].text, cells: cells)
    }

    /// The expectation cells of a row, `=` cells copied from `expect`.
    static func parseCells(_ raw: ArraySlice<PipeTable.Cell>, settings: ScenarioSettings, actor: String, action: Action,
                           running: Action?, diagnostics: inout [SpecDiagnostic]) -> [ExpectationCell] {
        var cells: [ExpectationCell] = []
        for cell in raw {
            if !cells.isEmpty && cell.text == "=" {
                var copy = cells[0]; copy.location = cell.location; copy.text = "="
                cells.append(copy); continue
            }
            let exps = ExpectationParser.parse(cell.text, at: cell.location, blockSize: settings.blockSize, diagnostics: &diagnostics)
            for e in exps { checkable(e, actor: actor, action: action, running: running, diagnostics: &diagnostics) }
            cells.append(ExpectationCell(text: cell.text, location: cell.location, expectations: exps))
        }
        return cells
    }

    /// Rejects expectations that can never be checked on this row.
    static func checkable(_ e: Expectation, actor: String, action: Action, running: Action?,
                          diagnostics: inout [SpecDiagnostic]) {
        func never(_ why: String) { diagnostics.append(SpecDiagnostic(e.location, "'\(e.text)' can never be checked: \(why)")) }
        switch e.kind {
        case .ret, .got:
            if let u = action.until {
                never("this row's action pauses (until=\(u)), so it returns nothing; expected paused=POINT here and \(e.text) on the row that continues it")
            } else if case .got = e.kind, let r = running, !r.isRead {
                never("got= needs a read (pread or load), this row's operation is not one")
            }
        case .paused(let target):
            if action.until == nil {
                never("paused= needs until=POINT on this row's action")
            } else if actor == "-" {
                never("the harness '-' runs synchronously; expected a named actor")
            } else if let u = action.until, u.point != target.point {
                never("the action runs until=\(u), so it can only pause at \(u.point)")
            }
        case .blocked where actor == "-":
            never("the harness '-' runs synchronously; expected a named actor")
        case .iomap where actor == "-":
            never("the harness '-' keeps no iomap; expected a named actor")
        default: break
        }
    }
}

// MARK: - Which actors have an operation in flight

/// The static actor model: which named actors may have an operation in flight, and which one.
struct ActorTracker {
    /// The action that started each actor's operation in flight.
    var inFlight: [String: Action] = [:]
    /// The row that left each actor in flight (paused or blocked), for the end-of-scenario check.
    var inFlightSince: [String: SourceLocation] = [:]

    /// Checks that `actor` may run `action` here and returns the action whose operation the row runs.
    ///
    /// For `continue` that is the row that started the operation; nil when there is none.
    mutating func start(_ action: Action, by actor: String, diagnostics: inout [SpecDiagnostic]) -> Action? {
        if actor == "-" {
            if action.until != nil {
                diagnostics.append(SpecDiagnostic(action.location, "the harness ('-') runs synchronously and cannot pause: until= needs a named actor"))
            }
            if action.kind == .continue {
                diagnostics.append(SpecDiagnostic(action.location, "continue needs a named actor with an operation in flight, not the harness '-'"))
            }
            return action
        }
        if action.kind == .continue {
            if let started = inFlight[actor] { return started }
            diagnostics.append(SpecDiagnostic(action.location, "continue for actor \(actor), which has no paused or blocked operation: expected an earlier row for \(actor) with until= or a blocked= expectation"))
            return nil
        }
        if inFlight[actor] != nil {
            diagnostics.append(SpecDiagnostic(action.location, "actor \(actor) still has an operation in flight: expected 'continue' before starting another"))
        }
        return action
    }

    /// A named actor stays in flight when the row pauses it or expects it blocked or paused.
    mutating func finish(_ actor: String, action: Action, running: Action?, cells: [ExpectationCell]) {
        guard actor != "-" else { return }
        let waits = cells.contains { $0.expectations.contains { e in
            switch e.kind { case .blocked, .paused: return true; default: return false }
        } }
        inFlight[actor] = (action.until != nil || waits) ? running : nil
        inFlightSince[actor] = inFlight[actor] == nil ? nil : action.location
    }
}
