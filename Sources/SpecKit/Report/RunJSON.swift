import Foundation

// MARK: - `iomapspec run --format json`

/// The JSON form of a run: diagnostics, per-scenario variants and failures, reverted-red results, counts.
public struct RunJSON: Codable, Equatable, Sendable {
    /// One scenario's outcome.
    public struct Scenario: Codable, Equatable, Sendable {
        public var failures: [String]
        public var id: String
        public var location: String
        public var passed: Bool
        public var variants: [Variant]
    }

    /// One column of a scenario: its name, the patch set it ran with, and whether it passed.
    public struct Variant: Codable, Equatable, Sendable {
        public var name: String
        public var passed: Bool
        public var patches: String
    }

    /// One parameter table's outcome.
    public struct Parameters: Codable, Equatable, Sendable {
        public var failures: [String]
        public var id: String
        public var location: String
        public var passed: Bool
    }

    /// One bug column: the series' `expect` column run with `switch` reverted.
    public struct RevertedRed: Codable, Equatable, Sendable {
        public var id: String
        public var mismatches: Int
        public var red: Bool
        public var `switch`: String
    }

    public var diagnostics: [String]
    public var failed: Int
    public var parameters: [Parameters]
    public var passed: Int
    public var revertedRed: [RevertedRed]
    public var scenarios: [Scenario]

    /// The JSON form of `run`.
    public init(_ run: SpecRun) {
        diagnostics = run.spec.diagnostics.map(\.description)
        failed = run.failedCount
        passed = run.passedCount
        parameters = run.parameters.map {
            Parameters(failures: $0.failureLines, id: $0.id, location: $0.location.description, passed: $0.passed)
        }
        revertedRed = run.revertedRed.map { RevertedRed(id: $0.id, mismatches: $0.mismatchCount, red: $0.isRed, switch: $0.patch.rawValue) }
        scenarios = run.scenarios.map { r in
            Scenario(failures: r.failureLines, id: r.id, location: r.location.description, passed: r.passed,
                     variants: r.variants.map { Variant(name: $0.name, passed: $0.passed, patches: $0.patches) })
        }
    }
}

extension SpecRun {
    /// `RunJSON` as one line: keys sorted for stable bytes, `/` not escaped.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and booleans cannot fail.
        let data = try! encoder.encode(RunJSON(self))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
