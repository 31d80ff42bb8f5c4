import Foundation
import IomapEngine
import Testing
@testable import SpecKit

// MARK: - Every bug scenario goes red when its patch is reverted

/// One bug column: a scenario and the switch its differing `without` (or `with`) column flips.
struct RevertedCase: Sendable, CustomTestStringConvertible {
    var id: String
    var patch: Patch
    var testDescription: String { "\(id) \(SwitchColumn.name(patch))" }
}

/// Every (scenario, switch) whose switch column differs from `expect` in a row.
///
/// Only the scenarios `IOMAPSPEC_SCENARIO` names (by id or alias) when that is set.
let revertedCases: [RevertedCase] = {
    let only = ProcessInfo.processInfo.environment["IOMAPSPEC_SCENARIO"].map { Set($0.split(separator: ",").map(String.init)) }
    return loadedSpec.scenarios.flatMap { s in
        s.bugColumns.map { RevertedCase(id: s.id, patch: s.switchColumns[$0 - 1]) }
    }.filter { c in only == nil || only!.isEmpty || only!.contains { loadedSpec.scenario(named: $0)?.id == c.id } }
}()

/// Runs the `expect` column with the case's switch also off.
func revertedRun(_ c: RevertedCase) -> RevertedRedResult? {
    guard let s = loadedSpec.scenario(named: c.id),
          let k = s.switchColumns.firstIndex(of: c.patch) else { return nil }
    return ScenarioRunner.revertedRed(s, column: k + 1, range: ScenarioRunner.pictureRange(s))
}

/// The series' expectations of a bug scenario fail (at least one mismatch) with its switch flipped.
@Test(arguments: revertedCases)
func redWhenReverted(_ c: RevertedCase) throws {
    let x = try #require(revertedRun(c), "no scenario \(c.id) with a \(SwitchColumn.name(c.patch)) column")
    #expect(x.run.name == "expect under \(SwitchColumn.name(c.patch))")
    #expect(x.run.patches.split(separator: ",").contains(Substring(SwitchColumn.flag(c.patch))), "ran with \(x.run.patches)")
    let red = x.isRed
    #expect(red, Comment(rawValue: x.notRedLine))
}

/// Each switch and the chapter about it (`Patch.chapter`), as (chapter, switch) test arguments.
struct ChapterSwitch: Sendable, CustomTestStringConvertible {
    var chapter: Int
    var patch: Patch
    var testDescription: String { "chapter \(chapter) \(patch)" }
}

/// Every switch of the engine with its chapter: the nine patches, the later fix, the counterfactuals.
let chapterSwitches: [ChapterSwitch] = Patch.allCases.map { ChapterSwitch(chapter: $0.chapter, patch: $0) }

/// The chapters 1–8 name every switch's chapter, so none is left without a red bug scenario.
@Test func everyChapterHasItsSwitches() {
    #expect(Set(chapterSwitches.map(\.chapter)) == Set(1...8))
    #expect(chapterSwitches.filter { $0.chapter == 8 }.map(\.patch) == [.seqBumpUnderIlock, .cookieUnderIlock, .bumpEveryEdit])
}

/// Each switch has at least one bug scenario in its own chapter that goes red when the switch is flipped.
@Test(arguments: chapterSwitches)
func chapterHasRedBugScenario(_ cs: ChapterSwitch) throws {
    let (n, patch) = (cs.chapter, cs.patch)
    let chapter = try #require(loadedSpec.chapters.first { $0.number == n }, "no chapter \(n)")
    let cases = chapter.scenarios.flatMap { s in
        s.bugColumns.map { RevertedCase(id: s.id, patch: s.switchColumns[$0 - 1]) }
    }.filter { $0.patch == patch }
    let runs = cases.map(revertedRun)
    #expect(!runs.contains { $0 == nil }, "a bug column names no scenario")
    let red = runs.filter { $0?.isRed == true }
    let message = Comment(rawValue: "\(chapter.file): no scenario with a '\(SwitchColumn.name(patch))' column goes red with \(patch) flipped "
        + "(bug columns: \(cases.map(\.id)))")
    #expect(!red.isEmpty, message)
}

// MARK: The check itself can fail

/// A without column whose switch changes nothing for these actions is reported not red.
@Test func differingColumnThatChangesNothingIsNotRed() throws {
    let md = scenarioBlock(H.replacingOccurrences(of: "expect |\n|---|---|---|---|", with: "expect | without errortag-removal |\n|---|---|---|---|---|")
        + "| 1 | - | pwrite 0 4k data=A | ret=4096; file 0 4k = A*4k | ret=4096 |")
    let spec = SpecLoader.load(files: [("Spec/01-t.md", md)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let r = ScenarioRunner.run(try #require(spec.scenarios.first))
    #expect(r.passed)
    let x = try #require(r.revertedRed.first)
    #expect(r.revertedRed.count == 1)
    #expect(!x.isRed && x.mismatchCount == 0)
    #expect(x.headline == "series expectations under this variant: 0 mismatches (NOT red)")
    #expect(x.notRedLine.hasPrefix("Spec/01-t.md:1:1: scenario t/one [without errortag-removal]: the expect column passes"))
    let run = SpecRun.run(spec)
    #expect(run.text.hasSuffix(x.notRedLine + "\nreverted-red: 0 of 1 bug scenarios fail their series expectations with their patch reverted\n0 passed, 1 failed\n"))
}

/// A column that differs where the switch matters goes red, counting each failed `expect` check.
@Test func differingColumnThatMattersIsRed() throws {
    let md = scenarioBlock(H.replacingOccurrences(of: "expect |\n|---|---|---|---|", with: "expect | without errortag-removal |\n|---|---|---|---|---|")
        + "| 1 | - | errortag 28 1 | ret=-EINVAL | ret=0 |\n| 2 | - | pwrite 0 4k data=A | ret=4096 | = |\n| 3 | - | pread 0 4k | got=A*4k | = |")
    let spec = SpecLoader.load(files: [("Spec/01-t.md", md)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let s = try #require(spec.scenarios.first)
    #expect(s.bugColumns == [1])
    let r = ScenarioRunner.run(s)
    #expect(r.passed, "\(r.failureLines)")
    let x = try #require(r.revertedRed.first)
    #expect(x.mismatchCount == 1)
    #expect(x.headline == "series expectations under this variant: 1 mismatch (red)")
    #expect(x.mismatchLines == ["Spec/01-t.md:4:27: scenario t/one step 1 [expect under without errortag-removal]: expected ret=-EINVAL, actual ret=0"])
    let text = SpecRun.run(spec).text
    #expect(text.hasSuffix("reverted-red: 1 of 1 bug scenarios fail their series expectations with their patch reverted\n1 passed, 0 failed\n"))
}

/// A without column of only `=` is not a bug column, and a run with none prints no reverted-red line.
@Test func allEqualColumnIsNoBugColumn() throws {
    let md = scenarioBlock(H.replacingOccurrences(of: "expect |\n|---|---|---|---|", with: "expect | without validity-cookie |\n|---|---|---|---|---|")
        + "| 1 | - | pwrite 0 4k data=A | ret=4096 | = |")
    let spec = SpecLoader.load(files: [("Spec/01-t.md", md)], root: packageRoot)
    let s = try #require(spec.scenarios.first)
    #expect(s.bugColumns.isEmpty)
    let run = SpecRun.run(spec)
    #expect(run.revertedRed.isEmpty)
    #expect(run.text == "1 passed, 0 failed\n")
}

/// The report states the outcome under each bug column's header and lists the mismatches.
@Test func reportShowsRevertedOutcome() throws {
    let md = "# T\n\n" + scenarioBlock(H.replacingOccurrences(of: "expect |\n|---|---|---|---|", with: "expect | without errortag-removal |\n|---|---|---|---|---|")
        + "| 1 | - | errortag 28 1 | ret=-EINVAL | ret=0 |")
    let run = SpecRun.run(SpecLoader.load(files: [("Spec/01-t.md", md)], root: packageRoot))
    let pages = HTMLReport(run: run).pages()
    let page = try #require(pages.first { $0.name == "01-t.html" }).html
    #expect(page.contains("series expectations under this variant: 1 mismatch (red)"))
    #expect(page.contains("step 1: expected ret=-EINVAL, actual ret=0"))
    let index = try #require(pages.first { $0.name == "index.html" }).html
    #expect(index.contains("reverted-red: 1 of 1 bug scenarios"))
}

// MARK: The index's switch table

/// The index lists every switch with its kind, commits and chapter, and counts its red bug scenarios.
@Test func indexListsEverySwitch() throws {
    let md = "# T\n\n" + scenarioBlock(header("with discard-folio-fix") + discardRows)
    let run = SpecRun.run(SpecLoader.load(files: [("Spec/03-t.md", md)], root: packageRoot))
    let index = try #require(HTMLReport(run: run).pages().first { $0.name == "index.html" }).html
    let start = try #require(index.range(of: "<table class=\"summary\" id=\"switch-table\">"))
    let end = try #require(index.range(of: "</table>", range: start.upperBound..<index.endIndex))
    let table = String(index[start.lowerBound..<end.lowerBound])
    let rows = table.components(separatedBy: "<tr>").dropFirst(2)   // the header row, then one per switch
    #expect(rows.count == Patch.allCases.count)
    for (p, row) in zip(Patch.allCases, rows) {
        #expect(row.hasPrefix("<td><code>\(p.rawValue)</code>"), "\(p): \(row.prefix(80))")
        #expect(row.contains("<td class=\"kind\">\(p.kind.rawValue)</td>"))
        if let c = p.commits.first { #expect(row.contains(c)) }
    }
    let fix = try #require(rows.first { $0.hasPrefix("<td><code>discard-folio-fix</code>") })
    #expect(fix.contains("<code>t/one</code>") && fix.contains(">1 of 1<"))
    let cookie = try #require(rows.first { $0.hasPrefix("<td><code>validity-cookie</code>") })
    #expect(cookie.contains(">none<"))
}
