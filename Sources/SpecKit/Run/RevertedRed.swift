import IomapEngine

// MARK: - Red when reverted: a bug scenario fails its series expectations with its patch reverted

extension Scenario {
    /// Variant indices of the `without SWITCH` columns whose expectations differ from `expect` in at least one row.
    ///
    /// Such a column states what the code did before that patch; the scenario is then a bug scenario for the
    /// switch, and the `expect` column (the series' outcome) must fail when the switch is off.
    public var bugColumns: [Int] {
        (1..<max(variantNames.count, 1)).filter { v in
            steps.contains { $0.cells[v].expectations.map(\.kind) != $0.cells[0].expectations.map(\.kind) }
        }
    }
}

/// The `expect` column of a bug scenario checked in a run with one switch reverted.
public struct RevertedRedResult: Sendable {
    public var id: String
    public var location: SourceLocation
    /// The reverted switch.
    public var patch: Patch
    /// The run: the switch's configuration, the `expect` column's checks.
    public var run: VariantResult

    /// Failed checks plus invariant violations the `expect` cells do not name.
    ///
    /// Each is an observed difference from the series' outcome.
    public var mismatchCount: Int {
        run.steps.reduce(0) { $0 + $1.checks.filter { !$0.passed }.count + $1.unexpectedViolations.count }
    }
    /// The scenario catches the patch being reverted.
    public var isRed: Bool { mismatchCount > 0 }

    /// `series expectations under this variant: N mismatches (red)`; `(NOT red)` when nothing differed.
    public var headline: String {
        "series expectations under this variant: \(mismatchCount) mismatch\(mismatchCount == 1 ? "" : "es") (\(isRed ? "red" : "NOT red"))"
    }

    /// One line per mismatch: `file:line:col: scenario ID step S [expect under without SWITCH]: expected X, actual Y`.
    public var mismatchLines: [String] {
        ScenarioResult(id: id, location: location, tags: [], variants: [run]).failureLines
    }

    /// The line `iomapspec run` prints when the scenario does not go red.
    public var notRedLine: String {
        "\(location): scenario \(id) [\(SwitchColumn.name(patch))]: the expect column passes with \(patch) \(patch.isOnIn62 ? "reverted" : "applied"); expected at least one mismatch (red)"
    }
}
