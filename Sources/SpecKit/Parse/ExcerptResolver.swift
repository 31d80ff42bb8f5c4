import Foundation

// MARK: - Excerpts: `// excerpt: REGION` ... `// excerpt-end` in Sources/

/// Finds marked regions in source files under `Sources/`.
public enum ExcerptResolver {
    /// The region's lines (common indentation removed) and its first line number, or an error message.
    public static func resolve(root: String, path: String, region: String) -> Result<(text: String, line: Int), ExcerptError> {
        let full = root + "/Sources/" + path
        guard !path.contains(".."), let data = FileManager.default.contents(atPath: full),
              let text = String(data: data, encoding: .utf8) else {
            return .failure(ExcerptError(message: "excerpt file 'Sources/\(path)' not found: expected a path under Sources/"))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters().hasSuffix("// excerpt: \(region)") && $0.trimmingCharacters().hasPrefix("// excerpt: ") }) else {
            return .failure(ExcerptError(message: "excerpt region '\(region)' not found in Sources/\(path): expected a line '// excerpt: \(region)'"))
        }
        guard let end = lines[(start + 1)...].firstIndex(where: { $0.trimmingCharacters() == "// excerpt-end" }) else {
            return .failure(ExcerptError(message: "excerpt region '\(region)' in Sources/\(path) has no '// excerpt-end' line"))
        }
        let body = lines[(start + 1)..<end]
        let indent = body.filter { !$0.trimmingCharacters().isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        let dedented = body.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }
        return .success((dedented.joined(separator: "\n"), start + 2))
    }

    /// Every `// excerpt: NAME` marker in Sources/ as (path, region).
    public static func allRegions(root: String) -> [(path: String, region: String)] {
        var out: [(String, String)] = []
        let base = root + "/Sources/"
        guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let p = e.nextObject() as? String { if p.hasSuffix(".swift") { files.append(p) } }
        for p in files.sorted() {
            guard let d = FileManager.default.contents(atPath: base + p), let t = String(data: d, encoding: .utf8) else { continue }
            for line in t.split(separator: "\n") {
                let s = line.trimmingCharacters()
                if s.hasPrefix("// excerpt: ") { out.append((p, String(s.dropFirst(12)))) }
            }
        }
        return out
    }
}

/// An excerpt resolution failure message.
public struct ExcerptError: Error { public var message: String }
