import Testing
@testable import SpecKit

// MARK: - Every scenario and parameter table of every chapter, one test case each

/// The spec parses without a single diagnostic (each one printed with its file:line:column).
@Test func specHasNoErrors() {
    for d in loadedSpec.diagnostics { Issue.record("\(d)") }
    #expect(!loadedSpec.chapters.isEmpty)
}

/// Runs one scenario (all its variants) or checks one parameter table row by row.
/// Select a single one with `IOMAPSPEC_SCENARIO=<id> swift test --filter SpecKitTests.scenario`.
@Test(arguments: scenarioCases)
func scenario(_ c: ScenarioCase) {
    if let s = loadedSpec.scenarios.first(where: { $0.id == c.id }) {
        let r = ScenarioRunner.run(s)
        for line in r.failureLines { Issue.record(Comment(rawValue: line)) }
        #expect(r.variants.count == s.variantNames.count)
    } else if let t = loadedSpec.parameterTables.first(where: { $0.id == c.id }) {
        let r = ParameterRunner.run(t)
        for line in r.failureLines { Issue.record(Comment(rawValue: line)) }
        #expect(r.rows.count == t.rows.count)
    } else {
        Issue.record("no scenario or parameter table with id '\(c.id)' (IOMAPSPEC_SCENARIO?)")
    }
}
