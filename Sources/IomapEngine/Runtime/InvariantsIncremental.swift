// MARK: - InvariantCheck

/// How much the machine checks after each micro-step (pause point, lock operation, operation end).
/// Spec: (spec: overview/fidelity)
public enum InvariantCheck: String, CaseIterable, Sendable {
    /// Nothing is checked (lock rules neither).
    case off
    /// What the micro-step touched; the whole state while a violation persists (the default).
    case incremental
    /// The whole page cache and extent map every time (`--check full`).
    case full
}

// MARK: - CheckSite

/// Where a check runs: the micro-step, rendered as the violation's location only when one is recorded.
public enum CheckSite: CustomStringConvertible, ExpressibleByStringLiteral, Sendable {
    /// A pause point (`folio_locked`).
    case pause(PausePoint)
    /// After taking a lock (`lock folio@0`).
    case lock(LockName)
    /// After releasing a lock (`unlock ILOCK`).
    case unlock(LockName)
    /// At the end of an operation (`end of pwrite`).
    case end(String)
    /// Any other place (`test`).
    case named(String)

    public init(stringLiteral value: String) { self = .named(value) }

    public var description: String {
        switch self {
        case let .pause(p): return p.rawValue
        case let .lock(l): return "lock \(l)"
        case let .unlock(l): return "unlock \(l)"
        case let .end(op): return "end of \(op)"
        case let .named(s): return s
        }
    }
}

// MARK: - InvariantChecker

/// What the checks remember between micro-steps.
final class InvariantChecker {
    var mode: InvariantCheck = .incremental
    /// Highest sequence number seen per fork (the `sequence-backwards` invariant).
    var lastSeq = PerFork<UInt32?>(nil)
    /// `i_size` at the last check: a dirty block it passes over may now need backing.
    var lastSize = 0
    /// Each fork's `if_seq` at the last check: unchanged means no primitive edited the fork since.
    var seenSeq = PerFork<UInt32>(0)
    /// Reserved blocks at the last check.
    var lastReserved = 0
    /// The last check found a violation: check everything until a check finds none (violations are reported at
    /// every micro-step they persist through, exactly as a full check at each reports them).
    var broken = false
    /// Where the last check ran (the sweep reports there).
    var lastSite: CheckSite?
}

// MARK: - PerFork

/// One value per fork, without hashing (checked at every micro-step).
struct PerFork<Value> {
    private var values: [Value]
    init(_ value: Value) { values = Array(repeating: value, count: ForkKind.allCases.count) }
    subscript(_ k: ForkKind) -> Value {
        get { values[k.index] }
        set { values[k.index] = newValue }
    }
}

extension ForkKind {
    /// `allCases`, built once (the synthesized property makes a new array per call).
    static let all = allCases
    /// Position in `allCases`.
    var index: Int {
        switch self {
        case .data: return 0
        case .cow: return 1
        case .attr: return 2
        }
    }
}

// MARK: - Checking

extension Machine {
    /// How much is checked after each micro-step; `.incremental` by default.
    public var invariantCheck: InvariantCheck {
        get { state.invariantChecking ? checker.mode : .off }
        set {
            checker.mode = newValue
            state.invariantChecking = newValue != .off
            let recording = newValue == .incremental
            mapping.changes.isRecording = recording
            _ = mapping.changes.take()
            for k in ForkKind.all {
                ip.fork(k).changes.isRecording = recording
                _ = ip.fork(k).changes.takeRanges()
            }
            checker.lastSize = ip.i_size
        }
    }

    /// Checks the state invariants after a micro-step (lock rules are checked where locks are taken).
    ///
    /// Incremental: only what changed since the last check is examined (the folios whose state changed, the
    /// cached folios over extents the primitives unmapped or remapped and over the range `i_size` moved across, the
    /// edited extent records, the running delalloc counts and the sequence counters). When that finds a broken
    /// rule, or the last check found one, the full check runs and records, so every violation is reported at the
    /// same micro-steps and with the same detail as a full check at every step would report it.
    /// Spec: (spec: overview/fidelity), (spec: validity-cookies/fidelity-notes)
    func checkStateInvariants(at site: CheckSite) {
        checker.lastSite = site
        switch checker.mode {
        case .off: return
        case .full: checker.broken = checkAllStateInvariants(at: site.description)
        case .incremental:
            let touchedBreaks = touchedStateViolates()
            if checker.broken || touchedBreaks { checker.broken = checkAllStateInvariants(at: site.description) }
        }
    }

    /// Runs the full check where the last micro-step's check ran (the end of a scenario or replay, `--check full`).
    ///
    /// Catches what no change record shows (a state edited while checks were off); a violation already reported
    /// there is not reported twice.
    public func sweepInvariants() {
        guard checker.mode != .off else { return }
        checker.broken = checkAllStateInvariants(at: (checker.lastSite ?? "final sweep").description)
        _ = mapping.changes.take()
        for k in ForkKind.all { _ = ip.fork(k).changes.takeRanges() }
        checker.lastSize = ip.i_size
    }

    /// True when what changed since the last check breaks a state rule (consumes the change records).
    func touchedStateViolates() -> Bool {
        // Nothing changed since the last check (most lock and unlock steps): nothing can have broken.
        let reserved = mount.allocator.reservedBlocks
        if ip.i_df.seq == checker.seenSeq[.data] && ip.i_cowfp.seq == checker.seenSeq[.cow]
            && ip.i_af.seq == checker.seenSeq[.attr] && reserved == checker.lastReserved
            && ip.i_size == checker.lastSize && mapping.changes.folios.isEmpty {
            return false
        }
        checker.lastReserved = reserved
        var bad = false
        var ranges: [ByteRange] = []
        for k in ForkKind.all {
            let fork = ip.fork(k)
            if fork.changes.orderSuspect { bad = true }
            let s = fork.seq
            checker.seenSeq[k] = s
            if let last = checker.lastSeq[k], s < last { bad = true } else { checker.lastSeq[k] = s }
            let unmapped = fork.changes.takeRanges()
            if k != .attr {
                for r in unmapped {
                    ranges.append(ByteRange(start: geometry.XFS_FSB_TO_B(r.start), end: geometry.XFS_FSB_TO_B(r.end)))
                }
            }
        }
        if ip.i_df.delallocBlocks + ip.i_cowfp.delallocBlocks + ip.i_af.delallocBlocks != mount.allocator.reservedBlocks {
            bad = true
        }
        let size = ip.i_size
        if size != checker.lastSize {
            ranges.append(ByteRange(start: min(size, checker.lastSize), end: max(size, checker.lastSize)))
            checker.lastSize = size
        }
        let report: (Invariant, () -> String) -> Void = { _, _ in bad = true }
        for f in mapping.changes.take() where f.dirty && mapping.folio(containing: f.pos) === f {
            checkDirtyFolio(f, report)
        }
        for r in ranges where !r.isEmpty {
            for f in mapping.folios(in: r) { checkDirtyFolio(f, report) }
        }
        return bad
    }
}

// MARK: - State capture (explorer)

extension InvariantChecker {
    /// Model only: makes what the checks remember `other`'s.
    func copyState(from other: InvariantChecker) {
        mode = other.mode
        lastSeq = other.lastSeq
        lastSize = other.lastSize
        seenSeq = other.seenSeq
        lastReserved = other.lastReserved
        broken = other.broken
        lastSite = other.lastSite
    }
}
