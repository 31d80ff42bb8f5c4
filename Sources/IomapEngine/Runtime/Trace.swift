// MARK: - TraceEvent

/// One entry of a machine's trace: an operation boundary, a kernel function entry, a pause, a lock event or a violation.
public struct TraceEvent: Hashable, CustomStringConvertible {
    /// What happened.
    public enum Kind: String, Hashable {
        /// An operation started (name = operation description).
        case start
        /// An operation finished (name = operation name, detail = result).
        case end
        /// A kernel function was entered (name = function).
        case call
        /// A pause point was passed (name = point, pos).
        case pause
        /// A lock was taken (name = lock, detail = mode).
        case lock
        /// A lock was released (name = lock).
        case unlock
        /// The actor could not take a lock and gave control back (name = lock, detail = holder).
        case blocked
        /// An invariant violation was recorded (name = invariant, detail = what).
        case violation
    }

    /// Position in `Machine.trace`.
    public var index: Int
    /// The actor that ran the step ("-" for the harness).
    public var actor: String
    public var kind: Kind
    public var name: String
    public var pos: Int?
    public var detail: String

    public init(index: Int, actor: String, kind: Kind, name: String, pos: Int? = nil, detail: String = "") {
        self.index = index
        self.actor = actor
        self.kind = kind
        self.name = name
        self.pos = pos
        self.detail = detail
    }

    /// One line: `12 W call iomap_write_begin`, `13 W pause folio_locked @36864`.
    public var description: String {
        var s = "\(index) \(actor) \(kind.rawValue) \(name)"
        if let p = pos { s += " @\(p)" }
        if !detail.isEmpty { s += " " + detail }
        return s
    }
}

// MARK: - Call counts

extension Machine {
    /// Number of `call` events for `function` at trace index `from` or later.
    public func callCount(_ function: String, since from: Int = 0) -> Int {
        var n = 0
        for e in state.traceEvents[min(from, state.traceEvents.count)...] where e.kind == .call && e.name == function { n += 1 }
        return n
    }
}
