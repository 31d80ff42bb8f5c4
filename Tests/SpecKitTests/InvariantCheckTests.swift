import IomapEngine
import Testing
@testable import SpecKit

// MARK: - Incremental invariant checks report exactly what full checks report

/// Everything a run shows per step: outcome, checks, unexpected violations and the whole trace (violation events,
/// with their details and trace indexes, included).
private func observed(_ r: ScenarioResult) -> [String] {
    func lines(_ v: VariantResult) -> [String] {
        v.steps.flatMap { s in
            ["\(v.name) \(s.label) \(s.snapshot.status)"] + s.checks.map { "\($0.passed) \($0.actual)" }
                + s.unexpectedViolations + s.snapshot.events
        }
    }
    return r.variants.flatMap(lines) + r.revertedRed.flatMap { ["reverted \($0.patch)"] + lines($0.run) }
}

@Test("every scenario: incremental checks record the same violations, at the same steps, as full checks",
      arguments: loadedSpec.scenarios.map { ScenarioCase(id: $0.id) })
func incrementalChecksMatchFullChecks(_ c: ScenarioCase) throws {
    let s = try #require(loadedSpec.scenario(named: c.id))
    let full = ScenarioRunner.run(s, check: .full)
    let incremental = ScenarioRunner.run(s, check: .incremental)
    #expect(observed(incremental) == observed(full))
}

@Test("the spec raises state-invariant violations, so the comparison above compares something")
func specRaisesViolations() {
    let events = loadedSpec.scenarios.flatMap { observed(ScenarioRunner.run($0, check: .full)) }
    let names = Set(Invariant.allCases.map(\.rawValue).filter { n in events.contains { $0.contains(" violation \(n)") } })
    #expect(names.contains("dirty-without-backing"), "violation kinds raised by the spec under full checks: \(names.sorted())")
}
