import Foundation
import Testing
@testable import SpecKit

// MARK: - What a run counts: selected chapters' spec errors, malformed blocks once, red when reverted

private let header = "| step | actor | action | expect |\n|---|---|---|---|\n"

/// A chapter whose one scenario passes.
private let goodChapter = "# Good {#good}\n\n" + scenarioBlock("scenario good/ok", header + "| 1 | - | fsync | ret=0 |")

/// A chapter with one scenario block carrying two errors, and a good scenario after it.
private let badChapter = "# Bad {#bad}\n\n" + scenarioBlock("scenario bad/broken", header + "| 1 | - | pwrit 0 4k | ret=0 |\n| 2 | - | fsync | flurb |")
    + "\n" + scenarioBlock("scenario bad/ok", header + "| 1 | - | fsync | ret=0 |")

private func twoChapters() -> Spec {
    SpecLoader.load(files: [("Spec/01-good.md", goodChapter), ("Spec/02-bad.md", badChapter)], root: packageRoot)
}

/// `run --chapter good` passes although chapter 2 is malformed; the errors are one uncounted note.
@Test func specErrorsOfAnotherChapterDoNotFailTheSelection() {
    let spec = twoChapters()
    #expect(spec.diagnostics.count == 2, "\(spec.diagnostics)")
    let good = SpecRun.run(spec, selection: Selection(chapter: "good"))
    #expect(good.succeeded)
    #expect(good.summary == "1 passed, 0 failed")
    #expect(good.diagnostics.isEmpty && good.otherDiagnostics.count == 2)
    #expect(good.text.contains("note: 2 spec errors outside the selection (Spec/02-bad.md), not counted"))
    #expect(RunJSON(good).uncountedDiagnostics.count == 2 && RunJSON(good).specErrors.isEmpty)
    let byId = SpecRun.run(spec, selection: Selection(id: "good/ok"))
    #expect(byId.succeeded)
}

/// One malformed scenario with two errors is one failure, with both errors listed (text, JSON, JUnit).
@Test func aMalformedScenarioCountsOnce() throws {
    let spec = twoChapters()
    for run in [SpecRun.run(spec), SpecRun.run(spec, selection: Selection(chapter: "2"))] {
        #expect(run.specErrors.count == 1)
        #expect(run.specErrors.first?.diagnostics.count == 2)
        #expect(run.specErrors.first?.location == SourceLocation(file: "Spec/02-bad.md", line: 3, column: 1))
        #expect(run.summary.hasSuffix(", 1 failed"), "\(run.summary)")
        #expect(!run.succeeded)
        #expect(run.text.split(separator: "\n").filter { $0.hasPrefix("Spec/02-bad.md:") }.count == 2)
        let json = RunJSON(run)
        #expect(json.specErrors.count == 1 && json.specErrors[0].diagnostics.count == 2)
        #expect(json.failed == 1)
    }
    let junit = SpecRun.run(spec).junit
    #expect(junit.contains("name=\"spec error at Spec/02-bad.md:3:1\""))
    #expect(junit.contains("failures=\"1\""))
}

/// A bug column whose `expect` checks still pass with its patch reverted fails the run (exit 1), in text,
/// JSON and JUnit.
@Test func aBugScenarioThatIsNotRedFailsTheRun() throws {
    let md = "# N {#n}\n\n" + scenarioBlock("scenario n/not-red",
        "| step | actor | action | expect | without validity-cookie |\n|---|---|---|---|---|\n| 1 | - | fsync | ret=0 | ret=0; size=0 |")
    let spec = SpecLoader.load(files: [("Spec/03-n.md", md)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let run = SpecRun.run(spec)
    let r = try #require(run.scenarios.first)
    #expect(r.passed)                               // every column's own checks pass
    #expect(r.revertedRed.count == 1 && !r.revertedRed[0].isRed)
    #expect(!run.succeeded)
    #expect(run.summary == "0 passed, 1 failed")
    #expect(run.text.contains("the expect column passes with validity-cookie reverted"))
    let json = RunJSON(run)
    #expect(json.scenarios[0].passed == false)
    #expect(json.scenarios[0].failedChecks.map(\.kind) == ["not-red"])
    #expect(run.junit.contains("name=\"n/not-red red without validity-cookie\""))
    #expect(run.junit.contains("failures=\"1\""))
}
