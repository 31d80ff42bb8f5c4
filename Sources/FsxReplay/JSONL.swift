import Foundation

// MARK: - JSONL, byte for byte as the shared kernel logs

extension FsxOpRecord {
    /// `{"n": N, "op": "NAME", ["sha256": "HEX", ]"size": N}`: the shared files' key order.
    public var jsonLine: String {
        if let sha256 { return "{\"n\": \(n), \"op\": \"\(op)\", \"sha256\": \"\(sha256)\", \"size\": \(size)}" }
        return "{\"n\": \(n), \"op\": \"\(op)\", \"size\": \(size)}"
    }
}

extension FsxFinalRecord {
    /// `{"final": {"size": N, "sha256": "HEX", "seek": [[S, E], ...]}}`.
    public var jsonLine: String {
        let seekText = seek.map { "[\($0.start), \($0.end)]" }.joined(separator: ", ")
        return "{\"final\": {\"size\": \(size), \"sha256\": \"\(sha256)\", \"seek\": [\(seekText)]}}"
    }
}

extension FsxReplayResult {
    /// The whole replay as JSONL, one line per record, newline-terminated.
    public var jsonl: String {
        var out = ""
        for r in records { out += r.jsonLine; out += "\n" }
        out += final.jsonLine + "\n"
        return out
    }

    /// The replay for people: one aligned line per operation, then the final state.
    public var text: String {
        var out = ""
        for r in records {
            let n = String(r.n).leftPadded(4)
            let op = r.op.padding(toLength: 10, withPad: " ", startingAt: 0)
            out += "\(n) \(op) size=\(r.size)"
            if let sha = r.sha256 { out += " sha256=\(sha.prefix(16))" }
            out += "\n"
        }
        out += "final size=\(final.size) sha256=\(final.sha256)\n"
        out += "final seek " + (final.seek.isEmpty ? "(no data)" : final.seek.map(\.description).joined(separator: " ")) + "\n"
        return out
    }

    /// Parse JSONL in the shared format (key order free); errors name `path:line`.
    public static func parseJSONL(_ text: String, path: String) throws -> FsxReplayResult {
        var records: [FsxOpRecord] = []
        var final: FsxFinalRecord? = nil
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " }) { continue }
            func fail(_ what: String) -> FsxReplayError { FsxReplayError("\(path):\(lineNumber):1: expected \(what)") }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw fail("a JSON object")
            }
            if final != nil { throw fail("end of file after the final object") }
            if let f = object["final"] as? [String: Any] {
                guard let size = (f["size"] as? NSNumber)?.intValue, let sha = f["sha256"] as? String,
                      let seek = f["seek"] as? [[NSNumber]], seek.allSatisfy({ $0.count == 2 }) else {
                    throw fail("final {size, sha256, seek: [[start, end], ...]}")
                }
                final = FsxFinalRecord(size: size, sha256: sha, seek: seek.map { FsxSegment($0[0].intValue, $0[1].intValue) })
            } else {
                guard let n = (object["n"] as? NSNumber)?.intValue, let op = object["op"] as? String,
                      let size = (object["size"] as? NSNumber)?.intValue else { throw fail("{n, op, size[, sha256]}") }
                records.append(FsxOpRecord(n: n, op: op, size: size, sha256: object["sha256"] as? String))
            }
        }
        guard let final else { throw FsxReplayError("\(path): expected a final {\"final\": ...} object") }
        return FsxReplayResult(records: records, final: final)
    }

    /// Load a shared `*.jsonl` file.
    public static func loadJSONL(path: String) throws -> FsxReplayResult {
        try parseJSONL(String(decoding: try readWholeFile(path), as: UTF8.self), path: path)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
