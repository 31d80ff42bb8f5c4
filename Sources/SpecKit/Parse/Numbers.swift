// MARK: - Numbers (design.md: decimal, 0x hex, or with suffix k/m, ×1024)

/// Parses `123`, `0x1f`, `4k`, `1m` (optionally `-` prefixed when `allowNegative`).
public func parseNumber(_ text: Substring, allowNegative: Bool = false) -> Int? {
    var s = text
    var sign = 1
    if allowNegative, s.first == "-" { sign = -1; s = s.dropFirst() }
    guard !s.isEmpty else { return nil }
    if s.hasPrefix("0x") || s.hasPrefix("0X") {
        let digits = s.dropFirst(2)
        // Int(_:radix:) takes a sign: `0x+10` and `0x-10` are not numbers of the grammar.
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }), let v = Int(digits, radix: 16) else { return nil }
        return sign * v
    }
    var mult = 1
    if let last = s.last, last == "k" || last == "K" { mult = 1024; s = s.dropLast() }
    else if let last = s.last, last == "m" || last == "M" { mult = 1 << 20; s = s.dropLast() }
    guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(s) else { return nil }
    let (r, overflow) = v.multipliedReportingOverflow(by: mult)
    return overflow ? nil : sign * r
}

/// Parses a String number.
public func parseNumber(_ text: String, allowNegative: Bool = false) -> Int? {
    parseNumber(Substring(text), allowNegative: allowNegative)
}

// MARK: - Tokens with columns

/// A whitespace-separated word and its 0-based offset in the source text.
struct Token {
    var text: Substring
    var offset: Int
}

/// Splits on spaces and tabs, keeping each word's offset.
func tokenize(_ s: Substring) -> [Token] {
    var out: [Token] = []
    var i = s.startIndex
    var offset = 0
    while i < s.endIndex {
        if s[i] == " " || s[i] == "\t" { i = s.index(after: i); offset += 1; continue }
        let start = i, startOff = offset
        while i < s.endIndex, s[i] != " ", s[i] != "\t" { i = s.index(after: i); offset += 1 }
        out.append(Token(text: s[start..<i], offset: startOff))
    }
    return out
}

/// Letters, digits and `_-./` only: the characters ids may use.
func isValidId(_ s: Substring) -> Bool {
    !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-./".contains($0)) }
}

/// The id token of a block's info string; a diagnostic at the token when it is not a valid id.
///
/// `what` names the block in the message: `a scenario id`, `an explore id`, `a parameter table id`.
func blockId(_ token: Token, what: String, at infoLoc: SourceLocation, diagnostics: inout [SpecDiagnostic]) -> String {
    let id = String(token.text)
    if !isValidId(token.text) {
        diagnostics.append(SpecDiagnostic(infoLoc.advanced(by: token.offset), "expected \(what) of letters, digits and _-./, found '\(id)'"))
    }
    return id
}
