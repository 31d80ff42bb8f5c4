// MARK: - CONTENT runs and PICTURE strings

/// Lexes the values of content and picture expectations.
enum ContentParser {
    /// CONTENT: runs `C*SIZE` or `C`; C a letter, `0` (zero byte) or `_` (no block, disk only).
    static func content(_ text: Substring, at loc: SourceLocation, allowNoBlock: Bool,
                        diagnostics: inout [SpecDiagnostic]) -> Content? {
        var runs: [(byte: UInt8?, count: Int)] = []
        var total = 0
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " { i += 1; continue }
            let start = i
            guard let byte = contentByte(c, at: loc.advanced(by: i), allowNoBlock: allowNoBlock, diagnostics: &diagnostics) else { return nil }
            i += 1
            var count = 1
            if i < chars.count, chars[i] == "*" {
                i += 1
                let ns = i
                i = numberEnd(chars, from: i)
                let digits = Substring(String(chars[ns..<i]))
                switch parseNumber(digits, limit: SpecLimits.maxTransfer) {
                case .value(let n) where n > 0: count = n
                case .tooLarge:
                    diagnostics.append(SpecDiagnostic(loc.advanced(by: ns), tooLargeMessage("a run size", digits, limit: SpecLimits.maxTransfer)))
                    return nil
                default:
                    diagnostics.append(SpecDiagnostic(loc.advanced(by: start), "expected a run size after '*' in '\(String(chars[start..<min(i + 1, chars.count)]))'"))
                    return nil
                }
            }
            total += count
            guard total <= SpecLimits.maxTransfer else {
                diagnostics.append(SpecDiagnostic(loc.advanced(by: start), "expected content runs adding up to at most \(SpecLimits.text(SpecLimits.maxTransfer)) (Docs/scenario-format.md, Limits)"))
                return nil
            }
            runs.append((byte, count))
        }
        if runs.isEmpty {
            diagnostics.append(SpecDiagnostic(loc, "expected content runs (e.g. A*4k 0*4k), found nothing"))
            return nil
        }
        return Content(runs: runs)
    }

    /// The byte a content character stands for: `.some(nil)` for `_` (no block); nil on an error.
    static func contentByte(_ c: Character, at loc: SourceLocation, allowNoBlock: Bool,
                            diagnostics: inout [SpecDiagnostic]) -> UInt8?? {
        if c == "0" { return .some(0) }
        if c == "_" {
            if allowNoBlock { return .some(nil) }
            diagnostics.append(SpecDiagnostic(loc, "'_' (no block) is only meaningful in a disk expectation; expected a letter or 0"))
            return nil
        }
        if c.isASCII, c.isLetter { return .some(c.asciiValue) }
        diagnostics.append(SpecDiagnostic(loc, "expected content runs C*SIZE with C a letter, 0 or _, found '\(c)'"))
        return nil
    }

    /// The end of a run size starting at `i`: `0x` hex digits, or decimal digits with an optional k/m suffix.
    static func numberEnd(_ chars: [Character], from start: Int) -> Int {
        var i = start
        if i + 1 < chars.count, chars[i] == "0", chars[i + 1] == "x" || chars[i + 1] == "X" {
            i += 2
            while i < chars.count, chars[i].isHexDigit { i += 1 }
            return i
        }
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
        if i < chars.count, "kKmM".contains(chars[i]) { i += 1 }
        return i
    }

    /// The most characters a picture may expand to: one per block of `SpecLimits.maxTransfer` at 512-byte blocks.
    static let maxPictureBlocks = SpecLimits.maxTransfer / 512

    /// PICTURE: characters with optional `*N` repeats (N in blocks), spaces ignored; returns the expanded string.
    static func picture(_ text: Substring, allowed: Set<Character>, at loc: SourceLocation,
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
                guard ns < i, let n = Int(String(chars[ns..<i])), n > 0 else {
                    if ns < i, Int(String(chars[ns..<i])) == nil {
                        diagnostics.append(SpecDiagnostic(loc.advanced(by: ns), "expected a repeat count of at most \(maxPictureBlocks) blocks (Docs/scenario-format.md, Limits), found '\(String(chars[ns..<i]))'"))
                    } else {
                        diagnostics.append(SpecDiagnostic(loc.advanced(by: ns), "expected a repeat count (blocks) after '*'"))
                    }
                    return nil
                }
                count = n
            }
            guard out.count + count <= maxPictureBlocks else {
                diagnostics.append(SpecDiagnostic(loc.advanced(by: i - 1), "expected a picture of at most \(maxPictureBlocks) blocks (Docs/scenario-format.md, Limits)"))
                return nil
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
