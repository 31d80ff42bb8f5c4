import Foundation

// MARK: - `iomapspec run --format json` (schema: Docs/schemas/run.schema.json)

/// The JSON form of a run: spec errors, every scenario's columns step by step, failures as fields, counts.
public struct RunJSON: Codable, Equatable, Sendable {
    /// A position in a spec file.
    public struct Position: Codable, Equatable, Sendable {
        public var column: Int
        public var file: String
        public var line: Int
        init(_ l: SourceLocation) { file = l.file; line = l.line; column = l.column }
    }

    /// One failure as fields: where, which scenario, step and column, expected and actual.
    public struct Failure: Codable, Equatable, Sendable {
        /// `check` (an expectation failed), `violation` (an invariant violation no cell named), `not-red` (a bug
        /// column's expect checks all passed with its patch reverted) or `params` (a parameter table cell).
        public var kind: String
        public var file: String
        public var line: Int
        public var column: Int
        public var id: String
        public var step: String?
        public var variant: String?
        public var expected: String
        public var actual: String
        public var message: String
    }

    /// One scenario's outcome.
    public struct Scenario: Codable, Equatable, Sendable {
        public var failedChecks: [Failure]
        public var failures: [String]
        public var id: String
        public var location: String
        public var passed: Bool
        public var position: Position
        public var variants: [Variant]
    }

    /// One column of a scenario: its name, the patch set it ran with, whether it passed, and its steps.
    public struct Variant: Codable, Equatable, Sendable {
        public var name: String
        public var passed: Bool
        public var patches: String
        public var steps: [StepJSON]
    }

    /// One parameter table's outcome.
    public struct Parameters: Codable, Equatable, Sendable {
        public var failedChecks: [Failure]
        public var failures: [String]
        public var function: String
        public var id: String
        public var location: String
        public var passed: Bool
        public var position: Position
    }

    /// One bug column: the series' `expect` column run with `switch` reverted.
    public struct RevertedRed: Codable, Equatable, Sendable {
        public var failedChecks: [Failure]
        public var id: String
        public var mismatches: Int
        public var position: Position
        public var red: Bool
        public var `switch`: String
    }

    /// One malformed block: where it starts and every error in it (counted as one failure).
    public struct SpecError: Codable, Equatable, Sendable {
        public var diagnostics: [Diagnostic]
        public var position: Position
    }

    /// One spec diagnostic as fields.
    public struct Diagnostic: Codable, Equatable, Sendable {
        public var message: String
        public var position: Position
    }

    public var diagnostics: [String]
    public var failed: Int
    public var parameters: [Parameters]
    public var passed: Int
    public var revertedRed: [RevertedRed]
    public var scenarios: [Scenario]
    public var specErrors: [SpecError]
    /// Diagnostics of chapters outside the selection, not counted as failures.
    public var uncountedDiagnostics: [String]

    /// The JSON form of `run`.
    public init(_ run: SpecRun) {
        diagnostics = run.diagnostics.map(\.description)
        failed = run.failedCount
        passed = run.passedCount
        parameters = run.parameters.map { p in
            Parameters(failedChecks: Failure.all(p), failures: p.failureLines, function: p.function, id: p.id,
                       location: p.location.description, passed: p.passed, position: Position(p.location))
        }
        revertedRed = run.revertedRed.map {
            RevertedRed(failedChecks: Failure.all($0), id: $0.id, mismatches: $0.mismatchCount, position: Position($0.location),
                        red: $0.isRed, switch: $0.patch.rawValue)
        }
        scenarios = run.scenarios.map { Scenario($0, passed: run.passed($0), events: false) }
        specErrors = run.specErrors.map { g in
            SpecError(diagnostics: g.diagnostics.map { Diagnostic(message: $0.message, position: Position($0.location)) },
                      position: Position(g.location))
        }
        uncountedDiagnostics = run.otherDiagnostics.map(\.description)
    }
}

// MARK: - Building the parts

extension RunJSON.Scenario {
    /// A scenario's JSON; `events` adds each step's kernel calls (as `iomapspec trace --format json`).
    init(_ r: ScenarioResult, passed: Bool, events: Bool) {
        let notRed = r.revertedRed.filter { !$0.isRed }.map(RunJSON.Failure.notRed)
        self.init(failedChecks: RunJSON.Failure.all(r) + notRed, failures: r.failureLines + r.revertedRed.filter { !$0.isRed }.map(\.notRedLine),
                  id: r.id, location: r.location.description, passed: passed, position: RunJSON.Position(r.location),
                  variants: r.variants.map { v in
                      RunJSON.Variant(name: v.name, passed: v.passed, patches: v.patches, steps: v.steps.map { StepJSON($0, events: events) })
                  })
    }
}

extension RunJSON.Failure {
    /// Every failed check and unexpected violation of a scenario's columns.
    static func all(_ r: ScenarioResult) -> [RunJSON.Failure] { r.variants.flatMap { of($0, id: r.id) } }

    /// The failed `expect` checks of a reverted-red run.
    static func all(_ x: RevertedRedResult) -> [RunJSON.Failure] { of(x.run, id: x.id) }

    /// Every mismatching cell of a parameter table.
    static func all(_ p: ParameterResult) -> [RunJSON.Failure] {
        p.rows.flatMap { row in
            row.mismatches.map { c in
                RunJSON.Failure(kind: "params", file: c.location.file, line: c.location.line, column: c.location.column, id: p.id,
                                step: nil, variant: c.text, expected: c.expected, actual: c.actual,
                                message: "params \(p.id) (\(p.function)) column \(c.text): expected \(c.expected), actual \(c.actual)")
            }
        }
    }

    /// A bug column whose `expect` checks all passed with its patch reverted.
    static func notRed(_ x: RevertedRedResult) -> RunJSON.Failure {
        RunJSON.Failure(kind: "not-red", file: x.location.file, line: x.location.line, column: x.location.column, id: x.id,
                        step: nil, variant: x.run.name, expected: "at least one mismatch (red)", actual: "0 mismatches",
                        message: x.notRedLine)
    }

    /// The failures of one column.
    static func of(_ v: VariantResult, id: String) -> [RunJSON.Failure] {
        v.steps.flatMap { s in
            s.checks.filter { !$0.passed }.map { c in
                RunJSON.Failure(kind: "check", file: c.location.file, line: c.location.line, column: c.location.column, id: id,
                                step: s.label, variant: v.name, expected: c.expected, actual: c.actual,
                                message: "scenario \(id) step \(s.label) [\(v.name)]: expected \(c.expected), actual \(c.actual)")
            } + s.unexpectedViolations.map { u in
                RunJSON.Failure(kind: "violation", file: s.location.file, line: s.location.line, column: s.location.column, id: id,
                                step: s.label, variant: v.name, expected: "no invariant violation", actual: u,
                                message: "scenario \(id) step \(s.label) [\(v.name)]: unexpected invariant violation \(u)")
            }
        }
    }
}

// MARK: - Encoding

/// JSON text with keys sorted for stable bytes and `/` not escaped, one line and a newline.
func stableJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding strings, numbers, booleans and optionals of them cannot fail.
    let data = try! encoder.encode(value)
    return String(decoding: data, as: UTF8.self) + "\n"
}

extension SpecRun {
    /// `RunJSON` as one line.
    public var json: String { stableJSON(RunJSON(self)) }
}

extension ScenarioResult {
    /// `iomapspec trace --format json`: the scenario's JSON with every step's kernel calls, only `variant` if given.
    public func traceJSON(variant: String? = nil) -> String {
        var r = self
        if let variant { r.variants = r.variants.filter { $0.name == variant } }
        return stableJSON(RunJSON.Scenario(r, passed: r.passed && r.revertedRed.allSatisfy(\.isRed), events: true))
    }
}
