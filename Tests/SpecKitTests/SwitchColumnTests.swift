import IomapEngine
import Testing
@testable import SpecKit

// MARK: - `with SWITCH` columns turn a later fix on; `without SWITCH` columns turn a 6.2 switch off

/// A 6.2 discard of a folio-aligned failing block leaks the reservation; the 6.3 fix punches it.
let discardRows = "| 1 | - | truncate 8k | done | = |\n| 2 | - | pwrite 4k 4k data=a | ret=4096; reserved=1 | = |\n"
    + "| 3 | - | fail-map 4k 4k | done | = |\n| 4 | - | writeback 0 8k | ret=-EIO; reserved=1 | ret=-EIO; reserved=0 |"

/// The header with one extra column.
func header(_ column: String) -> String { "| step | actor | action | expect | \(column) |\n|---|---|---|---|---|\n" }

@Test func withColumnTurnsTheLaterFixOn() throws {
    let spec = SpecLoader.load(files: [("Spec/01-t.md", scenarioBlock(header("with discard-folio-fix") + discardRows))], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let s = try #require(spec.scenarios.first)
    #expect(s.switchColumns == [.discardFolioFix])
    #expect(s.variantNames == ["expect", "with discard-folio-fix"])
    #expect(s.bugColumns == [1])
    let r = ScenarioRunner.run(s)
    #expect(r.passed, "\(r.failureLines)")
    #expect(r.variants.map(\.patches) == ["series", "+discard-folio-fix"])
    let x = try #require(r.revertedRed.first)
    #expect(x.run.name == "expect under with discard-folio-fix")
    #expect(x.mismatchCount == 1 && x.isRed)
    #expect(x.mismatchLines == ["Spec/01-t.md:7:38: scenario t/one step 4 [expect under with discard-folio-fix]: expected reserved=1, actual reserved=0"])
}

@Test func withoutColumnOfALaterFixIsAnError() {
    let d = diagnostics(scenarioBlock(header("without discard-folio-fix") + discardRows))
    #expect(d.map(\.description) == ["Spec/99-test.md:2:36: expected 'with discard-folio-fix': discard-folio-fix is a later fix, off in the series, found 'without discard-folio-fix'"])
}

@Test func withColumnOfASeriesPatchIsAnError() {
    let d = diagnostics(scenarioBlock(header("with validity-cookie") + "| 1 | - | fsync | ret=0 | = |"))
    #expect(d.map(\.description) == ["Spec/99-test.md:2:36: expected 'without validity-cookie': validity-cookie is a series patch, on in the series, found 'with validity-cookie'"])
}

@Test func patchesSettingCannotTurnOffALaterFix() {
    let d = diagnostics(scenarioBlock("scenario t/one patches=-discard-folio-fix", header("without validity-cookie") + "| 1 | - | fsync | ret=0 | = |"))
    #expect(d.map(\.description) == ["Spec/99-test.md:1:27: expected '+discard-folio-fix': discard-folio-fix is a later fix, off in the series, found '-discard-folio-fix'"])
}

/// `patches=+FIX` puts a later fix into every column: the expect column and a `without` column both run with it.
@Test func patchesSettingTurnsALaterFixOn() throws {
    let spec = SpecLoader.load(files: [("Spec/99-test.md", "# T\n\n" + scenarioBlock("scenario t/one patches=+discard-folio-fix",
        header("without validity-cookie") + "| 1 | - | fsync | ret=0 | = |"))], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let s = try #require(spec.scenarios.first)
    #expect(s.settings.flipped == [.discardFolioFix])
    let r = ScenarioRunner.run(s)
    #expect(r.variants.map(\.patches) == ["+discard-folio-fix", "+discard-folio-fix,-validity-cookie"])
}

@Test func notRedLineSaysApplied() {
    let x = RevertedRedResult(id: "t/one", location: SourceLocation(file: "Spec/01-t.md", line: 1, column: 1),
                              patch: .discardFolioFix, run: VariantResult(name: "x", patches: "+discard-folio-fix", steps: []))
    #expect(x.notRedLine == "Spec/01-t.md:1:1: scenario t/one [with discard-folio-fix]: the expect column passes with discard-folio-fix applied; expected at least one mismatch (red)")
}
