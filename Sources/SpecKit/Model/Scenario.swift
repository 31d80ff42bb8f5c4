import IomapEngine

// MARK: - Scenario model (design.md "Scenario blocks")

/// A `scenario ID key=value...` block: settings, the `without` columns and the steps.
public struct Scenario: Sendable {
    public var id: String
    public var location: SourceLocation
    /// Id of the section the block sits in.
    public var sectionId: String
    public var settings: ScenarioSettings
    /// The switch of each `without SWITCH` / `with SWITCH` column, in column order (`SwitchColumn.word`).
    public var switchColumns: [Patch]
    public var steps: [Step]
    /// Former ids (`aka=`), which keep resolving to this scenario.
    public var aliases: [String] { settings.aliases }
    /// Runs: index 0 is the `expect` column with `settings.patches`; index i flips `switchColumns[i-1]`.
    public var variantNames: [String] { ["expect"] + switchColumns.map(SwitchColumn.name) }
    /// Whether `name` is this scenario's id or one of its aliases.
    public func isNamed(_ name: String) -> Bool { id == name || aliases.contains(name) }
}

/// How a switch column is headed: `without SWITCH` turns off a switch that is on in 6.2, `with SWITCH` turns on a later fix.
public enum SwitchColumn {
    /// `with` for a later fix (off in the 6.2 kernel), else `without`.
    public static func word(_ p: Patch) -> String { p.isOnIn62 ? "without" : "with" }
    /// The column header: `without byte-range-punch`, `with discard-folio-fix`.
    public static func name(_ p: Patch) -> String { word(p) + " " + p.rawValue }
    /// `-name` for a switch turned off, `+name` for one turned on.
    public static func flag(_ p: Patch) -> String { (p.isOnIn62 ? "-" : "+") + p.rawValue }
}

/// The settings of a scenario info string.
public struct ScenarioSettings: Sendable, Equatable {
    public var blockSize = 4096
    public var folioSize = 4096
    /// Switches flipped from the series by `patches=`: `-name` turns a 6.2 switch off, `+name` turns a later fix
    /// (or a counterfactual) on; empty: the series.
    public var flipped: [Patch] = []
    public var device: Device = .memory
    public var tags: [String] = []
    /// Former ids of the block (`aka=OLD-ID,...`).
    public var aliases: [String] = []
    public enum Device: String, Sendable, CaseIterable { case memory, file }
    public init() {}

    /// Whether switch `p` is on in the block's configuration (the series with `flipped` applied).
    public func isOn(_ p: Patch) -> Bool { p.isOnIn62 != flipped.contains(p) }
}

/// One table row: step label, actor, action and one expectation cell per run.
public struct Step: Sendable {
    public var label: String
    public var location: SourceLocation
    public var actor: String
    public var action: Action
    public var actionText: String
    /// One cell per variant (index as `Scenario.variantNames`); `=` cells are already copied from `expect`.
    public var cells: [ExpectationCell]
    /// `-` is the synchronous harness.
    public var isHarness: Bool { actor == "-" }
}

/// The expectations of one cell.
public struct ExpectationCell: Sendable {
    public var text: String
    public var location: SourceLocation
    public var expectations: [Expectation]
}

/// An action column: the engine operation to start (or `continue`), an optional pause target.
public struct Action: Sendable, Equatable {
    /// What the row does to its actor.
    public enum Kind: Sendable, Equatable {
        /// Start this engine operation.
        case operation(IomapEngine.Operation)
        /// Resume the actor's paused or blocked operation.
        case `continue`
    }
    public var kind: Kind
    public var until: PauseTarget?
    /// The operation returns bytes (`got=` is checkable): `ActionWord.reads`.
    public var isRead: Bool
    /// Highest byte the action names (OFF+LEN or SIZE), for picture ranges.
    public var reach: Int
    public var location: SourceLocation
}
