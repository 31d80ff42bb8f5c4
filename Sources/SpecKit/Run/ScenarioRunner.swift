import Foundation
import IomapEngine

// MARK: - Running a scenario against the engine

/// Runs a scenario once per variant (expect, then each `without` column) on a fresh `Machine`.
public enum ScenarioRunner {
    /// Runs every variant of `scenario` and checks every expectation cell.
    public static func run(_ scenario: Scenario) -> ScenarioResult {
        let range = pictureRange(scenario)
        var variants: [VariantResult] = []
        var reverted: [RevertedRedResult] = []
        for v in 0..<scenario.variantNames.count {
            variants.append(runVariant(scenario, variant: v, off: patchesOff(scenario, variant: v), range: range))
        }
        for v in scenario.bugColumns {
            reverted.append(revertedRed(scenario, column: v, range: range))
        }
        return ScenarioResult(id: scenario.id, location: scenario.location, tags: scenario.settings.tags,
                              variants: variants, revertedRed: reverted)
    }

    /// The switches off in run `variant`: the scenario's `patches=` plus, for a `without` column, its switch.
    static func patchesOff(_ s: Scenario, variant v: Int) -> [String] {
        v > 0 ? s.settings.patchesOff + [s.without[v - 1]] : s.settings.patchesOff
    }

    /// Runs the actions with bug column `v`'s switch reverted and checks the `expect` column's cells.
    ///
    /// A separate run (not extra checks on the `without` run): a check such as `seek` enters kernel code and adds
    /// trace events, so checking two columns on one machine could change what the second column sees.
    static func revertedRed(_ s: Scenario, column v: Int, range: ByteRange) -> RevertedRedResult {
        let run = runVariant(s, variant: v, off: patchesOff(s, variant: v), range: range, column: 0)
        return RevertedRedResult(id: s.id, location: s.location, patch: s.without[v - 1], run: run)
    }

    /// The byte range pictures show: from 0 to the furthest offset any row names, in whole blocks (at most 256).
    static func pictureRange(_ s: Scenario) -> ByteRange {
        let bs = s.settings.blockSize
        var reach = bs
        for step in s.steps {
            reach = max(reach, step.action.kind.reach)
            for cell in step.cells {
                for e in cell.expectations {
                    switch e.kind {
                    case .file(let o, let l, _), .disk(let o, let l, _), .cache(let o, let l, _),
                         .extents(let o, let l, _), .cow(let o, let l, _), .folios(let o, let l, _):
                        reach = max(reach, o + l)
                    case .size(let n): reach = max(reach, n)
                    default: break
                    }
                }
            }
        }
        let end = min(roundUp(reach, bs), 256 * bs)
        return ByteRange(start: 0, end: end)
    }

    /// Runs the actions with the switches `off` and checks column `column` (default: the variant's own).
    static func runVariant(_ s: Scenario, variant: Int, off: [String], range: ByteRange, column: Int? = nil) -> VariantResult {
        let column = column ?? variant
        let name = column == variant ? s.variantNames[variant] : "\(s.variantNames[column]) under \(s.variantNames[variant])"
        let patches = PatchSet.series.without(off.compactMap(Patch.init(rawValue:)))
        let config = EngineConfig(blockSize: s.settings.blockSize, folioSize: s.settings.folioSize, patches: patches)
        var devicePath: String?
        var device: BlockDevice?
        if s.settings.device == .file {
            let safe = s.id.map { $0.isLetter || $0.isNumber ? $0 : "_" }
            let path = NSTemporaryDirectory() + "/iomapspec-\(getpid())-\(String(safe))-\(variant).img"
            devicePath = path
            do { device = try FileBlockDevice(path: path, sizeBytes: config.geometry.deviceBytes) } catch {
                // No silent fallback to memory: the run fails at the scenario's fence.
                let check = CheckResult(text: "device=file", location: s.location, expected: "a file block device at \(path)",
                                        actual: "open failed: \(error)", passed: false)
                let snap = StepSnapshot(status: "not run", range: "", cache: "", extents: "", cow: "", disk: "", file: "",
                                        size: 0, seq: "", reserved: 0, iomap: "", events: [])
                return VariantResult(name: name, patches: off.isEmpty ? "series" : off.map { "-" + $0 }.joined(separator: ","),
                                     steps: [StepResult(label: "-", location: s.location, actor: "-", action: "device=file",
                                                        checks: [check], unexpectedViolations: [], snapshot: snap)])
            }
        }
        let m = Machine(config: config, device: device)
        defer {
            m.abandonActors()
            if let p = devicePath { try? FileManager.default.removeItem(atPath: p) }
        }
        let patchText = off.isEmpty ? "series" : off.map { "-" + $0 }.joined(separator: ",")
        var steps: [StepResult] = []
        var running: [String: ActionKind] = [:]
        for step in s.steps {
            let traceStart = m.trace.count
            let violStart = m.violations.count
            let status: ActorStatus
            let until = step.action.until.map { PauseTarget(point: PausePoint(rawValue: $0.point)!, pos: $0.pos) }
            if step.isHarness {
                status = .done(m.perform(operation(step.action.kind)))
            } else if step.action.kind == .continue {
                status = m.resume(actor: step.actor, until: until)
            } else {
                running[step.actor] = step.action.kind
                status = m.start(actor: step.actor, operation(step.action.kind), until: until)
            }
            let cell = step.cells[column]
            let newViolations = Array(m.violations[min(violStart, m.violations.count)...])
            var checks: [CheckResult] = []
            var named: Set<String> = []
            for e in cell.expectations {
                if case .violation(let names) = e.kind { named.formUnion(names) }
                checks.append(check(e, m: m, status: status, actor: step.actor, traceStart: traceStart, violations: newViolations))
            }
            let unexpected = newViolations.filter { !named.contains($0.name) }.map { "\($0.name): \($0.detail)" }
            let events = m.trace.count > traceStart ? m.trace[traceStart...].map(\.description) : []
            steps.append(StepResult(label: step.label, location: step.location, actor: step.actor, action: step.actionText,
                                    checks: checks, unexpectedViolations: unexpected,
                                    snapshot: snapshot(m, status: status, actor: step.actor, range: range, events: events)))
        }
        return VariantResult(name: name, patches: patchText, steps: steps)
    }

    /// Maps an action to the engine's `Operation`.
    static func operation(_ k: ActionKind) -> IomapEngine.Operation {
        switch k {
        case .pwrite(let o, let l, let d, let e): return .pwrite(offset: o, data: [UInt8](repeating: d, count: l), efaultAfter: e)
        case .pread(let o, let l): return .pread(offset: o, length: l)
        case .store(let o, let l, let d): return .mmapStore(offset: o, data: [UInt8](repeating: d, count: l))
        case .load(let o, let l): return .mmapLoad(offset: o, length: l)
        case .truncate(let s): return .truncate(size: s)
        case .fallocate(let o, let l, let k): return .fallocate(offset: o, length: l, keepSize: k)
        case .punchHole(let o, let l): return .punchHole(offset: o, length: l)
        case .zeroRange(let o, let l, let k): return .zeroRange(offset: o, length: l, keepSize: k)
        case .fsync: return .fsync
        case .writeback(let o, let l): return .writeback(offset: o, length: l)
        case .reclaim(let o, let l): return .reclaim(offset: o, length: l)
        case .readahead(let o, let l): return .readahead(offset: o, length: l)
        case .errortag(let t, let v): return .errortagSet(tag: t, value: v)
        case .failIO(let o, let l): return .failIO(offset: o, length: l)
        case .failMap(let o, let l): return .failMap(offset: o, length: l)
        case .continue: fatalError("continue is not an operation")
        }
    }

    // MARK: Checking one expectation

    static func statusText(_ s: ActorStatus) -> String {
        switch s {
        case .done(let r): return "done, " + retText(r)
        case .paused(let p, let pos): return "paused=\(p.rawValue)@\(sizeText(pos))"
        case .blocked(let l): return "blocked=\(l)"
        case .idle: return "idle"
        }
    }

    static func retText(_ r: OperationResult) -> String {
        if let e = r.error { return "ret=-\(e.name)" }
        return "ret=\(r.value)"
    }

    static func expectedRet(_ n: Int) -> String {
        if n < 0, let name = Vocabulary.errnos.first(where: { $0.value == -n })?.key { return "ret=-\(name)" }
        return "ret=\(n)"
    }

    static func check(_ e: Expectation, m: Machine, status: ActorStatus, actor: String, traceStart: Int,
                      violations: [InvariantViolation]) -> CheckResult {
        func result(_ expected: String, _ actual: String, _ ok: Bool) -> CheckResult {
            CheckResult(text: e.text, location: e.location, expected: expected, actual: actual, passed: ok)
        }
        func compare(_ expected: String, _ actual: String) -> CheckResult { result(expected, actual, expected == actual) }
        switch e.kind {
        case .done:
            if case .done = status { return result("done", statusText(status), true) }
            return result("done", statusText(status), false)
        case .paused(let point, let pos):
            let want = "paused=\(point)" + (pos.map { "@\(sizeText($0))" } ?? "")
            if case .paused(let p, let at) = status, p.rawValue == point, pos == nil || pos == at {
                return result(want, statusText(status), true)
            }
            return result(want, statusText(status), false)
        case .blocked(let lock):
            let want = "blocked=\(lock)"
            if case .blocked(let l) = status { return result(want, "blocked=\(l)", l.description == lock) }
            return result(want, statusText(status), false)
        case .ret(let n):
            guard case .done(let r) = status else { return result(expectedRet(n), statusText(status), false) }
            let actual = r.error.map { -Int($0.rawValue) } ?? r.value
            return result(expectedRet(n), retText(r), actual == n)
        case .got(let c):
            guard case .done(let r) = status else { return result("got=\(c)", statusText(status), false) }
            let got = Content(bytes: r.data.map { Optional($0) })
            return result("got=\(c)", "got=\(got)", got == c)
        case .file(let o, let l, let c):
            let got = Content(bytes: m.fileContent(ByteRange(offset: o, length: l)).map { Optional($0) })
            let p = "file \(sizeText(o)) \(sizeText(l)) = "
            return result(p + c.description, p + got.description, got == c)
        case .disk(let o, let l, let c):
            let got = Content(bytes: m.diskContent(ByteRange(offset: o, length: l)))
            let p = "disk \(sizeText(o)) \(sizeText(l)) = "
            return result(p + c.description, p + got.description, got == c)
        case .cache(let o, let l, let p):
            let h = "cache \(sizeText(o)) \(sizeText(l)) = "
            return compare(h + p, h + m.cachePicture(ByteRange(offset: o, length: l)))
        case .extents(let o, let l, let p):
            let h = "extents \(sizeText(o)) \(sizeText(l)) = "
            return compare(h + p, h + m.extentPicture(.data, ByteRange(offset: o, length: l)))
        case .cow(let o, let l, let p):
            let h = "cow \(sizeText(o)) \(sizeText(l)) = "
            return compare(h + p, h + m.extentPicture(.cow, ByteRange(offset: o, length: l)))
        case .folios(let o, let l, let list):
            let got = m.folios(in: ByteRange(offset: o, length: l)).map { FolioExtent(pos: $0.pos, size: $0.size) }
            let text: ([FolioExtent]) -> String = { $0.isEmpty ? "none" : $0.map(\.description).joined(separator: " ") }
            let h = "folios \(sizeText(o)) \(sizeText(l)) = "
            return compare(h + text(list), h + text(got))
        case .size(let n):
            return result("size=\(sizeText(n))", "size=\(sizeText(m.fileSize))", m.fileSize == n)
        case .seq(let forks):
            let order = ["data", "cow", "attr"].filter { forks[$0] != nil }
            let want = order.map { "\($0)=\(forks[$0]!)" }.joined(separator: " ")
            let got = order.map { "\($0)=\(m.sequence(ForkKind(rawValue: $0)!))" }.joined(separator: " ")
            return compare("seq " + want, "seq " + got)
        case .reserved(let n):
            return result("reserved=\(n)", "reserved=\(m.reservedBlocks)", m.reservedBlocks == n)
        case .iomap(let want):
            let got = EngineBridge.iomap(m, actor: actor)
            return compare("iomap = " + (want?.description ?? "none"), "iomap = " + (got?.description ?? "none"))
        case .violation(let names):
            let seen = Set(violations.map(\.name))
            let got = seen.isEmpty ? "none" : seen.sorted().joined(separator: ",")
            return result("violation=" + names.joined(separator: ","), "violation=" + got, names.allSatisfy(seen.contains))
        case .calls(let fn, let n):
            let got = m.callCount(fn, since: traceStart)
            return result("calls \(fn)=\(n)", "calls \(fn)=\(got)", got == n)
        case .seek(let o, let data, let hole):
            let fmt: (Int?, Int) -> String = { "seek \(sizeText(o)) = \($0.map(sizeText) ?? "ENXIO") \(sizeText($1))" }
            guard let got = EngineBridge.seek(m, o) else { return result(fmt(data, hole), "(the engine has no seekData/seekHole yet)", false) }
            return result(fmt(data, hole), fmt(got.data, got.hole), got.data == data && got.hole == hole)
        }
    }

    // MARK: Snapshots

    static func snapshot(_ m: Machine, status: ActorStatus, actor: String, range: ByteRange, events: [String]) -> StepSnapshot {
        let seq = ForkKind.allCases.map { "\($0.rawValue)=\(m.sequence($0))" }.joined(separator: " ")
        return StepSnapshot(
            status: statusText(status), range: "\(sizeText(range.start))+\(sizeText(range.length))",
            cache: m.cachePicture(range), extents: m.extentPicture(.data, range), cow: m.extentPicture(.cow, range),
            disk: Content(bytes: m.diskContent(range)).description,
            file: Content(bytes: m.fileContent(ByteRange(start: 0, end: min(range.end, max(m.fileSize, 0)))).map { Optional($0) }).description,
            size: m.fileSize, seq: seq, reserved: m.reservedBlocks,
            iomap: actor == "-" ? "" : (EngineBridge.iomap(m, actor: actor)?.description ?? "none"), events: events)
    }
}
