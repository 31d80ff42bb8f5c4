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
        let r = ScenarioRunner.run(s)
        for line in r.failureLines { Issue.record(Comment(rawValue: line)) }
        for x in r.revertedRed where !x.isRed { Issue.record(Comment(rawValue: x.notRedLine)) }
    } else if let t = chapter.parameterTables.first(where: { $0.id == c.id }) {
        for line in ParameterRunner.run(t).failureLines { Issue.record(Comment(rawValue: line)) }
    }
}

// MARK: - The grammar reference tables are generated from the declarations

/// The grammar tables of Docs/scenario-format.md equal what `GrammarReference` renders from the declarations.
///
/// `IOMAPSPEC_WRITE_GRAMMAR=1` rewrites them first.
@Test func grammarTables() throws {
    let path = packageRoot + "/Docs/scenario-format.md"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    if ProcessInfo.processInfo.environment["IOMAPSPEC_WRITE_GRAMMAR"] == "1" {
        text = GrammarReference.regenerated(text)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    for t in GrammarReference.staleTables(in: text) {
        Issue.record("Docs/scenario-format.md: the '\(t.rawValue)' table (<!-- grammar: \(t.rawValue) -->) differs from the declarations; expected:\n\(GrammarReference.markdown(t))")
    }
}

/// A table that lost a row, or whose markers are gone, is reported; regenerating restores it.
@Test func staleGrammarTableIsCaught() throws {
    let text = try String(contentsOfFile: packageRoot + "/Docs/scenario-format.md", encoding: .utf8)
    let row = "| `fsync` | fsync(2) |\n"
    #expect(text.contains(row))
    let edited = text.replacingOccurrences(of: row, with: "")
    #expect(GrammarReference.staleTables(in: edited) == [.actions])
    #expect(GrammarReference.staleTables(in: GrammarReference.regenerated(edited)).isEmpty)
    let unmarked = text.replacingOccurrences(of: "<!-- grammar: words -->", with: "")
    #expect(GrammarReference.staleTables(in: unmarked) == [.words])
}

/// Each declaration's words are the ones the parser accepts: every action usage and setting parses.
@Test func declaredWordsParse() {
    for w in ActionWord.all {
        let text = ([w.name] + w.arguments.map { _ in "4k" } + w.options.filter(\.required).map { "\($0.name)=A" }).joined(separator: " ")
        var ds: [SpecDiagnostic] = []
        #expect(ActionParser.parse(text, at: SourceLocation(file: "t", line: 1, column: 1), diagnostics: &ds) != nil, "\(text): \(ds)")
    }
    for name in ExpectationWord.all.map(\.keyword) {
        #expect(ExpectationWord.matching(name == "done" ? "done" : name + "=1", firstWord: Substring(name))?.keyword == name)
    }
}
