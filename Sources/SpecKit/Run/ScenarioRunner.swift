import Foundation
import IomapEngine

// MARK: - Running a scenario against the engine

/// Runs a scenario once per variant (expect, then each `without` column) on a fresh `Machine`.
public enum ScenarioRunner {
    /// Runs every variant of `scenario` and checks every expectation cell.
    ///
    /// `check` is how much the engine checks after each micro-step (incremental by default; every run ends with a
    /// full sweep). `mutations` break the engine on purpose (the mutation check; none normally).
    public static func run(_ scenario: Scenario, check: InvariantCheck = .incremental,
                           mutations: Set<EngineMutation> = []) -> ScenarioResult {
        let range = pictureRange(scenario)
        let variants = scenario.variantNames.indices.map { v in
            runVariant(scenario, variant: v, off: switchesFlipped(scenario, variant: v), range: range, check: check,
                       mutations: mutations)
        }
        let reverted = scenario.bugColumns.map {
            revertedRed(scenario, column: $0, range: range, check: check, mutations: mutations)
        }
        return ScenarioResult(id: scenario.id, location: scenario.location, tags: scenario.settings.tags,
                              variants: variants, revertedRed: reverted)
    }

    /// The switches flipped from the series in run `variant`: the scenario's `patches=` plus the column's switch.
    ///
    /// A switch on in 6.2 is turned off (`without`); a later fix is turned on (`with`).
    static func switchesFlipped(_ s: Scenario, variant v: Int) -> [Patch] {
        v > 0 ? s.settings.flipped + [s.switchColumns[v - 1]] : s.settings.flipped
    }

    /// The engine's switch set for the flipped switches `off`.
    static func patchSet(_ off: [Patch]) -> PatchSet {
        PatchSet.series.without(off.filter(\.isOnIn62)).with(off.filter { !$0.isOnIn62 })
    }

    /// `series`, or `-name,+name` in the order they were flipped.
    static func patchesText(_ off: [Patch]) -> String {
        off.isEmpty ? "series" : off.map(SwitchColumn.flag).joined(separator: ",")
    }

    /// Runs the actions with bug column `v`'s switch reverted and checks the `expect` column's cells.
    ///
    /// A separate run (not extra checks on the `without` run): a check such as `seek` enters kernel code and adds
    /// trace events, so checking two columns on one machine could change what the second column sees.
    static func revertedRed(_ s: Scenario, column v: Int, range: ByteRange, check: InvariantCheck = .incremental,
                            mutations: Set<EngineMutation> = []) -> RevertedRedResult {
        let run = runVariant(s, variant: v, off: switchesFlipped(s, variant: v), range: range, column: 0, check: check,
                             mutations: mutations)
        return RevertedRedResult(id: s.id, location: s.location, patch: s.switchColumns[v - 1], run: run)
    }

    /// The byte range pictures show: from 0 to the furthest offset any row names, in whole blocks (at most 256).
    static func pictureRange(_ s: Scenario) -> ByteRange {
        let bs = s.settings.blockSize
        var reach = bs
        for step in s.steps {
            reach = max(reach, step.action.reach)
            for e in step.cells.flatMap(\.expectations) { reach = max(reach, self.reach(e.kind)) }
        }
        return ByteRange(start: 0, end: min(roundUp(reach, bs), 256 * bs))
    }

    /// Highest byte an expectation names (0 for those that name no range).
    static func reach(_ k: ExpectationKind) -> Int {
        switch k {
        case .file(let o, let l, _), .disk(let o, let l, _), .cache(let o, let l, _), .extents(_, let o, let l, _),
             .folios(let o, let l, _):
            return o + l
        case .size(let n): return n
        default: return 0
        }
    }

    // MARK: One variant

    /// Runs the actions with the switches `off` and checks column `column` (default: the variant's own).
    static func runVariant(_ s: Scenario, variant: Int, off: [Patch], range: ByteRange, column: Int? = nil,
                           check: InvariantCheck = .incremental, mutations: Set<EngineMutation> = []) -> VariantResult {
        let column = column ?? variant
        let name = column == variant ? s.variantNames[variant] : "\(s.variantNames[column]) under \(s.variantNames[variant])"
        var config = EngineConfig(blockSize: s.settings.blockSize, folioSize: s.settings.folioSize,
                                  patches: patchSet(off))
        config.mutations = mutations
        var devicePath: String?
        var device: BlockDevice?
        if s.settings.device == .file {
            let path = deviceFile(s, variant: variant)
            do { device = try FileBlockDevice(path: path, sizeBytes: config.geometry.deviceBytes) } catch {
                return deviceFailure(s, name: name, off: off, path: path, error: error)
            }
            devicePath = path
        }
        let m = Machine(config: config, device: device)
        m.invariantCheck = check
        defer {
            m.abandonActors()
            if let p = devicePath { try? FileManager.default.removeItem(atPath: p) }
        }
        var steps = s.steps.map { runStep($0, on: m, column: column, range: range) }
        // The final sweep: a violation no micro-step's check saw counts against the last row.
        let before = m.violations.count
        m.sweepInvariants()
        if m.violations.count > before, !steps.isEmpty {
            steps[steps.count - 1].unexpectedViolations += m.violations[before...].map { "\($0.name): \($0.detail)" }
        }
        return VariantResult(name: name, patches: patchesText(off), steps: steps)
    }

    /// A temporary image path for a `device=file` run.
    static func deviceFile(_ s: Scenario, variant: Int) -> String {
        let safe = s.id.map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return NSTemporaryDirectory() + "/iomapspec-\(getpid())-\(String(safe))-\(variant).img"
    }

    /// No silent fallback to memory: a file device that cannot be opened fails the run at the scenario's fence.
    static func deviceFailure(_ s: Scenario, name: String, off: [Patch], path: String, error: Error) -> VariantResult {
        let check = CheckResult(text: "device=file", location: s.location, expected: "a file block device at \(path)",
                                actual: "open failed: \(error)", passed: false)
        let snap = StepSnapshot(status: "not run", range: "", cache: "", extents: "", cow: "", disk: "", file: "",
                                size: 0, seq: "", reserved: 0, iomap: "", events: [])
        return VariantResult(name: name, patches: patchesText(off),
                             steps: [StepResult(label: "-", location: s.location, actor: "-", action: "device=file",
                                                checks: [check], unexpectedViolations: [], snapshot: snap)])
    }

    // MARK: One step

    /// Runs one row's action and checks its cell in `column`.
    static func runStep(_ step: Step, on m: Machine, column: Int, range: ByteRange) -> StepResult {
        let traceStart = m.trace.count
        let violStart = m.violations.count
        let status = perform(step, on: m)
        let cell = step.cells[column]
        let newViolations = Array(m.violations[min(violStart, m.violations.count)...])
        let context = CheckContext(machine: m, status: status, actor: step.actor, traceStart: traceStart,
                                   violations: newViolations)
        let checks = cell.expectations.map { context.check($0) } + untilCheck(step, cell: cell, status: status)
        let named = Set(cell.expectations.flatMap { e -> [String] in
            if case .violation(let names) = e.kind { return names }
            return []
        })
        let unexpected = newViolations.filter { !named.contains($0.name) }.map { "\($0.name): \($0.detail)" }
        let events = m.trace.count > traceStart ? m.trace[traceStart...].map(\.description) : []
        return StepResult(label: step.label, location: step.location, actor: step.actor, action: step.actionText,
                          checks: checks, unexpectedViolations: unexpected,
                          snapshot: snapshot(m, status: status, actor: step.actor, range: range, events: events))
    }

    /// A row with `until=POINT` whose operation finished without reaching POINT fails, unless the cell says `done`.
    ///
    /// Without this the row would pass as `done` and the rows after it would test a race that never happened.
    /// A cell that expects `done` states that the point is not reached in this variant (a reverted patch can
    /// take another path), so it is checked as written.
    static func untilCheck(_ step: Step, cell: ExpectationCell, status: ActorStatus) -> [CheckResult] {
        guard let until = step.action.until, case .done = status,
              !cell.expectations.contains(where: { $0.kind == .done }) else { return [] }
        return [CheckResult(text: "until=\(until)", location: step.action.location, expected: "paused=\(until)",
                            actual: CheckContext.statusText(status) + " (the operation never reached \(until))", passed: false)]
    }

    /// Hands the row's action to the engine: synchronously for the harness, else on the actor's thread.
    static func perform(_ step: Step, on m: Machine) -> ActorStatus {
        switch step.action.kind {
        case .operation(let op) where step.isHarness: return .done(m.perform(op))
        case .operation(let op): return m.start(actor: step.actor, op, until: step.action.until)
        case .continue: return m.resume(actor: step.actor, until: step.action.until)
        }
    }

    // MARK: Snapshots

    static func snapshot(_ m: Machine, status: ActorStatus, actor: String, range: ByteRange, events: [String]) -> StepSnapshot {
        let seq = ForkKind.allCases.map { "\($0.rawValue)=\(m.sequence($0))" }.joined(separator: " ")
        return StepSnapshot(
            status: CheckContext.statusText(status), range: "\(formatSize(range.start))+\(formatSize(range.length))",
            cache: m.cachePicture(range), extents: m.extentPicture(.data, range), cow: m.extentPicture(.cow, range),
            disk: Content(runs: m.diskContentRuns(range)).description,
            file: Content(runs: m.fileContentRuns(ByteRange(start: 0, end: min(range.end, max(m.fileSize, 0))))).description,
            size: m.fileSize, seq: seq, reserved: m.reservedBlocks,
            iomap: actor == "-" ? "" : (EngineBridge.iomap(m, actor: actor)?.description ?? "none"), events: events,
            folioStarts: m.folios(in: range).map(\.pos).filter { $0 >= range.start && $0 < range.end })
    }
}
