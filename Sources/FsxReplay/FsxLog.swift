// MARK: - fsx operation logs (`fsx --record-ops`)

/// One operation kind fsx records and this replayer executes.
public enum FsxOpKind: String, CaseIterable, Sendable {
    case write, mapwrite, read, mapread, truncate, fallocate
    case punchHole = "punch_hole"
    case zeroRange = "zero_range"
    case collapseRange = "collapse_range"
    case insertRange = "insert_range"

    /// Whether fsx records a `keep_size` flag for this operation.
    var acceptsKeepSize: Bool { self == .fallocate || self == .zeroRange }
}

/// One executed line of an fsx log: `OP 0xOFFSET 0xLENGTH 0xFILESIZE [keep_size]`.
public struct FsxOperation: Equatable, Sendable {
    /// 1-based line number in the log, counting every line (skip lines included); seeds the data pattern.
    public var line: Int
    public var kind: FsxOpKind
    /// Byte offset (0 for truncate).
    public var offset: Int
    /// Byte length; for truncate the new file size.
    public var length: Int
    /// File size fsx believed the file had before the operation (truncate: the old size).
    public var recordedSize: Int
    /// `keep_size` flag (fallocate, zero_range).
    public var keepSize: Bool

    public init(line: Int, kind: FsxOpKind, offset: Int, length: Int, recordedSize: Int, keepSize: Bool = false) {
        self.line = line; self.kind = kind; self.offset = offset; self.length = length
        self.recordedSize = recordedSize; self.keepSize = keepSize
    }
}

/// A parsed `*.fsxops` file: the executed operations in order.
public struct FsxLog: Sendable {
    public var path: String
    public var operations: [FsxOperation]

    // MARK: limits (README "fsx replay and the kernel cross-check")

    /// Offsets, lengths, sizes and offset + length are at most 2^30 (1 GiB): fsx's own files are far smaller
    /// (`-l`, 256 KiB by default), and the replay ends by reading the whole file.
    public static let maxFileSize = 1 << 30
    /// A `write`, `mapwrite`, `read` or `mapread` moves at most 64 MiB (the engine's default device size).
    public static let maxTransfer = 64 << 20

    /// Parse log text; `path` names the file in error messages.
    public static func parse(_ text: String, path: String) throws(FsxParseError) -> FsxLog {
        try parse(bytes: Array(text.utf8), path: path)
    }

    /// Parse the bytes of a log: one operation per `\n`-terminated line; a `\r` before the `\n` (CRLF) is dropped.
    ///
    /// Lines are split on the byte 0x0A, not on Swift `Character`s: a String takes `"\r\n"` as one Character,
    /// so splitting it on `"\n"` would make a CRLF log one line and replay it as empty.
    public static func parse(bytes: [UInt8], path: String) throws(FsxParseError) -> FsxLog {
        var ops: [FsxOperation] = []
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            if let op = try parseLine(Array(bytes[start..<end]), line: lineNumber, path: path) { ops.append(op) }
            start = end + 1
        }
        return FsxLog(path: path, operations: ops)
    }

    /// Read and parse a log file.
    public static func load(path: String) throws -> FsxLog {
        try parse(bytes: try readWholeFile(path), path: path)
    }

    // MARK: one line

    private static func parseLine(_ s: [UInt8], line: Int, path: String) throws(FsxParseError) -> FsxOperation? {
        var tokens: [(text: String, column: Int)] = []
        var i = 0
        var end = s.count
        if end > 0 && s[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        while i < end {
            if s[i] == UInt8(ascii: " ") || s[i] == UInt8(ascii: "\t") { i += 1; continue }
            let start = i
            while i < end && s[i] != UInt8(ascii: " ") && s[i] != UInt8(ascii: "\t") { i += 1 }
            tokens.append((String(decoding: s[start..<i], as: UTF8.self), start + 1))
        }
        func fail(_ column: Int, _ what: String) -> FsxParseError {
            FsxParseError(path: path, line: line, column: column, message: "expected \(what)")
        }
        guard let first = tokens.first else { return nil }        // blank line: nothing to do
        if first.text == "skip" { return nil }                    // not executed by fsx
        guard first.text.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 95 }) else {
            throw fail(first.column, "operation name")
        }
        guard let kind = FsxOpKind(rawValue: first.text) else {
            throw FsxParseError(path: path, line: line, column: first.column, message: "unsupported operation \(first.text)")
        }
        var numbers: [Int] = []
        for k in 1...3 {
            guard k < tokens.count else { throw fail(end + 1, "hexadecimal number (0x...)") }
            guard let v = parseHex(tokens[k].text) else { throw fail(tokens[k].column, "hexadecimal number (0x...)") }
            guard v <= maxFileSize else {
                throw fail(tokens[k].column, "a number at most \(fsxHex(maxFileSize)) (1 GiB, the largest file the replayer models), found \(tokens[k].text)")
            }
            numbers.append(v)
        }
        if kind != .truncate {
            guard numbers[0] + numbers[1] <= maxFileSize else {
                throw fail(tokens[2].column, "offset + length at most \(fsxHex(maxFileSize)) (1 GiB, the largest file the replayer models), found \(tokens[1].text) + \(tokens[2].text)")
            }
            if [.write, .mapwrite, .read, .mapread].contains(kind), numbers[1] > maxTransfer {
                throw fail(tokens[2].column, "a \(kind.rawValue) length at most \(fsxHex(maxTransfer)) (64 MiB), found \(tokens[2].text)")
            }
        }
        var keepSize = false
        if tokens.count > 4 {
            let flag = tokens[4]
            guard kind.acceptsKeepSize else { throw fail(flag.column, "end of line") }
            guard flag.text == "keep_size" else { throw fail(flag.column, "keep_size or end of line") }
            keepSize = true
        }
        if tokens.count > 5 { throw fail(tokens[5].column, "end of line") }
        if kind == .truncate && numbers[0] != 0 { throw fail(tokens[1].column, "0x0 (truncate offset)") }
        return FsxOperation(line: line, kind: kind, offset: numbers[0], length: numbers[1],
                            recordedSize: numbers[2], keepSize: keepSize)
    }

    /// `0x` followed by 1...15 hex digits (fits an Int with room for offset + length).
    private static func parseHex(_ t: String) -> Int? {
        let u = Array(t.utf8)
        guard u.count > 2, u.count <= 17, u[0] == UInt8(ascii: "0"), u[1] == UInt8(ascii: "x") else { return nil }
        var v = 0
        for c in u[2...] {
            switch c {
            case 48...57: v = v * 16 + Int(c - 48)
            case 97...102: v = v * 16 + Int(c - 87)
            case 65...70: v = v * 16 + Int(c - 55)
            default: return nil
            }
        }
        return v
    }
}

/// A number as fsx writes it in a log: `0x` and lower-case hex digits.
func fsxHex(_ v: Int) -> String { "0x" + String(v, radix: 16) }

/// A log that cannot be replayed: `FILE:line:column: expected ...` or `FILE:line:column: unsupported operation NAME`.
public struct FsxParseError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int?
    public var message: String
    public var description: String {
        if let column { return "\(path):\(line):\(column): \(message)" }
        return "\(path):\(line): \(message)"
    }
}

// MARK: - data pattern

/// The byte fsx-replay writes at file offset `o` for the operation on log line `n`: never zero.
@inline(__always) public func fsxPatternByte(line n: Int, offset o: Int) -> UInt8 {
    UInt8(((n * 37 + o * 13 + (o >> 8)) % 251) + 1)
}

/// `(13 t mod 251) + 1` for t in 0..<251+256: every 256-byte window of the pattern is a slice of it.
private let patternCycle: [UInt8] = (0..<(251 + 256)).map { UInt8((13 * $0) % 251 + 1) }

/// The bytes the operation on log line `line` writes over `[offset, offset + length)`.
public func fsxPattern(line: Int, offset: Int, length: Int) -> [UInt8] {
    guard length > 0 else { return [] }
    return [UInt8](unsafeUninitializedCapacity: length) { p, n in
        patternCycle.withUnsafeBufferPointer { cycle in
            var o = offset
            let end = offset + length
            while o < end {
                // Inside one 256-byte segment o >> 8 is fixed, so the bytes are ((c + 13 i) mod 251) + 1: a window
                // of the cycle R[t] = (13 t mod 251) + 1 starting at t0 = c * 13⁻¹ (13 * 58 = 1 mod 251). One copy.
                let segEnd = min(end, (o | 0xff) + 1)
                let c = (line * 37 + o * 13 + (o >> 8)) % 251
                let t0 = c * 58 % 251
                let count = segEnd - o
                UnsafeMutableBufferPointer(rebasing: p[(o - offset)..<(segEnd - offset)])
                    .update(fromContentsOf: cycle[t0..<(t0 + count)])
                o = segEnd
            }
        }
        n = length
    }
}
