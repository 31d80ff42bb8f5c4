import IomapEngine

// MARK: - What a chapter may ask of the model (Docs/scenario-format.md "Limits")

/// The largest values a chapter may write, checked where each number is parsed.
///
/// Every limit is documented in Docs/scenario-format.md ("Limits") and the README; a number past one is a
/// `file:line:column` error naming the limit, so the engine never sees a value its arithmetic cannot hold.
public enum SpecLimits {
    /// Offsets, lengths, sizes and OFF+LEN stay at or below 2^62: the model's `s_maxbytes`.
    public static let maxOffset = Machine.maxFileOffset
    /// The most bytes one action or expectation moves or compares: pwrite, store, pread, load, readahead,
    /// CONTENT runs and the ranges of range expectations (64 MiB, the default device size).
    public static let maxTransfer = 64 << 20
    /// The most rows of one scenario or parameter table.
    public static let maxTableRows = 10_000
    /// The most columns of one scenario or parameter table.
    public static let maxTableColumns = 64
    /// The largest chapter file (bytes).
    public static let maxChapterBytes = 16 << 20
    /// Errortag numbers and values are `unsigned int` in sysfs.
    public static let maxErrortag = Int(UInt32.max)

    /// `2^62`, `64m` or `4294967295`, as messages write a limit.
    public static func text(_ limit: Int) -> String {
        limit == maxOffset ? "2^62" : formatSize(limit)
    }
}

// MARK: - Numbers with a limit

/// A number as parsed: its value, malformed text, or a well-formed number past the limit.
enum BoundedNumber: Equatable {
    case value(Int)
    case malformed
    case tooLarge
}

/// Parses a number and checks `|n| <= limit`; `0x+1` and `0x-1` are malformed, overflowing digits too large.
func parseNumber(_ text: Substring, allowNegative: Bool = false, limit: Int) -> BoundedNumber {
    let body = allowNegative && text.first == "-" ? text.dropFirst() : text
    guard isWellFormedNumber(body) else { return .malformed }
    guard let n = parseNumber(text, allowNegative: allowNegative) else { return .tooLarge }
    return n.magnitude <= limit.magnitude ? .value(n) : .tooLarge
}

/// Decimal digits with an optional k/m suffix, or `0x` and hex digits: the shapes the grammar allows.
func isWellFormedNumber(_ s: Substring) -> Bool {
    func hexDigit(_ c: Character) -> Bool { c.isASCII && c.isHexDigit }
    func digit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    if s.hasPrefix("0x") || s.hasPrefix("0X") {
        let d = s.dropFirst(2)
        return !d.isEmpty && d.allSatisfy(hexDigit)
    }
    var d = s
    if let last = d.last, "kKmM".contains(last) { d = d.dropLast() }
    return !d.isEmpty && d.allSatisfy(digit)
}

/// `expected WHAT below ...` for a number past its limit.
func tooLargeMessage(_ what: String, _ text: Substring, limit: Int) -> String {
    "expected \(what) at most \(SpecLimits.text(limit)) (Docs/scenario-format.md, Limits), found '\(text)'"
}
