import Foundation

// MARK: - `iomapspec run --format junit` (schema: Docs/schemas/junit.xsd)

extension SpecRun {
    /// JUnit XML: one testcase per malformed block, scenario, parameter table and reverted-red check.
    ///
    /// `classname` is `iomapspec.<chapter-slug>` (one dot: the package separator), `name` the id; `file` and
    /// `line` point at the block. `time` is the measured run time, the only bytes that differ between runs.
    public var junit: String {
        var cases: [XML] = specErrors.map { g in
            let text = g.diagnostics.map(\.description).joined(separator: "\n")
            return testcase(chapter: g.chapterSlug ?? "spec", name: "spec error at \(g.location)", at: g.location, time: 0,
                            failure: (g.diagnostics[0].message, text))
        }
        for r in scenarios {
            let lines = r.failureLines
            cases.append(testcase(chapter: slug(r.location), name: r.id, at: r.location, time: seconds[r.id] ?? 0,
                                  failure: lines.isEmpty ? nil : (lines[0], lines.joined(separator: "\n"))))
            for x in r.revertedRed {
                let text = x.isRed ? nil : (x.notRedLine, x.notRedLine)
                cases.append(testcase(chapter: slug(r.location), name: "\(r.id) red without \(x.patch)", at: x.location, time: 0, failure: text))
            }
        }
        for p in parameters {
            let lines = p.failureLines
            cases.append(testcase(chapter: slug(p.location), name: p.id, at: p.location, time: seconds[p.id] ?? 0,
                                  failure: lines.isEmpty ? nil : (lines[0], lines.joined(separator: "\n"))))
        }
        let failures = cases.filter(\.hasFailure).count
        let total = seconds.values.reduce(0, +)
        let indented = cases.map { .text("  ") + $0 + .text("\n") }
        let suite = XML.element(.testsuite, [.name: "iomapspec", .tests: "\(cases.count)", .failures: "\(failures)",
                                             .errors: "0", .time: timeText(total)],
                                .text("\n"), .join(indented))
        return XML.document(suite)
    }

    /// The slug of the chapter holding `loc`, or `spec` for a file that is no chapter.
    private func slug(_ loc: SourceLocation) -> String {
        spec.chapters.first { $0.file == loc.file }?.slug ?? "spec"
    }

    /// Seconds with millisecond precision.
    private func timeText(_ s: Double) -> String { String(format: "%.3f", s) }

    /// One testcase, failing with (message, text) when given.
    private func testcase(chapter: String, name: String, at loc: SourceLocation, time: Double, failure: (String, String)?) -> XML {
        let body = failure.map { XML.element(.failure, [.message: $0.0], .text($0.1)) } ?? XML()
        return .element(.testcase, [.classname: "iomapspec." + chapter, .name: name, .file: loc.file, .line: "\(loc.line)",
                                    .time: timeText(time)], body)
    }
}
