import Foundation

// MARK: - Running a selection of the spec

/// Which scenarios and parameter tables to run.
public struct Selection: Sendable {
    public var chapter: String?
    public var id: String?
    public var tag: String?
    public init(chapter: String? = nil, id: String? = nil, tag: String? = nil) { self.chapter = chapter; self.id = id; self.tag = tag }

    func includes(_ c: Chapter) -> Bool {
        guard let key = chapter else { return true }
        return String(c.number) == key || format2(c.number) == key || c.slug == key
    }
}

/// The results of running (a selection of) the spec, in spec order.
public struct SpecRun: Sendable {
    public var spec: Spec
    public var scenarios: [ScenarioResult]
    public var parameters: [ParameterResult]

    public var passedCount: Int { scenarios.filter(\.passed).count + parameters.filter(\.passed).count }
    /// Failed runs plus every spec diagnostic (a malformed block never passes).
    public var failedCount: Int { scenarios.filter { !$0.passed }.count + parameters.filter { !$0.passed }.count + spec.diagnostics.count }
    public var succeeded: Bool { failedCount == 0 }
    // excerpt: spec-run-summary
    /// The last line of `iomapspec run`: exactly `N passed, N failed`.
    public var summary: String { "\(passedCount) passed, \(failedCount) failed" }
    // excerpt-end

    /// Runs every selected scenario and parameter table of `spec`.
    public static func run(_ spec: Spec, selection: Selection = Selection()) -> SpecRun {
        var scenarios: [ScenarioResult] = []
        var params: [ParameterResult] = []
        for c in spec.chapters where selection.includes(c) {
            for s in c.scenarios {
                if let id = selection.id, !s.isNamed(id) { continue }
                if let t = selection.tag, !s.settings.tags.contains(t) { continue }
                scenarios.append(ScenarioRunner.run(s))
            }
            if selection.tag == nil {
                for p in c.parameterTables {
                    if let id = selection.id, !p.isNamed(id) { continue }
                    params.append(ParameterRunner.run(p))
                }
            }
        }
        return SpecRun(spec: spec, scenarios: scenarios, parameters: params)
    }

    /// Every bug column's `expect`-under-revert run, in spec order (see `Scenario.bugColumns`).
    public var revertedRed: [RevertedRedResult] { scenarios.flatMap(\.revertedRed) }

    /// `reverted-red: N of M bug scenarios fail their series expectations with their patch reverted`.
    public var revertedRedLine: String {
        let all = revertedRed
        return "reverted-red: \(all.filter(\.isRed).count) of \(all.count) bug scenarios fail their series expectations with their patch reverted"
    }

    public func result(for id: String) -> ScenarioResult? { scenarios.first { $0.id == id } }
    public func parameterResult(for id: String) -> ParameterResult? { parameters.first { $0.id == id } }

    // MARK: Output formats

    /// Diagnostics, then failures with expected vs actual and file:line, then (when the selection has bug
    /// scenarios) the reverted-red line, then the summary line, always last.
    public var text: String {
        var lines = spec.diagnostics.map(\.description)
        for r in scenarios where !r.passed { lines += r.failureLines }
        for p in parameters where !p.passed { lines += p.failureLines }
        let reverted = revertedRed
        lines += reverted.filter { !$0.isRed }.map(\.notRedLine)
        if !reverted.isEmpty { lines.append(revertedRedLine) }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object: diagnostics, per-scenario variants and failures, counts. Keys sorted for stable bytes.
    public var json: String {
        func esc(_ s: String) -> String {
            var o = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": o += "\\\""
                case "\\": o += "\\\\"
                case "\n": o += "\\n"
                case "\t": o += "\\t"
                default: if u.value < 0x20 { o += String(format: "\\u%04x", u.value) } else { o.unicodeScalars.append(u) }
                }
            }
            return o + "\""
        }
        var parts: [String] = []
        parts.append("\"diagnostics\":[" + spec.diagnostics.map { esc($0.description) }.joined(separator: ",") + "]")
        parts.append("\"failed\":\(failedCount)")
        parts.append("\"parameters\":[" + parameters.map { p in
            "{\"failures\":[\(p.failureLines.map(esc).joined(separator: ","))],\"id\":\(esc(p.id)),\"location\":\(esc(p.location.description)),\"passed\":\(p.passed)}"
        }.joined(separator: ",") + "]")
        parts.append("\"passed\":\(passedCount)")
        parts.append("\"revertedRed\":[" + revertedRed.map { x in
            "{\"id\":\(esc(x.id)),\"mismatches\":\(x.mismatchCount),\"red\":\(x.isRed),\"switch\":\(esc(x.patch.rawValue))}"
        }.joined(separator: ",") + "]")
        parts.append("\"scenarios\":[" + scenarios.map { r in
            let vs = r.variants.map { v in "{\"name\":\(esc(v.name)),\"passed\":\(v.passed),\"patches\":\(esc(v.patches))}" }
            return "{\"failures\":[\(r.failureLines.map(esc).joined(separator: ","))],\"id\":\(esc(r.id)),\"location\":\(esc(r.location.description)),\"passed\":\(r.passed),\"variants\":[\(vs.joined(separator: ","))]}"
        }.joined(separator: ",") + "]")
        return "{" + parts.joined(separator: ",") + "}\n"
    }

    /// JUnit XML: one testcase per scenario and parameter table, one per diagnostic.
    public var junit: String {
        func x(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var cases: [String] = []
        for d in spec.diagnostics {
            cases.append("  <testcase classname=\"spec.parse\" name=\"\(x(d.location.description))\"><failure message=\"\(x(d.message))\">\(x(d.description))</failure></testcase>")
        }
        for r in scenarios {
            let body = r.passed ? "" : "<failure message=\"\(x(r.failureLines.first ?? ""))\">\(x(r.failureLines.joined(separator: "\n")))</failure>"
            cases.append("  <testcase classname=\"spec.\(x(r.location.file))\" name=\"\(x(r.id))\">\(body)</testcase>")
        }
        for p in parameters {
            let body = p.passed ? "" : "<failure message=\"\(x(p.failureLines.first ?? ""))\">\(x(p.failureLines.joined(separator: "\n")))</failure>"
            cases.append("  <testcase classname=\"spec.\(x(p.location.file))\" name=\"\(x(p.id))\">\(body)</testcase>")
        }
        let total = cases.count
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"iomapspec\" tests=\"\(total)\" failures=\"\(failedCount)\">\n"
            + cases.joined(separator: "\n") + (cases.isEmpty ? "" : "\n") + "</testsuite>\n"
    }
}
