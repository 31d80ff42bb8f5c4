// MARK: - Expectation cells (design.md "Expectations")

/// Parses a `;`-separated expectation cell.
enum ExpectationParser {
    static let kinds = ["done", "paused=", "blocked=", "ret=", "got=", "file", "disk", "cache", "extents", "cow",
                        "folios", "size=", "seq", "reserved=", "iomap", "violation=", "calls", "seek"]

    /// Parses every item of `text`; `bs` is the scenario block size (pictures count blocks).
    static func parse(_ text: String, at loc: SourceLocation, blockSize bs: Int,
                      diagnostics: inout [SpecDiagnostic]) -> [Expectation] {
        var out: [Expectation] = []
        var offset = 0
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            defer { offset += part.count + 1 }
            let lead = part.prefix { $0 == " " }.count
            let item = String(part).trimmingSpaces()
            if item.isEmpty { continue }
            let iloc = loc.advanced(by: offset + lead)
            if let k = parseItem(item, at: iloc, bs: bs, diagnostics: &diagnostics) {
                out.append(Expectation(kind: k, text: item, location: iloc))
            }
        }
        return out
    }

    static func parseItem(_ item: String, at loc: SourceLocation, bs: Int, diagnostics: inout [SpecDiagnostic]) -> ExpectationKind? {
        func fail(_ msg: String, _ off: Int = 0) -> ExpectationKind? {
            diagnostics.append(SpecDiagnostic(loc.advanced(by: off), msg)); return nil
        }
        func number(_ s: Substring, _ what: String, _ off: Int, negative: Bool = false) -> Int? {
            if let n = parseNumber(s, allowNegative: negative), negative || n >= 0 { return n }
            diagnostics.append(SpecDiagnostic(loc.advanced(by: off), "expected \(what) as a number (decimal, 0x hex, or k/m suffix), found '\(s)'"))
            return nil
        }
        // key=value forms
        if item == "done" { return .done }
        if let eq = item.firstIndex(of: "="), !item[..<eq].contains(" ") {
            let key = String(item[..<eq])
            let value = item[item.index(after: eq)...]
            let voff = key.count + 1
            switch key {
            case "paused":
                let parts = value.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
                guard Vocabulary.pausePoints.contains(String(parts[0])) else {
                    return fail("unknown pause point '\(parts[0])': expected one of \(Vocabulary.pausePoints.joined(separator: ", "))", voff)
                }
                var pos: Int?
                if parts.count == 2 { guard let n = number(parts[1], "the pause offset", voff + parts[0].count + 1) else { return nil }; pos = n }
                return .paused(point: String(parts[0]), pos: pos)
            case "blocked":
                let v = String(value)
                if Vocabulary.locks.contains(v) { return .blocked(lock: v) }
                if v.hasPrefix("folio@"), let n = parseNumber(v.dropFirst(6)), n >= 0 { return .blocked(lock: "folio@\(n)") }
                return fail("unknown lock '\(v)': expected i_rwsem, invalidate_lock, folio@POS or ILOCK", voff)
            case "ret":
                if value.hasPrefix("-"), let e = Vocabulary.errnos[String(value.dropFirst())] { return .ret(-e) }
                guard let n = parseNumber(value, allowNegative: true) else {
                    return fail("expected ret=N or ret=-ERRNO (e.g. ret=-EIO), found 'ret=\(value)'", voff)
                }
                return .ret(n)
            case "got":
                guard let c = parseContent(value, at: loc.advanced(by: voff), allowNoBlock: false, diagnostics: &diagnostics) else { return nil }
                return .got(c)
            case "size":
                guard let n = number(value, "the file size", voff) else { return nil }
                return .size(n)
            case "reserved":
                guard let n = number(value, "the reserved block count", voff) else { return nil }
                return .reserved(n)
            case "violation":
                let names = value.split(separator: ",").map(String.init)
                guard !names.isEmpty else { return fail("expected violation=NAME[,NAME]", voff) }
                for n in names where !Vocabulary.invariants.contains(n) {
                    return fail("unknown invariant '\(n)': expected one of \(Vocabulary.invariants.joined(separator: ", "))", voff)
                }
                return .violation(names)
            default:
                break
            }
        }
        let tokens = tokenize(Substring(item))
        let head = String(tokens[0].text)
        switch head {
        case "file", "disk", "cache", "extents", "cow", "folios":
            // KIND OFF LEN = VALUE
            guard tokens.count >= 4, tokens[3].text == "=" else {
                return fail("expected '\(head) OFF LEN = \(head == "folios" ? "POS+SIZE ..." : head == "file" || head == "disk" ? "CONTENT" : "PICTURE")'")
            }
            guard let off = number(tokens[1].text, "OFF", tokens[1].offset),
                  let len = number(tokens[2].text, "LEN", tokens[2].offset) else { return nil }
            let valueOffset = tokens.count > 4 ? tokens[4].offset : item.count
            let value = Substring(item).dropFirst(valueOffset)
            let vloc = loc.advanced(by: valueOffset)
            switch head {
            case "file", "disk":
                guard let c = parseContent(value, at: vloc, allowNoBlock: head == "disk", diagnostics: &diagnostics) else { return nil }
                guard c.count == len else {
                    return fail("expected \(sizeText(len)) bytes of content for '\(head) \(tokens[1].text) \(tokens[2].text)', the runs add up to \(sizeText(c.count))", valueOffset)
                }
                return head == "file" ? .file(offset: off, length: len, c) : .disk(offset: off, length: len, c)
            case "folios":
                var list: [FolioExtent] = []
                if value.trimmingCharacters() == "none" { return .folios(offset: off, length: len, []) }
                for t in tokens.dropFirst(4) {
                    let ps = t.text.split(separator: "+", omittingEmptySubsequences: false)
                    guard ps.count == 2, let p = parseNumber(ps[0]), let s = parseNumber(ps[1]), s > 0 else {
                        return fail("expected a folio as POS+SIZE (e.g. 0+16k), found '\(t.text)'", t.offset)
                    }
                    list.append(FolioExtent(pos: p, size: s))
                }
                if list.isEmpty { return fail("expected folios as POS+SIZE ... or 'none'", valueOffset) }
                return .folios(offset: off, length: len, list)
            default:
                guard off % bs == 0, len % bs == 0, len > 0 else {
                    return fail("expected a block-aligned range for a \(head) picture (bs=\(sizeText(bs))), found \(tokens[1].text) \(tokens[2].text)", tokens[1].offset)
                }
                let allowed = head == "cache" ? Vocabulary.cacheChars : Vocabulary.extentChars
                guard let pic = parsePicture(value, allowed: allowed, at: vloc, diagnostics: &diagnostics) else { return nil }
                guard pic.count == len / bs else {
                    return fail("expected \(len / bs) picture characters (one per \(sizeText(bs)) block) for \(head) \(tokens[1].text) \(tokens[2].text), found \(pic.count)", valueOffset)
                }
                switch head {
                case "cache": return .cache(offset: off, length: len, picture: pic)
                case "extents": return .extents(offset: off, length: len, picture: pic)
                default: return .cow(offset: off, length: len, picture: pic)
                }
            }
        case "seq":
            var forks: [String: Int] = [:]
            for t in tokens.dropFirst() {
                let kv = t.text.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, ["data", "cow", "attr"].contains(String(kv[0])) else {
                    return fail("expected seq data=N [cow=N] [attr=N], found '\(t.text)'", t.offset)
                }
                guard let n = number(kv[1], "the \(kv[0]) fork sequence", t.offset + kv[0].count + 1) else { return nil }
                forks[String(kv[0])] = n
            }
            if forks.isEmpty { return fail("expected seq data=N [cow=N] [attr=N]") }
            return .seq(forks)
        case "calls":
            guard tokens.count == 2 else { return fail("expected calls FUNC=N") }
            let kv = tokens[1].text.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, isValidId(kv[0]) else { return fail("expected calls FUNC=N, found '\(tokens[1].text)'", tokens[1].offset) }
            guard let n = number(kv[1], "the call count", tokens[1].offset + kv[0].count + 1) else { return nil }
            return .calls(function: String(kv[0]), count: n)
        case "seek":
            guard tokens.count == 5, tokens[2].text == "=" else { return fail("expected seek OFF = DATA_OFF HOLE_OFF (DATA_OFF may be ENXIO)") }
            guard let off = number(tokens[1].text, "OFF", tokens[1].offset) else { return nil }
            var data: Int?
            let d = tokens[3].text
            if d == "ENXIO" || d == "-ENXIO" { data = nil } else {
                guard let n = number(d, "DATA_OFF (or ENXIO)", tokens[3].offset) else { return nil }
                data = n
            }
            guard let hole = number(tokens[4].text, "HOLE_OFF", tokens[4].offset) else { return nil }
            return .seek(offset: off, data: data, hole: hole)
        case "iomap":
            guard tokens.count >= 3, tokens[1].text == "=" else { return fail("expected iomap = TYPE OFF+LEN [FLAG...] or iomap = none") }
            if tokens.count == 3, tokens[2].text == "none" { return .iomap(nil) }
            guard tokens.count >= 4 else { return fail("expected iomap = TYPE OFF+LEN [FLAG...]", tokens[2].offset) }
            var type = String(tokens[2].text).uppercased()
            if type.hasPrefix("IOMAP_") { type.removeFirst(6) }
            guard Vocabulary.iomapTypes.contains(type) else {
                return fail("unknown iomap type '\(tokens[2].text)': expected one of \(Vocabulary.iomapTypes.joined(separator: ", "))", tokens[2].offset)
            }
            let ps = tokens[3].text.split(separator: "+", omittingEmptySubsequences: false)
            guard ps.count == 2, let o = parseNumber(ps[0]), let l = parseNumber(ps[1]) else {
                return fail("expected the iomap range as OFF+LEN, found '\(tokens[3].text)'", tokens[3].offset)
            }
            var flags: [String] = []
            for t in tokens.dropFirst(4) {
                var f = String(t.text).uppercased()
                if f.hasPrefix("IOMAP_F_") { f.removeFirst(8) }
                guard Vocabulary.iomapFlags.contains(f) else {
                    return fail("unknown iomap flag '\(t.text)': expected one of \(Vocabulary.iomapFlags.joined(separator: ", "))", t.offset)
                }
                flags.append(f)
            }
            return .iomap(IomapExpectation(type: type, offset: o, length: l, flags: flags.sorted()))
        default:
            return fail("unknown expectation '\(item.prefix(30))': expected one of \(kinds.joined(separator: ", "))")
        }
    }

    /// CONTENT: runs `C*SIZE` or `C`; C a letter, `0` (zero byte) or `_` (no block, disk only).
    static func parseContent(_ text: Substring, at loc: SourceLocation, allowNoBlock: Bool,
                             diagnostics: inout [SpecDiagnostic]) -> Content? {
        var runs: [(byte: UInt8?, count: Int)] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " { i += 1; continue }
            let start = i
            var byte: UInt8?
            if c == "0" { byte = 0 } else if c == "_" {
                guard allowNoBlock else {
                    diagnostics.append(SpecDiagnostic(loc.advanced(by: i), "'_' (no block) is only meaningful in a disk expectation; expected a letter or 0"))
                    return nil
                }
                byte = nil
            } else if c.isASCII, c.isLetter { byte = c.asciiValue } else {
                diagnostics.append(SpecDiagnostic(loc.advanced(by: i), "expected content runs C*SIZE with C a letter, 0 or _, found '\(c)'"))
                return nil
            }
            i += 1
            var count = 1
            if i < chars.count, chars[i] == "*" {
                i += 1
                let ns = i
                if i + 1 < chars.count, chars[i] == "0", chars[i + 1] == "x" || chars[i + 1] == "X" {
                    i += 2
                    while i < chars.count, chars[i].isHexDigit { i += 1 }
                } else {
                    while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                    if i < chars.count, "kKmM".contains(chars[i]) { i += 1 }
                }
                guard let n = parseNumber(String(chars[ns..<i])), n > 0 else {
                    diagnostics.append(SpecDiagnostic(loc.advanced(by: start), "expected a run size after '*' in '\(String(chars[start..<min(i + 1, chars.count)]))'"))
                    return nil
                }
                count = n
            }
            runs.append((byte, count))
        }
        if runs.isEmpty {
            diagnostics.append(SpecDiagnostic(loc, "expected content runs (e.g. A*4k 0*4k), found nothing"))
            return nil
        }
        return Content(runs: runs)
    }

    /// PICTURE: characters with optional `*N` repeats (N in blocks), spaces ignored; returns the expanded string.
    static func parsePicture(_ text: Substring, allowed: Set<Character>, at loc: SourceLocation,
                             diagnostics: inout [SpecDiagnostic]) -> String? {
        var out = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " { i += 1; continue }
            guard allowed.contains(c) else {
                diagnostics.append(SpecDiagnostic(loc.advanced(by: i), "unexpected picture character '\(c)': expected one of \(String(allowed.sorted()))"))
                return nil
            }
            i += 1
            var count = 1
            if i < chars.count, chars[i] == "*" {
                i += 1
                let ns = i
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                guard let n = Int(String(chars[ns..<i])), n > 0 else {
                    diagnostics.append(SpecDiagnostic(loc.advanced(by: ns), "expected a repeat count (blocks) after '*'"))
                    return nil
                }
                count = n
            }
            out += String(repeating: c, count: count)
        }
        if out.isEmpty {
            diagnostics.append(SpecDiagnostic(loc, "expected a picture, found nothing"))
            return nil
        }
        return out
    }
}

extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingSpaces() }
}
