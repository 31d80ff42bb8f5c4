import Foundation
import Testing
@testable import SpecKit

// MARK: - Docs/scenario-format.md: its examples parse and run

/// The format reference, parsed as a chapter (number 99, slug `scenario-format`).
let formatDoc: (chapter: Chapter?, diagnostics: [SpecDiagnostic]) = {
    let path = packageRoot + "/Docs/scenario-format.md"
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    var ds: [SpecDiagnostic] = []
    let c = ChapterParser.parse(file: "Docs/scenario-format.md", source: text, root: packageRoot, number: 99, slug: "scenario-format", diagnostics: &ds)
    return (c, ds)
}()

@Test func formatDocParses() throws {
    for d in formatDoc.diagnostics { Issue.record("\(d)") }
    let c = try #require(formatDoc.chapter)
    #expect(c.scenarios.count >= 4)
    #expect(c.parameterTables.count >= 1)
    #expect(c.excerpts.count == 1)
}

/// Every scenario and parameter table in the format reference runs and passes.
@Test(arguments: (formatDoc.chapter?.scenarios.map { ScenarioCase(id: $0.id) } ?? []) + (formatDoc.chapter?.parameterTables.map { ScenarioCase(id: $0.id) } ?? []))
func formatExamples(_ c: ScenarioCase) {
    guard let chapter = formatDoc.chapter else { Issue.record("Docs/scenario-format.md did not parse"); return }
    if let s = chapter.scenarios.first(where: { $0.id == c.id }) {
        for line in ScenarioRunner.run(s).failureLines { Issue.record(Comment(rawValue: line)) }
    } else if let t = chapter.parameterTables.first(where: { $0.id == c.id }) {
        for line in ParameterRunner.run(t).failureLines { Issue.record(Comment(rawValue: line)) }
    }
}
