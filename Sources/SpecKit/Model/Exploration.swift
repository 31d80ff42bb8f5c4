import IomapEngine

// MARK: - Explore blocks (Docs/scenario-format.md "Explore blocks")

/// An `explore ID key=value...` block: a race with no schedule, the properties every schedule must keep.
public struct Exploration: Sendable {
    public var id: String
    public var location: SourceLocation
    /// Id of the section the block sits in.
    public var sectionId: String
    /// The scenario settings (`bs=`, `folio=`, `patches=`, `device=`, `tags=`, `aka=`).
    public var settings: ScenarioSettings
    /// `preemptions=`: the exhaustive search's bound.
    public var preemptions: Int
    /// `depth=`: the PCT depth for `--pct`.
    public var depth: Int
    /// `setup` lines: harness operations before the race.
    public var setup: [ExploreLine]
    /// `actor NAME` lines, grouped by actor in order of first appearance.
    public var actors: [ExploreActorLines]
    /// `after` lines: harness operations after every actor finished.
    public var epilogue: [ExploreLine]
    /// `expect` lines: final-state expectations every schedule must meet.
    public var properties: [Expectation]
    /// Where `linearizable` was written, when it was.
    public var linearizable: SourceLocation?
    /// `without SWITCH` lines: with that switch off the explorer must find a violation.
    public var without: [ExploreWithout]
    public var aliases: [String] { settings.aliases }
    /// Whether `name` is this block's id or one of its aliases.
    public func isNamed(_ name: String) -> Bool { id == name || aliases.contains(name) }
}

/// One `setup`, `actor` or `after` line: its operation and its text.
public struct ExploreLine: Sendable {
    public var location: SourceLocation
    public var text: String
    public var operation: IomapEngine.Operation
    /// Highest byte the action names.
    public var reach: Int
}

/// One racing actor's operations.
public struct ExploreActorLines: Sendable {
    public var name: String
    public var lines: [ExploreLine]
}

/// A `without SWITCH` line.
public struct ExploreWithout: Sendable {
    public var patch: Patch
    public var location: SourceLocation
}
