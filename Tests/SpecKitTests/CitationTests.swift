import Foundation
import Testing
@testable import SpecKit

// MARK: - Citations from Sources/ and excerpts resolve

/// Every `(spec: ID)` in a comment of a Swift file under Sources/, with its file and line.
func citationsInSources() -> [(file: String, line: Int, id: String)] {
    var out: [(String, Int, String)] = []
    let base = packageRoot + "/Sources/"
    guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
    var files: [String] = []
    while let p = e.nextObject() as? String { if p.hasSuffix(".swift") { files.append(p) } }
    for p in files.sorted() {
        guard let text = try? String(contentsOfFile: base + p, encoding: .utf8) else { continue }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let slashes = line.range(of: "//") else { continue }  // citations live in comments
            var rest = line[slashes.upperBound...]
            while let r = rest.range(of: "(spec: ") {
                let after = rest[r.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                out.append(("Sources/" + p, i + 1, String(after[..<close])))
                rest = after[close...]
            }
        }
    }
    return out
}

@Test func everyCitationResolves() {
    let cites = citationsInSources()
    for c in cites where loadedSpec.resolve(c.id) == nil {
        Issue.record("\(c.file):\(c.line): (spec: \(c.id)) names no section, scenario or parameter table")
    }
}

/// Every `// excerpt: NAME` region in Sources/ has an end marker, and every excerpt block in the spec resolved.
@Test func everyExcerptResolves() {
    for (path, region) in ExcerptResolver.allRegions(root: packageRoot) {
        if case .failure(let e) = ExcerptResolver.resolve(root: packageRoot, path: path, region: region) {
            Issue.record("Sources/\(path): \(e.message)")
        }
    }
    for c in loadedSpec.chapters { for e in c.excerpts { #expect(e.text != nil, "\(e.location)") } }
}

/// A citation id that does not exist is caught (the check above can fail).
@Test func unknownCitationDoesNotResolve() {
    #expect(loadedSpec.resolve("no-such-chapter/no-such-section") == nil)
    #expect(loadedSpec.resolve("overview") != nil)
}
