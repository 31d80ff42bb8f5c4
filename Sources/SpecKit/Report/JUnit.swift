// MARK: - `iomapspec run --format junit`

extension SpecRun {
    /// JUnit XML: one testcase per spec diagnostic, then one per scenario and parameter table.
    public var junit: String {
        var cases: [XML] = spec.diagnostics.map { d in
            .element(.testcase, [.classname: "spec.parse", .name: d.location.description],
                     .element(.failure, [.message: d.message], .text(d.description)))
        }
        cases += scenarios.map { testcase(file: $0.location.file, id: $0.id, failures: $0.failureLines) }
        cases += parameters.map { testcase(file: $0.location.file, id: $0.id, failures: $0.failureLines) }
        let indented = cases.map { .text("  ") + $0 + .text("\n") }
        let suite = XML.element(.testsuite, [.name: "iomapspec", .tests: "\(cases.count)", .failures: "\(failedCount)"],
                                .text("\n"), .join(indented))
        return XML.document(suite)
    }

    /// A scenario's or parameter table's testcase, with a failure when `failures` is not empty.
    private func testcase(file: String, id: String, failures: [String]) -> XML {
        let failure = failures.isEmpty ? XML()
            : .element(.failure, [.message: failures[0]], .text(failures.joined(separator: "\n")))
        return .element(.testcase, [.classname: "spec." + file, .name: id], failure)
    }
}
