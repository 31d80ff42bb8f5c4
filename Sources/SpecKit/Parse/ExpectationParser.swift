import IomapEngine

// MARK: - Expectation cells (design.md "Expectations")

/// Parses a `;`-separated expectation cell, each item by its `ExpectationWord`.
enum ExpectationParser {
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

    /// One item: finds its kind and lets the kind's declaration parse it.
    static func parseItem(_ item: String, at loc: SourceLocation, bs: Int, diagnostics: inout [SpecDiagnostic]) -> ExpectationKind? {
        var p = ItemParser(item: item, location: loc, blockSize: bs)
        guard let word = ExpectationWord.matching(item, firstWord: p.tokens[0].text) else {
            diagnostics.append(SpecDiagnostic(loc, "unknown expectation '\(item.prefix(30))': expected one of \(ExpectationWord.listedNames)"))
            return nil
        }
        let kind = word.parse(&p)
        diagnostics += p.diagnostics
        return kind
    }
}

// MARK: - One item

/// The text of one expectation item, its tokens and the diagnostics its parse raised.
struct ItemParser {
    let item: String
    let location: SourceLocation
    let blockSize: Int
    let tokens: [Token]
    /// For `KEY=VALUE` items: the text after `=` and its offset in the item.
    let value: Substring
    let valueOffset: Int
    var diagnostics: [SpecDiagnostic] = []

    init(item: String, location: SourceLocation, blockSize: Int) {
        self.item = item; self.location = location; self.blockSize = blockSize
        tokens = tokenize(Substring(item))
        let eq = item.firstIndex(of: "=")
        value = eq.map { item[item.index(after: $0)...] } ?? ""
        valueOffset = eq.map { item.distance(from: item.startIndex, to: $0) + 1 } ?? 0
    }

    /// Records `message` at `offset` in the item; returns nil for `return fail(...)`.
    mutating func fail<T>(_ message: String, _ offset: Int = 0) -> T? {
        diagnostics.append(SpecDiagnostic(location.advanced(by: offset), message))
        return nil
    }

    /// A number at `offset`, non-negative unless `negative`, at most `limit` in magnitude.
    mutating func number(_ s: Substring, _ what: String, _ offset: Int, negative: Bool = false,
                         limit: Int = SpecLimits.maxOffset) -> Int? {
        switch parseNumber(s, allowNegative: negative, limit: limit) {
        case .value(let n): return n
        case .malformed: return fail("expected \(what) as a number (decimal, 0x hex, or k/m suffix), found '\(s)'", offset)
        case .tooLarge: return fail(tooLargeMessage(what, s, limit: limit), offset)
        }
    }

    /// `OFF+LEN` with both parts in range (nil, without a message, when it is not that shape).
    mutating func offsetPlusLength(_ t: Token, _ what: String) -> (Int, Int)?? {
        let ps = t.text.split(separator: "+", omittingEmptySubsequences: false)
        guard ps.count == 2, isWellFormedNumber(ps[0]), isWellFormedNumber(ps[1]) else { return .some(nil) }
        guard let o = number(ps[0], "the \(what) offset", t.offset),
              let l = number(ps[1], "the \(what) size", t.offset + ps[0].count + 1) else { return nil }
        return (o, l)
    }

    // MARK: Actor state

    /// `paused=POINT[@OFF]`.
    mutating func paused() -> ExpectationKind? {
        let parts = value.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let point = PausePoint(rawValue: String(parts[0])) else {
            return fail("unknown pause point '\(parts[0])': expected one of \(Vocabulary.pausePoints.joined(separator: ", "))", valueOffset)
        }
        guard parts.count == 2 else { return .paused(PauseTarget(point: point)) }
        guard let n = number(parts[1], "the pause offset", valueOffset + parts[0].count + 1) else { return nil }
        return .paused(PauseTarget(point: point, pos: n))
    }

    /// `blocked=LOCK` or `blocked=writeback@POS`.
    mutating func blocked() -> ExpectationKind? {
        if let w = Vocabulary.waitChannel(value) { return .blocked(w) }
        return fail("unknown lock '\(value)': expected \(orList(Vocabulary.waitChannelWords))", valueOffset)
    }

    /// `ret=N` or `ret=-ERRNO`.
    mutating func ret() -> ExpectationKind? {
        if value.hasPrefix("-"), let e = Errno(name: String(value.dropFirst())) { return .ret(-e) }
        if parseNumber(value, allowNegative: true, limit: SpecLimits.maxOffset) == .tooLarge {
            return fail(tooLargeMessage("ret=N", value, limit: SpecLimits.maxOffset), valueOffset)
        }
        if case .value(let n) = parseNumber(value, allowNegative: true, limit: SpecLimits.maxOffset) { return .ret(n) }
        return fail("expected ret=N or ret=-ERRNO with ERRNO one of \(Vocabulary.errnos.joined(separator: ", ")), found 'ret=\(value)'", valueOffset)
    }

    /// `got=CONTENT`.
    mutating func got() -> ExpectationKind? {
        ContentParser.content(value, at: location.advanced(by: valueOffset), allowNoBlock: false, diagnostics: &diagnostics).map { .got($0) }
    }

    /// `violation=NAME[,NAME]`.
    mutating func violation() -> ExpectationKind? {
        let names = value.split(separator: ",").map(String.init)
        guard !names.isEmpty else { return fail("expected violation=NAME[,NAME]", valueOffset) }
        if let n = names.first(where: { !Vocabulary.invariants.contains($0) }) {
            return fail("unknown invariant '\(n)': expected one of \(Vocabulary.invariants.joined(separator: ", "))", valueOffset)
        }
        return .violation(names)
    }

    // MARK: Engine state

    /// `data=N [cow=N] [attr=N]`: the forks in `ForkKind` order, the first required.
    static let forkSequences = ForkKind.allCases.enumerated().map { $0 == 0 ? "\($1)=N" : "[\($1)=N]" }.joined(separator: " ")

    /// `seq data=N [cow=N] [attr=N]`.
    mutating func seq() -> ExpectationKind? {
        var forks: [ForkKind: Int] = [:]
        for t in tokens.dropFirst() {
            let kv = t.text.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let fork = ForkKind(rawValue: String(kv[0])) else {
                return fail("expected seq \(Self.forkSequences), found '\(t.text)'", t.offset)
            }
            guard forks[fork] == nil else { return fail("duplicate '\(kv[0])=': expected each fork once", t.offset) }
            guard let n = number(kv[1], "the \(kv[0]) fork sequence", t.offset + kv[0].count + 1,
                                 limit: Int(UInt32.max)) else { return nil }
            forks[fork] = n
        }
        if forks.isEmpty { return fail("expected seq \(Self.forkSequences)") }
        return .seq(forks)
    }

    /// `iomap = TYPE OFF+LEN [FLAG...]` or `iomap = none`.
    mutating func iomap() -> ExpectationKind? {
        guard tokens.count >= 3, tokens[1].text == "=" else { return fail("expected iomap = TYPE OFF+LEN [FLAG...] or iomap = none") }
        if tokens.count == 3, tokens[2].text == "none" { return .iomap(nil) }
        guard tokens.count >= 4 else { return fail("expected iomap = TYPE OFF+LEN [FLAG...]", tokens[2].offset) }
        guard let type = Vocabulary.iomapType(tokens[2].text) else {
            return fail("unknown iomap type '\(tokens[2].text)': expected one of \(Vocabulary.iomapTypes.joined(separator: ", "))", tokens[2].offset)
        }
        guard let range = offsetPlusLength(tokens[3], "iomap") else { return nil }
        guard let (o, l) = range else {
            return fail("expected the iomap range as OFF+LEN, found '\(tokens[3].text)'", tokens[3].offset)
        }
        var flags: IomapFlags = []
        for t in tokens.dropFirst(4) {
            guard let f = Vocabulary.iomapFlag(t.text) else {
                return fail("unknown iomap flag '\(t.text)': expected one of \(Vocabulary.iomapFlags.joined(separator: ", "))", t.offset)
            }
            flags.insert(f)
        }
        return .iomap(IomapExpectation(type: type, offset: o, length: l, flags: flags))
    }

    /// `calls FUNC=N`.
    mutating func calls() -> ExpectationKind? {
        guard tokens.count == 2 else { return fail("expected calls FUNC=N") }
        let kv = tokens[1].text.split(separator: "=", maxSplits: 1)
        guard kv.count == 2, isValidId(kv[0]) else { return fail("expected calls FUNC=N, found '\(tokens[1].text)'", tokens[1].offset) }
        guard let n = number(kv[1], "the call count", tokens[1].offset + kv[0].count + 1) else { return nil }
        return .calls(function: String(kv[0]), count: n)
    }

    /// `seek OFF = DATA_OFF HOLE_OFF`, each of DATA_OFF and HOLE_OFF possibly `ENXIO` (past EOF).
    mutating func seek() -> ExpectationKind? {
        guard tokens.count == 5, tokens[2].text == "=" else { return fail("expected seek OFF = DATA_OFF HOLE_OFF (DATA_OFF may be ENXIO)") }
        guard let off = number(tokens[1].text, "OFF", tokens[1].offset) else { return nil }
        var data: Int?
        let d = tokens[3].text
        if d != "ENXIO" && d != "-ENXIO" {
            guard let n = number(d, "DATA_OFF (or ENXIO)", tokens[3].offset) else { return nil }
            data = n
        }
        var hole: Int?
        let h = tokens[4].text
        if h != "ENXIO" && h != "-ENXIO" {
            guard let n = number(h, "HOLE_OFF (or ENXIO)", tokens[4].offset) else { return nil }
            hole = n
        }
        return .seek(offset: off, data: data, hole: hole)
    }
}

/// `a, b, c or d`.
func orList(_ words: [String]) -> String {
    words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
}
