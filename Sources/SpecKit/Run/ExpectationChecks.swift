import IomapEngine

// MARK: - Checking one expectation against the engine after a step

/// What a step left behind: the machine, the actor's status, where the step's trace and violations start.
struct CheckContext {
    let machine: Machine
    let status: ActorStatus
    let actor: String
    let traceStart: Int
    let violations: [InvariantViolation]

    /// Checks `e`; expected and actual are written in the grammar so a failure reads like the spec.
    func check(_ e: Expectation) -> CheckResult {
        let (expected, actual, passed) = compare(e.kind)
        return CheckResult(text: e.text, location: e.location, expected: expected, actual: actual, passed: passed)
    }

    /// (expected, actual, passed) for one expectation kind.
    func compare(_ kind: ExpectationKind) -> (String, String, Bool) {
        switch kind {
        case .done, .paused, .blocked, .ret, .got: return actorState(kind)
        case .file, .disk, .cache, .extents, .folios: return rangeState(kind)
        default: return engineState(kind)
        }
    }

    /// `file`, `disk`, `cache`, `extents`/`cow`, `folios`: the state of a byte range.
    func rangeState(_ kind: ExpectationKind) -> (String, String, Bool) {
        let m = machine
        switch kind {
        case .file(let o, let l, let c):
            return content("file", o, l, c, Content(runs: m.fileContentRuns(ByteRange(offset: o, length: l))))
        case .disk(let o, let l, let c):
            return content("disk", o, l, c, Content(runs: m.diskContentRuns(ByteRange(offset: o, length: l))))
        case .cache(let o, let l, let p):
            return same("cache \(formatSize(o)) \(formatSize(l)) = ", p, m.cachePicture(ByteRange(offset: o, length: l)))
        case .extents(let fork, let o, let l, let p):
            let word = fork == .data ? "extents" : fork.rawValue
            return same("\(word) \(formatSize(o)) \(formatSize(l)) = ", p, m.extentPicture(fork, ByteRange(offset: o, length: l)))
        case .folios(let o, let l, let list):
            let got = m.folios(in: ByteRange(offset: o, length: l)).map { FolioExtent(pos: $0.pos, size: $0.size) }
            let text: ([FolioExtent]) -> String = { $0.isEmpty ? "none" : $0.map(\.description).joined(separator: " ") }
            return same("folios \(formatSize(o)) \(formatSize(l)) = ", text(list), text(got))
        default:
            return engineState(kind)
        }
    }

    /// `size`, `seq`, `reserved`, `iomap`, `violation`, `calls`, `seek`: counters and state of the whole file.
    func engineState(_ kind: ExpectationKind) -> (String, String, Bool) {
        let m = machine
        switch kind {
        case .size(let n):
            return ("size=\(formatSize(n))", "size=\(formatSize(m.fileSize))", m.fileSize == n)
        case .seq(let forks):
            let order = ForkKind.allCases.filter { forks[$0] != nil }
            let want = order.map { "\($0.rawValue)=\(forks[$0] ?? 0)" }.joined(separator: " ")
            let got = order.map { "\($0.rawValue)=\(m.sequence($0))" }.joined(separator: " ")
            return same("seq ", want, got)
        case .reserved(let n):
            return ("reserved=\(n)", "reserved=\(m.reservedBlocks)", m.reservedBlocks == n)
        case .iomap(let want):
            let got = EngineBridge.iomap(m, actor: actor)
            return same("iomap = ", want?.description ?? "none", got?.description ?? "none")
        case .violation(let names):
            let seen = Set(violations.map(\.name))
            let got = seen.isEmpty ? "none" : seen.sorted().joined(separator: ",")
            return ("violation=" + names.joined(separator: ","), "violation=" + got, names.allSatisfy(seen.contains))
        case .calls(let fn, let n):
            let got = m.callCount(fn, since: traceStart)
            return ("calls \(fn)=\(n)", "calls \(fn)=\(got)", got == n)
        case .seek(let o, let data, let hole):
            let fmt: (Int?, Int?) -> String = { "seek \(formatSize(o)) = \($0.map(formatSize) ?? "ENXIO") \($1.map(formatSize) ?? "ENXIO")" }
            let got = EngineBridge.seek(m, o)
            // SEEK_HOLE at or past EOF returns -ENXIO, not an offset.
            let gotHole = got.hole < 0 ? nil : got.hole
            return (fmt(data, hole), fmt(got.data, gotHole), got.data == data && gotHole == hole)
        default:
            return actorState(kind)
        }
    }

    /// `done`, `paused=`, `blocked=`, `ret=`, `got=`: what the actor's operation did.
    func actorState(_ kind: ExpectationKind) -> (String, String, Bool) {
        let now = Self.statusText(status)
        switch (kind, status) {
        case (.done, .done):
            return ("done", now, true)
        case (.paused(let want), .paused(let p, let at)):
            return ("paused=\(want)", now, want.matches(p, pos: at))
        case (.blocked(let lock), .blocked(let l)):
            return ("blocked=\(lock)", "blocked=\(l)", l == lock)
        case (.ret(let n), .done(let r)):
            let actual = r.error.map { -$0 } ?? r.value
            return (Self.expectedRet(n), Self.retText(r), actual == n)
        case (.got(let c), .done(let r)):
            let got = Content(bytes: r.data.map { Optional($0) })
            return ("got=\(c)", "got=\(got)", got == c)
        default:
            return (Self.expectedText(kind), now, false)
        }
    }

    /// The expected side of an actor-state expectation the status cannot satisfy.
    static func expectedText(_ kind: ExpectationKind) -> String {
        switch kind {
        case .paused(let t): return "paused=\(t)"
        case .blocked(let l): return "blocked=\(l)"
        case .ret(let n): return expectedRet(n)
        case .got(let c): return "got=\(c)"
        default: return "done"
        }
    }

    /// `PREFIX want` against `PREFIX got`, passing when they are the same text.
    func same(_ prefix: String, _ want: String, _ got: String) -> (String, String, Bool) {
        (prefix + want, prefix + got, want == got)
    }

    /// `file OFF LEN = CONTENT` / `disk ...`.
    func content(_ word: String, _ o: Int, _ l: Int, _ want: Content, _ got: Content) -> (String, String, Bool) {
        let p = "\(word) \(formatSize(o)) \(formatSize(l)) = "
        return (p + want.description, p + got.description, got == want)
    }

    // MARK: Status text

    static func statusText(_ s: ActorStatus) -> String {
        switch s {
        case .done(let r): return "done, " + retText(r)
        case .paused(let p, let pos): return "paused=\(p.rawValue)@\(formatSize(pos))"
        case .blocked(let l): return "blocked=\(l)"
        case .idle: return "idle"
        }
    }

    static func retText(_ r: OperationResult) -> String {
        if let e = r.error { return "ret=-\(e.name)" }
        return "ret=\(r.value)"
    }

    /// `ret=-EIO` for a known errno, else `ret=N`.
    static func expectedRet(_ n: Int) -> String {
        if n < 0, let raw = Int32(exactly: -n), let e = Errno(rawValue: raw) { return "ret=-\(e.name)" }
        return "ret=\(n)"
    }
}
