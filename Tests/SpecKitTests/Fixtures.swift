import Foundation
import Testing
@testable import SpecKit

// MARK: - The package's own spec, loaded once

/// Package root, from this file's path (Tests/SpecKitTests/Fixtures.swift).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The whole `Spec/` as parsed.
let loadedSpec = SpecLoader.load(root: packageRoot)

/// One scenario as a test argument, shown by its id.
struct ScenarioCase: Sendable, CustomTestStringConvertible {
    var id: String
    var testDescription: String { id }
}

/// The scenario ids to run: all, or only `IOMAPSPEC_SCENARIO` (comma-separated ids) when set.
let scenarioCases: [ScenarioCase] = {
    let all = loadedSpec.scenarios.map { ScenarioCase(id: $0.id) } + loadedSpec.parameterTables.map { ScenarioCase(id: $0.id) }
    guard let only = ProcessInfo.processInfo.environment["IOMAPSPEC_SCENARIO"], !only.isEmpty else { return all }
    let wanted = only.split(separator: ",").map(String.init)
    // An id that names nothing stays in the list so the test fails loudly instead of running nothing.
    return wanted.map { ScenarioCase(id: $0) }
}()

/// Parses one in-memory chapter (`Spec/99-test.md` unless named) and returns its diagnostics.
func diagnostics(_ markdown: String, file: String = "Spec/99-test.md") -> [SpecDiagnostic] {
    SpecLoader.load(files: [(file, markdown)], root: packageRoot).diagnostics
}

/// Wraps table rows in a scenario block at line 1 (fence), so row i is on line 2 + i.
func scenarioBlock(_ info: String, _ rows: String) -> String {
    "```\(info)\n\(rows)\n```\n"
}

/// `scenarioBlock("scenario t/one", rows)`.
func scenarioBlock(_ rows: String) -> String { scenarioBlock("scenario t/one", rows) }
