import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SpecKit

// MARK: - `run --format json` and `--format junit` read back with standard parsers

/// A run with a failing scenario and diagnostics whose messages carry what JSON and XML must escape.
func awkwardRun() -> SpecRun {
    var run = sampleRun()
    let at = SourceLocation(file: "Spec/07-sample.md", line: 1, column: 1)
    run.spec.diagnostics += [SpecDiagnostic(at, "quote \" backslash \\ slash / <tag> & 'apos'"),
                             SpecDiagnostic(at, "controls \u{1}\u{8}\u{B}\u{C}\u{1B}\u{7F} tab\tcr\r and U+FFFE \u{FFFE}")]
    return run
}

@Test func jsonDecodesIntoTheSameStructures() throws {
    for run in [sampleRun(), awkwardRun()] {
        let decoded = try JSONDecoder().decode(RunJSON.self, from: Data(run.json.utf8))
        #expect(decoded == RunJSON(run))
        #expect(decoded.failed == run.failedCount && decoded.passed == run.passedCount)
        #expect(decoded.scenarios.map(\.id) == run.scenarios.map(\.id))
        #expect(decoded.diagnostics == run.spec.diagnostics.map(\.description))
    }
    #expect(sampleRun().json.hasPrefix("{\"diagnostics\":[],\"failed\":1,\"parameters\":[],\"passed\":0,"))
    #expect(sampleRun().json.hasSuffix("}\n"))
}

/// Both diagnostics sit in the chapter's first block, so they are one malformed-block testcase listing both.
@Test func junitParsesEvenWithControlCharacters() throws {
    let run = awkwardRun()
    let doc = try XMLDocument(xmlString: run.junit, options: [])
    let suite = try #require(doc.rootElement())
    #expect(suite.name == "testsuite")
    #expect(suite.attribute(forName: "tests")?.stringValue == "2")
    #expect(suite.attribute(forName: "failures")?.stringValue == "\(run.failedCount)")
    #expect(run.failedCount == 2)
    let cases = suite.elements(forName: "testcase")
    #expect(cases.map { $0.attribute(forName: "name")?.stringValue ?? "" }
            == ["spec error at Spec/07-sample.md:1:1", "sample/impossible"])
    let failures = cases.compactMap { $0.elements(forName: "failure").first }
    #expect(failures.count == 2)
    #expect(failures[0].attribute(forName: "message")?.stringValue == "quote \" backslash \\ slash / <tag> & 'apos'")
    let body = failures[0].stringValue ?? ""
    #expect(body.contains("Spec/07-sample.md:1:1: quote \" backslash \\ slash / <tag> & 'apos'"))
    #expect(body.contains("controls \\u{1}\\u{8}\\u{b}\\u{c}\\u{1b}\u{7F} tab\tcr\r and U+FFFE \\u{fffe}"))
    let failure = try #require(cases.last?.elements(forName: "failure").first)
    #expect(failure.stringValue == run.scenarios[0].failureLines.joined(separator: "\n"))
}

@Test func xmlWriterEscapesByConstruction() {
    #expect(XML.text("<a>&\"\u{0}\n").markup == "&lt;a&gt;&amp;&quot;\\u{0}\n")
    let e = XML.element(.failure, [.message: "a\"\n\tb<"], .text("t"))
    #expect(e.markup == "<failure message=\"a&quot;&#10;&#9;b&lt;\">t</failure>")
    #expect(XML.document(.element(.testsuite)) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite></testsuite>\n")
}
