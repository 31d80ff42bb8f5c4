// MARK: - Action column (design.md "Actions")

/// Parses the action column of a scenario row.
enum ActionParser {
    /// Positional argument names and allowed options per verb.
    static let verbs: [String: (args: [String], options: Set<String>)] = [
        "pwrite": (["OFF", "LEN"], ["data", "efault"]),
        "pread": (["OFF", "LEN"], []),
        "store": (["OFF", "LEN"], ["data"]),
        "load": (["OFF", "LEN"], []),
        "truncate": (["SIZE"], []),
        "fallocate": (["OFF", "LEN"], ["keep-size"]),
        "punch-hole": (["OFF", "LEN"], []),
        "zero-range": (["OFF", "LEN"], ["keep-size"]),
        "fsync": ([], []),
        "writeback": (["OFF", "LEN"], []),
        "reclaim": (["OFF", "LEN"], []),
        "readahead": (["OFF", "LEN"], []),
        "errortag": (["TAG", "VALUE"], []),
        "fail-io": (["OFF", "LEN"], []),
        "fail-map": (["OFF", "LEN"], []),
        "continue": ([], []),
    ]

    static func parse(_ text: String, at loc: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> Action? {
        let tokens = tokenize(Substring(text))
        guard let verbTok = tokens.first else {
            diagnostics.append(SpecDiagnostic(loc, "expected an action (one of \(verbs.keys.sorted().joined(separator: ", "))), found an empty cell"))
            return nil
        }
        let verb = String(verbTok.text)
        guard let shape = verbs[verb] else {
            diagnostics.append(SpecDiagnostic(loc, "unknown action '\(verb)': expected one of \(verbs.keys.sorted().joined(separator: ", "))"))
            return nil
        }
        var numbers: [Int] = []
        var options: [String: (String, SourceLocation)] = [:]
        var until: Until?
        var ok = true
        for tok in tokens.dropFirst() {
            let tloc = loc.advanced(by: tok.offset)
            if let eq = tok.text.firstIndex(of: "=") {
                let key = String(tok.text[..<eq]), value = String(tok.text[tok.text.index(after: eq)...])
                if key == "until" {
                    guard let u = parseUntil(value, at: tloc, diagnostics: &diagnostics) else { ok = false; continue }
                    until = u
                } else if shape.options.contains(key) {
                    options[key] = (value, tloc)
                } else {
                    diagnostics.append(SpecDiagnostic(tloc, "unknown option '\(key)=' for \(verb): expected \(optionList(shape.options))"))
                    ok = false
                }
            } else if tok.text == "keep-size" {
                if shape.options.contains("keep-size") { options["keep-size"] = ("", tloc) } else {
                    diagnostics.append(SpecDiagnostic(tloc, "unknown option 'keep-size' for \(verb): expected \(optionList(shape.options))"))
                    ok = false
                }
            } else if numbers.count < shape.args.count {
                guard let n = parseNumber(tok.text), n >= 0 else {
                    diagnostics.append(SpecDiagnostic(tloc, "expected \(shape.args[numbers.count]) as a number (decimal, 0x hex, or k/m suffix), found '\(tok.text)'"))
                    ok = false; numbers.append(0); continue
                }
                numbers.append(n)
            } else {
                diagnostics.append(SpecDiagnostic(tloc, "unexpected '\(tok.text)': \(verb) takes \(usage(verb, shape))"))
                ok = false
            }
        }
        guard numbers.count == shape.args.count else {
            diagnostics.append(SpecDiagnostic(loc, "\(verb) needs \(usage(verb, shape))"))
            return nil
        }
        func letter(_ key: String) -> UInt8? {
            guard let (v, l) = options[key] else {
                diagnostics.append(SpecDiagnostic(loc, "\(verb) needs data=X (one letter)"))
                return nil
            }
            guard v.count == 1, let c = v.first, c.isASCII, c.isLetter else {
                diagnostics.append(SpecDiagnostic(l, "expected data=X with X one letter, found 'data=\(v)'"))
                return nil
            }
            return c.asciiValue
        }
        let a = numbers
        var kind: ActionKind?
        switch verb {
        case "pwrite":
            var efault: Int?
            if let (v, l) = options["efault"] {
                if let n = parseNumber(v), n >= 0 { efault = n } else {
                    diagnostics.append(SpecDiagnostic(l, "expected efault=N with N a byte count, found 'efault=\(v)'")); ok = false
                }
            }
            if let d = letter("data") { kind = .pwrite(offset: a[0], length: a[1], data: d, efault: efault) }
        case "pread": kind = .pread(offset: a[0], length: a[1])
        case "store": if let d = letter("data") { kind = .store(offset: a[0], length: a[1], data: d) }
        case "load": kind = .load(offset: a[0], length: a[1])
        case "truncate": kind = .truncate(size: a[0])
        case "fallocate": kind = .fallocate(offset: a[0], length: a[1], keepSize: options["keep-size"] != nil)
        case "punch-hole": kind = .punchHole(offset: a[0], length: a[1])
        case "zero-range": kind = .zeroRange(offset: a[0], length: a[1], keepSize: options["keep-size"] != nil)
        case "fsync": kind = .fsync
        case "writeback": kind = .writeback(offset: a[0], length: a[1])
        case "reclaim": kind = .reclaim(offset: a[0], length: a[1])
        case "readahead": kind = .readahead(offset: a[0], length: a[1])
        case "errortag": kind = .errortag(tag: a[0], value: a[1])
        case "fail-io": kind = .failIO(offset: a[0], length: a[1])
        case "fail-map": kind = .failMap(offset: a[0], length: a[1])
        default: kind = .continue
        }
        guard ok, let k = kind else { return nil }
        return Action(kind: k, until: until, location: loc)
    }

    /// `POINT` or `POINT@OFF`.
    static func parseUntil(_ value: String, at loc: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> Until? {
        let parts = value.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let point = String(parts[0])
        guard Vocabulary.pausePoints.contains(point) else {
            diagnostics.append(SpecDiagnostic(loc, "unknown pause point '\(point)': expected one of \(Vocabulary.pausePoints.joined(separator: ", "))"))
            return nil
        }
        var pos: Int?
        if parts.count == 2 {
            guard let n = parseNumber(parts[1]), n >= 0 else {
                diagnostics.append(SpecDiagnostic(loc, "expected POINT@OFF with OFF a number, found '\(value)'"))
                return nil
            }
            pos = n
        }
        return Until(point: point, pos: pos)
    }

    static func optionList(_ s: Set<String>) -> String {
        let all = s.sorted().map { $0 == "keep-size" ? "keep-size" : "\($0)=" } + ["until="]
        return all.joined(separator: ", ")
    }

    static func usage(_ verb: String, _ shape: (args: [String], options: Set<String>)) -> String {
        shape.args.isEmpty ? "no arguments" : shape.args.joined(separator: " ")
    }
}
