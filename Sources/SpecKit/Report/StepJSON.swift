// MARK: - One step as JSON: action, checks with their positions, engine state

/// One row run in one column: what it did, every check, and the engine's state afterwards.
public struct StepJSON: Codable, Equatable, Sendable {
    /// One expectation: its text and position, expected and actual in the grammar, and whether it held.
    public struct Check: Codable, Equatable, Sendable {
        public var actual: String
        public var expected: String
        public var passed: Bool
        public var position: RunJSON.Position
        public var text: String
    }

    /// The engine's state after the step (`iomapspec trace`'s lines as fields).
    public struct State: Codable, Equatable, Sendable {
        public var cache: String
        public var cow: String
        public var disk: String
        /// Kernel functions the step called, in order (only in `trace --format json`).
        public var events: [String]?
        public var extents: String
        public var file: String
        public var iomap: String
        public var range: String
        public var reserved: Int
        public var seq: String
        public var size: Int
        public var status: String
    }

    public var action: String
    public var actor: String
    public var checks: [Check]
    public var label: String
    public var passed: Bool
    public var position: RunJSON.Position
    public var state: State
    public var unexpectedViolations: [String]

    /// The JSON of `s`; `events` keeps the kernel calls.
    init(_ s: StepResult, events: Bool) {
        let n = s.snapshot
        action = s.action
        actor = s.actor
        checks = s.checks.map { Check(actual: $0.actual, expected: $0.expected, passed: $0.passed, position: RunJSON.Position($0.location), text: $0.text) }
        label = s.label
        passed = s.passed
        position = RunJSON.Position(s.location)
        state = State(cache: n.cache, cow: n.cow, disk: n.disk, events: events ? n.events : nil, extents: n.extents, file: n.file,
                      iomap: n.iomap, range: n.range, reserved: n.reserved, seq: n.seq, size: n.size, status: n.status)
        unexpectedViolations = s.unexpectedViolations
    }
}
