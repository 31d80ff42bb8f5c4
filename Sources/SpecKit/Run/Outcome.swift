// MARK: - Results of running scenarios and parameter tables

/// One expectation checked: what the spec said and what the engine showed.
public struct CheckResult: Sendable {
    public var text: String
    public var location: SourceLocation
    public var expected: String
    public var actual: String
    public var passed: Bool
}

/// Engine state after a step (for the report's pictures and `iomapspec trace`).
public struct StepSnapshot: Sendable {
    public var status: String
    public var range: String
    public var cache: String
    public var extents: String
    public var cow: String
    public var disk: String
    public var file: String
    public var size: Int
    public var seq: String
    public var reserved: Int
    public var iomap: String
    public var events: [String]
    /// Byte positions of the folios that start inside the pictured range (the report's folio boundaries).
    public var folioStarts: [Int] = []
}

/// One row run in one variant.
public struct StepResult: Sendable {
    public var label: String
    public var location: SourceLocation
    public var actor: String
    public var action: String
    public var checks: [CheckResult]
    /// Violations this step raised that its cell did not name.
    public var unexpectedViolations: [String]
    public var snapshot: StepSnapshot
    public var passed: Bool { checks.allSatisfy(\.passed) && unexpectedViolations.isEmpty }
}

/// One run of a scenario: the `expect` column or one `without SWITCH` column.
public struct VariantResult: Sendable {
    public var name: String
    public var patches: String
    public var steps: [StepResult]
    public var passed: Bool { steps.allSatisfy(\.passed) }
}

/// Every run of one scenario.
public struct ScenarioResult: Sendable {
    public var id: String
    public var location: SourceLocation
    public var tags: [String]
    public var variants: [VariantResult]
    /// The `expect` column checked under each bug column's configuration (see `Scenario.bugColumns`).
    public var revertedRed: [RevertedRedResult] = []
    public var passed: Bool { variants.allSatisfy(\.passed) }

    /// One line per failed check: `file:line:col: scenario ID step S [variant]: expected X, actual Y`.
    public var failureLines: [String] {
        var out: [String] = []
        for v in variants {
            for s in v.steps {
                for c in s.checks where !c.passed {
                    out.append("\(c.location): scenario \(id) step \(s.label) [\(v.name)]: expected \(c.expected), actual \(c.actual)")
                }
                for u in s.unexpectedViolations {
                    out.append("\(s.location): scenario \(id) step \(s.label) [\(v.name)]: unexpected invariant violation \(u)")
                }
            }
        }
        return out
    }
}

/// A parameter table checked row by row.
public struct ParameterResult: Sendable {
    public struct Row: Sendable { public var location: SourceLocation; public var mismatches: [CheckResult]; public var actual: [String: Int] }
    public var id: String
    public var function: String
    public var location: SourceLocation
    public var rows: [Row]
    public var passed: Bool { rows.allSatisfy { $0.mismatches.isEmpty } }
    public var failureLines: [String] {
        rows.flatMap { r in r.mismatches.map { "\($0.location): params \(id) (\(function)) column \($0.text): expected \($0.expected), actual \($0.actual)" } }
    }
}
