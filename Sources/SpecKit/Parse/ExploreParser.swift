import IomapEngine

// MARK: - Explore blocks

/// Parses an `explore ID key=value...` fenced block into an `Exploration`.
///
/// The body is one line per item: `setup ACTION`, `actor NAME ACTION`, `after ACTION`, `expect EXPECTATIONS`
/// (the scenario grammar's final-state expectations and `linearizable`, `;`-separated) and `without SWITCH`.
/// Blank lines are skipped. Every error carries the line and column of the word it is about.
enum ExploreParser {
    /// The words a body line starts with.
    static let keywords = ["setup", "actor", "after", "expect", "without"]
    /// The expectation kinds that describe a final state (the others need a step: ret, paused, calls...).
    static let finalKinds = "file, disk, cache, extents, cow, folios, size, seq, reserved, seek, linearizable"

    static func parse(info: String, body: String, fence: SourceLocation, infoLoc: SourceLocation, sectionId: String,
                      diagnostics: inout [SpecDiagnostic]) -> Exploration? {
        let errorsBefore = diagnostics.count
        let tokens = tokenize(Substring(info))
        guard tokens.count >= 2 else {
            diagnostics.append(SpecDiagnostic(infoLoc, "expected 'explore ID [key=value...]': the explore id is missing"))
            return nil
        }
        let id = blockId(tokens[1], what: "an explore id", at: infoLoc, diagnostics: &diagnostics)
        var bounds = ExploreBounds()
        let settings = ScenarioParser.parseSettings(tokens.dropFirst(2), at: infoLoc, exploreWords: ExploreSettingWord.all,
                                                    bounds: &bounds, diagnostics: &diagnostics)
        var e = Exploration(id: id, location: fence, sectionId: sectionId, settings: settings,
                            preemptions: bounds.preemptions, depth: bounds.depth, setup: [], actors: [], epilogue: [],
                            properties: [], linearizable: nil, without: [])
        for (i, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = SourceLocation(file: fence.file, line: fence.line + 1 + i, column: 1)
            parseLine(Substring(raw), at: line, into: &e, diagnostics: &diagnostics)
        }
        if e.actors.count < 2 {
            diagnostics.append(SpecDiagnostic(fence, "expected at least two 'actor NAME ACTION' lines of different actors in explore \(id): the explorer races actors"))
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return e
    }

    /// One body line.
    static func parseLine(_ raw: Substring, at line: SourceLocation, into e: inout Exploration,
                          diagnostics: inout [SpecDiagnostic]) {
        let words = tokenize(raw)
        guard let first = words.first else { return }
        let loc = line.advanced(by: first.offset)
        let restOffset = first.offset + first.text.count
        let rest = String(raw.dropFirst(restOffset))
        let lead = rest.prefix { $0 == " " || $0 == "\t" }.count
        let restLoc = line.advanced(by: restOffset + lead)
        let restText = String(rest.dropFirst(lead))
        switch first.text {
        case "setup":
            if let l = operation(restText, at: restLoc, diagnostics: &diagnostics) { e.setup.append(l) }
        case "after":
            if let l = operation(restText, at: restLoc, diagnostics: &diagnostics) { e.epilogue.append(l) }
        case "actor":
            guard words.count >= 3 else {
                diagnostics.append(SpecDiagnostic(loc, "expected 'actor NAME ACTION' (a name like W, WB, then an action)"))
                return
            }
            let name = words[1].text
            let nameLoc = line.advanced(by: words[1].offset)
            guard isValidId(name), name.first!.isLetter else {
                diagnostics.append(SpecDiagnostic(nameLoc, "expected an actor name (letters first, then letters, digits, _-./), found '\(name)'"))
                return
            }
            let opOffset = words[2].offset
            let opText = String(raw.dropFirst(opOffset))
            guard let l = operation(opText, at: line.advanced(by: opOffset), diagnostics: &diagnostics) else { return }
            if let i = e.actors.firstIndex(where: { $0.name == name }) {
                e.actors[i].lines.append(l)
            } else {
                e.actors.append(ExploreActorLines(name: String(name), lines: [l]))
            }
        case "expect":
            parseProperties(restText, at: restLoc, into: &e, diagnostics: &diagnostics)
        case "without":
            guard words.count == 2, let p = Patch(rawValue: String(words[1].text)) else {
                let at = words.count >= 2 ? line.advanced(by: words[1].offset) : loc
                diagnostics.append(SpecDiagnostic(at, "expected 'without SWITCH' with SWITCH one of \(Vocabulary.switches.joined(separator: ", "))"))
                return
            }
            let at = line.advanced(by: words[1].offset)
            if !e.settings.isOn(p) {
                let why = p.isOnIn62 ? "turned off by patches=-\(p)" : "a \(p.kind), off unless patches=+\(p) turns it on"
                diagnostics.append(SpecDiagnostic(at, "switch '\(p)' is off in this block (\(why)); 'without \(p)' would repeat the series run"))
            } else if e.without.contains(where: { $0.patch == p }) {
                diagnostics.append(SpecDiagnostic(at, "duplicate 'without \(p)' line"))
            } else {
                e.without.append(ExploreWithout(patch: p, location: at))
            }
        default:
            diagnostics.append(SpecDiagnostic(loc, "unknown explore line '\(first.text)': expected one of \(keywords.joined(separator: ", "))"))
        }
    }

    /// An action with no `until=` and no `continue`: the explorer chooses where actors stop.
    static func operation(_ text: String, at loc: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> ExploreLine? {
        guard let a = ActionParser.parse(text, at: loc, diagnostics: &diagnostics) else { return nil }
        if a.until != nil {
            diagnostics.append(SpecDiagnostic(loc, "an explore block has no schedule: expected an action without until= (the explorer chooses where actors stop)"))
            return nil
        }
        guard case .operation(let op) = a.kind else {
            diagnostics.append(SpecDiagnostic(loc, "an explore block has no schedule: expected an operation, not continue"))
            return nil
        }
        return ExploreLine(location: loc, text: text, operation: op, reach: a.reach)
    }

    /// `expect E; E; ...`: final-state expectations and `linearizable`.
    static func parseProperties(_ text: String, at loc: SourceLocation, into e: inout Exploration,
                                diagnostics: inout [SpecDiagnostic]) {
        var offset = 0
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            let lead = part.prefix { $0 == " " || $0 == "\t" }.count
            let item = part.dropFirst(lead).trimmingTrailingSpaces()
            let at = loc.advanced(by: offset + lead)
            offset += part.count + 1
            if item.isEmpty {
                diagnostics.append(SpecDiagnostic(at, "expected an expectation (one of \(finalKinds)) between ';'"))
                continue
            }
            if item == "linearizable" { e.linearizable = at; continue }
            let exps = ExpectationParser.parse(String(item), at: at, blockSize: e.settings.blockSize, diagnostics: &diagnostics)
            for x in exps {
                switch x.kind {
                case .file, .disk, .cache, .extents, .folios, .size, .seq, .reserved, .seek: e.properties.append(x)
                default:
                    diagnostics.append(SpecDiagnostic(x.location, "'\(x.text)' describes a step, not the final state: expected one of \(finalKinds)"))
                }
            }
        }
    }
}

extension Substring {
    /// Without trailing spaces and tabs.
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
