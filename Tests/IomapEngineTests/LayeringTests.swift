import Foundation
import Testing

// MARK: - The generic core never names the filesystem

/// `Sources/IomapEngine/<folder>`, found from this file's path.
private func engineFolder(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/IomapEngine/\(name)")
}

/// The code of a Swift source with `//` comments (including `///` doc comments) removed, line by line.
private func codeLines(_ text: String) -> [(line: Int, code: String)] {
    text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, l in
        let code = l.range(of: "//").map { String(l[..<$0.lowerBound]) } ?? String(l)
        return (i + 1, code)
    }
}

/// `file:line: code` for every code line of the folder's Swift files that matches `pattern`.
private func offenders(in folder: String, matching pattern: String) throws -> [String] {
    let dir = engineFolder(folder)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }.sorted()
    #expect(!files.isEmpty, "no Swift files in \(dir.path)")
    let re = try NSRegularExpression(pattern: pattern)
    var out: [String] = []
    for f in files {
        let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
        for (n, code) in codeLines(text)
        where re.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil {
            out.append("\(folder)/\(f):\(n): \(code.trimmingCharacters(in: .whitespaces))")
        }
    }
    return out
}

/// An XFS symbol: `xfs_...`, `Xfs...`, `XFS_...`.
private let xfsSymbol = #"\b(xfs_|Xfs|XFS_)"#

@Test func theScanFindsXfsSymbolsInCodeButNotInComments() throws {
    let re = try NSRegularExpression(pattern: xfsSymbol)
    let sample = "let ops = xfs_read_iomap_ops  // XFS: xfs_read_iomap_ops\n/// `XfsInode`\nlet x = 1"
    let hits = codeLines(sample).filter { re.firstMatch(in: $0.code, range: NSRange($0.code.startIndex..., in: $0.code)) != nil }
    #expect(hits.map(\.line) == [1])
}

@Test(arguments: ["Iomap", "PageCache"])
func genericCodeNamesNoXfsSymbol(folder: String) throws {
    #expect(try offenders(in: folder, matching: xfsSymbol) == [])
}

@Test func thePageCacheCallsIomapOnlyThroughItsOpsTables() throws {
    #expect(try offenders(in: "PageCache", matching: #"\b(iomap_|Iomap)"#) == [])
}
