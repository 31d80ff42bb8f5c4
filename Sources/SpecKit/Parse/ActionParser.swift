import IomapEngine

// MARK: - Action column (design.md "Actions")

/// Parses the action column of a scenario row against the `ActionWord` declarations.
enum ActionParser {
    /// The tokens after the action word, sorted into positional numbers, options and `until=`.
    struct Tokens {
        var numbers: [Int] = []
        /// Where each number was written, for range errors.
        var numberTokens: [Token] = []
        var options: [String: (value: String, location: SourceLocation)] = [:]
        var until: PauseTarget?
        var ok = true
    }

    /// Parses `text` (at `loc`) into an `Action`; nil, with diagnostics, when it is malformed.
    static func parse(_ text: String, at loc: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> Action? {
        let tokens = tokenize(Substring(text))
        guard let first = tokens.first else {
            diagnostics.append(SpecDiagnostic(loc, "expected an action (one of \(ActionWord.sortedNames)), found an empty cell"))
            return nil
        }
        guard let word = ActionWord.byName[String(first.text)] else {
            diagnostics.append(SpecDiagnostic(loc, "unknown action '\(first.text)': expected one of \(ActionWord.sortedNames)"))
            return nil
        }
        let t = sort(tokens.dropFirst(), for: word, at: loc, diagnostics: &diagnostics)
        guard t.numbers.count == word.arguments.count else {
            diagnostics.append(SpecDiagnostic(loc, "\(word.name) needs \(word.argumentList)"))
            return nil
        }
        guard let args = arguments(t, for: word, at: loc, diagnostics: &diagnostics), t.ok,
              reachFits(t, for: word, at: loc, diagnostics: &diagnostics) else { return nil }
        return Action(kind: word.make(args), until: t.until, isRead: word.reads, reach: word.reach(args), location: loc)
    }

    /// Sorts each token into a number, an option or `until=`, reporting the ones that fit nowhere.
    static func sort(_ tokens: ArraySlice<Token>, for word: ActionWord, at loc: SourceLocation,
                     diagnostics: inout [SpecDiagnostic]) -> Tokens {
        var t = Tokens()
        func fail(_ at: SourceLocation, _ message: String) { diagnostics.append(SpecDiagnostic(at, message)); t.ok = false }
        for tok in tokens {
            let tloc = loc.advanced(by: tok.offset)
            if let eq = tok.text.firstIndex(of: "=") {
                let key = String(tok.text[..<eq]), value = String(tok.text[tok.text.index(after: eq)...])
                if t.options[key] != nil || (key == "until" && t.until != nil) {
                    fail(tloc, "duplicate option '\(key)=': expected each option of \(word.name) once")
                } else if key == "until" {
                    if let u = parseUntil(value, at: tloc, diagnostics: &diagnostics) { t.until = u } else { t.ok = false }
                } else if word.option(key) != nil {
                    t.options[key] = (value, tloc)
                } else {
                    fail(tloc, "unknown option '\(key)=' for \(word.name): expected \(optionList(word))")
                }
            } else if ActionWord.flagNames.contains(String(tok.text)) {
                if t.options[String(tok.text)] != nil {
                    fail(tloc, "duplicate option '\(tok.text)': expected each option of \(word.name) once")
                } else if word.option(String(tok.text)) != nil { t.options[String(tok.text)] = ("", tloc) } else {
                    fail(tloc, "unknown option '\(tok.text)' for \(word.name): expected \(optionList(word))")
                }
            } else if t.numbers.count < word.arguments.count {
                let argument = word.arguments[t.numbers.count]
                let limit = argument == .LEN && word.transfers ? SpecLimits.maxTransfer : argument.limit
                switch parseNumber(tok.text, limit: limit) {
                case .value(let n): t.numbers.append(n)
                case .malformed:
                    fail(tloc, "expected \(argument.rawValue) as a number (decimal, 0x hex, or k/m suffix), found '\(tok.text)'")
                    t.numbers.append(0)
                case .tooLarge:
                    fail(tloc, tooLargeMessage(argument.rawValue, tok.text, limit: limit))
                    t.numbers.append(0)
                }
                t.numberTokens.append(tok)
            } else {
                fail(tloc, "unexpected '\(tok.text)': \(word.name) takes \(word.argumentList)")
            }
        }
        return t
    }

    /// OFF+LEN stays at or below `SpecLimits.maxOffset` (each alone already does); reported at LEN.
    static func reachFits(_ t: Tokens, for word: ActionWord, at loc: SourceLocation,
                          diagnostics: inout [SpecDiagnostic]) -> Bool {
        guard let o = word.arguments.firstIndex(of: .OFF), let l = word.arguments.firstIndex(of: .LEN) else { return true }
        guard t.numbers[o] + t.numbers[l] > SpecLimits.maxOffset else { return true }
        diagnostics.append(SpecDiagnostic(loc.advanced(by: t.numberTokens[l].offset),
                                          "expected OFF+LEN at most 2^62 (Docs/scenario-format.md, Limits), found \(t.numberTokens[o].text)+\(t.numberTokens[l].text)"))
        return false
    }

    /// Decodes the options by their declared kinds; nil when a required one is missing or malformed.
    static func arguments(_ t: Tokens, for word: ActionWord, at loc: SourceLocation,
                          diagnostics: inout [SpecDiagnostic]) -> ActionArguments? {
        var a = ActionArguments(numbers: Dictionary(uniqueKeysWithValues: zip(word.arguments, t.numbers)),
                                letters: [:], counts: [:], flags: [])
        var complete = true
        for o in word.options {
            guard let (v, l) = t.options[o.name] else {
                if o.required {
                    diagnostics.append(SpecDiagnostic(loc, "\(word.name) needs \(o.usage) (one letter)"))
                    complete = false
                }
                continue
            }
            switch o.kind {
            case .flag: a.flags.insert(o.name)
            case .letter:
                if v.count == 1, let c = v.first, c.isASCII, c.isLetter, let b = c.asciiValue { a.letters[o.name] = b } else {
                    diagnostics.append(SpecDiagnostic(l, "expected \(o.name)=X with X one letter, found '\(o.name)=\(v)'"))
                    complete = false
                }
            case .count:
                switch parseNumber(Substring(v), limit: SpecLimits.maxTransfer) {
                case .value(let n): a.counts[o.name] = n
                case .malformed:
                    diagnostics.append(SpecDiagnostic(l, "expected \(o.name)=N with N a byte count, found '\(o.name)=\(v)'"))
                    complete = false
                case .tooLarge:
                    diagnostics.append(SpecDiagnostic(l, tooLargeMessage("\(o.name)=N", Substring(v), limit: SpecLimits.maxTransfer)))
                    complete = false
                }
            }
        }
        return complete ? a : nil
    }

    /// `POINT` or `POINT@OFF`, as the engine's `PauseTarget`.
    static func parseUntil(_ value: String, at loc: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> PauseTarget? {
        let parts = value.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let point = PausePoint(rawValue: String(parts[0])) else {
            diagnostics.append(SpecDiagnostic(loc, "unknown pause point '\(parts[0])': expected one of \(Vocabulary.pausePoints.joined(separator: ", "))"))
            return nil
        }
        guard parts.count == 2 else { return PauseTarget(point: point) }
        guard case .value(let n) = parseNumber(parts[1], limit: SpecLimits.maxOffset) else {
            let why = parseNumber(parts[1], limit: SpecLimits.maxOffset) == .tooLarge ? " at most 2^62" : ""
            diagnostics.append(SpecDiagnostic(loc, "expected POINT@OFF with OFF a number\(why), found '\(value)'"))
            return nil
        }
        return PauseTarget(point: point, pos: n)
    }

    /// `data=, efault=, until=`: the word's options, sorted, then `until=`.
    static func optionList(_ word: ActionWord) -> String {
        (word.options.sorted { $0.name < $1.name }.map(\.listed) + ["until="]).joined(separator: ", ")
    }
}
