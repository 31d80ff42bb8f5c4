import IomapEngine

// MARK: - Counterexamples: a violating schedule as a scenario table

/// Minimizes a violating schedule and prints it as a `scenario` block that `iomapspec run` accepts unchanged.
///
/// Fewest preemptions first (the search deepens its bound), then fewest steps; set-up and epilogue lines are
/// dropped while the reduced race still violates with the switch off and still explores clean with the series.
/// The table stops actors with `until=POINT@POS` and `continue` rows, so the search that feeds it preempts only
/// where a table can stop (pause points, operation ends); a lock taken or a folio's writeback waited on shows as
/// `blocked=`. Its `expect` column holds the block's properties on the last row; its `without` column records
/// what the reverted kernel did under that schedule, row by row. When the switch is a later fix that the block's
/// `patches=+FIX` turned on, the table is written against 6.2 instead: `expect` is what 6.2 did and `with FIX`
/// holds the properties. The block is then parsed and run like any scenario: it must pass both columns and its
/// `expect` column must go red with the switch flipped, else the next violating schedule is tried.
enum Counterexamples {
    /// The first verified counterexample among the violating schedules (shortest first), or the last tried.
    ///
    /// `patch` nil: a violation of the series itself (a finding); the table then has one column, what the series
    /// does under the schedule, and the lines are minimized while the series still violates.
    static func find(_ e: Exploration, patch: Patch?, found: ExploreResult,
                     overrides: ExploreRunner.Overrides) -> Counterexample? {
        let mutations = overrides.mutations
        let (setup, epilogue, removed) = minimizeLines(e, patch: patch, bound: found.violations[0].preemptions,
                                                       mutations: mutations)
        let p = ExploreRunner.program(e, off: patch.map { [$0] } ?? [], setup: setup, epilogue: epilogue,
                                      mutations: mutations)
        var noShard = overrides
        noShard.shard = nil
        noShard.pct = nil
        var candidates = ExploreRunner.explore(e, program: p, overrides: noShard, name: patch.map { "without \($0.rawValue)" } ?? "series",
                                               scenarioPointsOnly: true).violations
        if candidates.isEmpty { candidates = found.violations }
        var last: Counterexample?
        for v in candidates.prefix(8) {
            let cx = printed(e, patch: patch, schedule: v, setup: setup, epilogue: epilogue, removed: removed,
                             mutations: mutations)
            if cx.verified { return cx }
            last = cx
        }
        return last
    }

    // MARK: Minimizing the lines

    /// Drops set-up and epilogue lines one at a time while the race still violates reverted and stays clean with
    /// the series (a series finding, `patch` nil: while the series still violates).
    static func minimizeLines(_ e: Exploration, patch: Patch?, bound: Int,
                              mutations: Set<EngineMutation>) -> ([ExploreLine], [ExploreLine], [String]) {
        var setup = e.setup, epilogue = e.epilogue, removed: [String] = []
        func holds(_ s: [ExploreLine], _ ep: [ExploreLine]) -> Bool {
            let o = ExploreRunner.Overrides()
            let on = ExploreRunner.program(e, off: [], setup: s, epilogue: ep, mutations: mutations)
            let onClean = ExploreRunner.explore(e, program: on, overrides: o, name: "", preemptions: bound, stopAtFirst: true).clean
            guard let patch else { return !onClean }
            let off = ExploreRunner.program(e, off: [patch], setup: s, epilogue: ep, mutations: mutations)
            return onClean && !ExploreRunner.explore(e, program: off, overrides: o, name: "", preemptions: bound, stopAtFirst: true).clean
        }
        var i = setup.count - 1
        while i >= 0 {
            var s = setup
            s.remove(at: i)
            if holds(s, epilogue) { removed.append("setup " + setup[i].text); setup = s }
            i -= 1
        }
        i = epilogue.count - 1
        while i >= 0 {
            var ep = epilogue
            ep.remove(at: i)
            if holds(setup, ep) { removed.append("after " + epilogue[i].text); epilogue = ep }
            i -= 1
        }
        return (setup, epilogue, removed)
    }

    // MARK: Rows

    /// One row of the printed table: actor, action text, and its `without` cell once replayed.
    struct Row {
        var actor: String
        var action: String
        var operation: IomapEngine.Operation?
        var until: PauseTarget?
        var expect = ""
        var without = ""
    }

    /// The rows of schedule `v`: set-up, one row per stop of an actor, `continue` for unfinished actors, epilogue.
    static func rows(_ e: Exploration, schedule v: ViolatingSchedule, setup: [ExploreLine]) -> [Row] {
        var out = setup.map { Row(actor: "-", action: $0.text, operation: $0.operation) }
        var started = [Bool](repeating: false, count: e.actors.count)
        var opIndex = [Int](repeating: 0, count: e.actors.count)
        var i = 0
        let steps = v.steps
        while i < steps.count {
            let a = steps[i].actor
            var j = i
            // One row runs to the end of an operation, to a sleep, or to the last stop of this actor's turn.
            while j + 1 < steps.count, steps[j + 1].actor == a, !endsOperation(steps[j].end), !isSleep(steps[j].end) { j += 1 }
            let line = e.actors[a].lines[min(opIndex[a], e.actors[a].lines.count - 1)]
            func row(_ until: PauseTarget?) -> Row {
                let text = (started[a] ? "continue" : line.text) + (until.map { " until=\($0.point.rawValue)@\($0.pos ?? 0)" } ?? "")
                let r = Row(actor: e.actors[a].name, action: text, operation: started[a] ? nil : line.operation, until: until)
                started[a] = true
                return r
            }
            switch steps[j].end {
            case let .point(.pause(p, pos)) where j + 1 == steps.count || steps[j + 1].actor != a:
                let hits = steps[i...j].filter { $0.end == .point(.pause(p, pos: pos)) }.count
                for _ in 0..<hits { out.append(row(PauseTarget(point: p, pos: pos))) }
            case .point(.operationEnd), .done:
                out.append(row(nil))
                started[a] = false
                opIndex[a] += 1
            default:
                // A sleep, or the step that broke an invariant: run on without a pause point.
                if j + 1 == steps.count || steps[j + 1].actor != a || isSleep(steps[j].end) { out.append(row(nil)) }
            }
            i = j + 1
        }
        return out
    }

    static func endsOperation(_ end: StepEnd) -> Bool {
        switch end {
        case .point(.operationEnd), .done: return true
        default: return false
        }
    }

    static func isSleep(_ end: StepEnd) -> Bool {
        if case .blocked = end { return true }
        return false
    }

    // MARK: Printing and verifying

    /// Replays the rows on the series and with the switch off, prints the block, parses and runs it.
    ///
    /// Both columns record each row's status in that run (the schedule the rows drive differs where the patch
    /// changes the code path); an actor left unfinished in either run gets a `continue` row before the epilogue.
    static func printed(_ e: Exploration, patch: Patch?, schedule v: ViolatingSchedule, setup: [ExploreLine],
                        epilogue: [ExploreLine], removed: [String], mutations: Set<EngineMutation>) -> Counterexample {
        var rows = rows(e, schedule: v, setup: setup)
        // A series finding has one column: `off` is then the series too.
        let off = ExploreRunner.program(e, off: patch.map { [$0] } ?? [], setup: setup, epilogue: epilogue, mutations: mutations)
        let on = ExploreRunner.program(e, off: [], setup: setup, epilogue: epilogue, mutations: mutations)
        // The engine is deterministic, so for a finding one replay serves both.
        let oneColumn = patch == nil
        func unfinished(_ p: ExploreProgram) -> [String] {
            let m = replay(rows, p).1
            defer { m.abandonActors() }
            return m.unfinishedActors
        }
        let left = Set(unfinished(off) + (oneColumn ? [] : unfinished(on)))
        for a in e.actors.map(\.name) where left.contains(a) { rows.append(Row(actor: a, action: "continue")) }
        for l in epilogue { rows.append(Row(actor: "-", action: l.text, operation: l.operation)) }
        let (withoutCells, m) = replay(rows, off)
        var seriesCells = withoutCells
        if !oneColumn {
            let (cells, series) = replay(rows, on)
            series.abandonActors()
            seriesCells = cells
        }
        for i in rows.indices { rows[i].without = withoutCells[i]; rows[i].expect = seriesCells[i] }
        // The last row: the block's properties for the series, what the reverted run shows for the switch.
        let serial = e.linearizable == nil ? [] : ExploreRunner.serialOutcomes(on)
        var expect = e.properties.map(\.text)
        if let s = serial.first { expect += ["size=\(s.size)", "file 0 \(s.size) = \(s.content)"] }
        let ctx = CheckContext(machine: m, status: .idle, actor: "-", traceStart: m.trace.count, violations: [])
        var actual: [String] = []
        for x in e.properties { let c = ctx.check(x); if !c.passed { actual.append(c.actual) } }
        if let s = serial.first {
            actual += ["size=\(m.fileSize)"]
            let got = SerialOutcome.file(of: m)
            if got != s.content || m.fileSize != s.size { actual.append("file 0 \(m.fileSize) = \(got)") }
        }
        m.abandonActors()
        let lastRow = rows.count - 1
        rows[lastRow].expect = ([rows[lastRow].expect].filter { !$0.isEmpty } + expect).joined(separator: "; ")
        rows[lastRow].without = ([rows[lastRow].without].filter { !$0.isEmpty } + actual).joined(separator: "; ")
        let id = "\(e.id)/" + (patch.map { "counterexample-\($0.rawValue)" } ?? "finding")
        var info = "scenario \(id) bs=\(formatSize(e.settings.blockSize)) folio=\(formatSize(e.settings.folioSize))"
        // A later fix that the block's patches= turned on: the table is written against 6.2 (the fix left out of
        // patches=), so its expect column is what 6.2 does under the schedule and its 'with FIX' column the fix.
        let laterFix = patch.map { !$0.isOnIn62 } ?? false
        let flipped = laterFix ? e.settings.flipped.filter { $0 != patch } : e.settings.flipped
        if !flipped.isEmpty { info += " patches=" + ScenarioRunner.patchesText(flipped) }
        var body: String
        if let patch {
            body = "| step | actor | action | expect | \(SwitchColumn.name(patch)) |\n|---|---|---|---|---|\n"
            for (n, r) in rows.enumerated() {
                let (first, second) = laterFix ? (r.without, r.expect) : (r.expect, r.without)
                body += "| \(n + 1) | \(r.actor) | \(r.action) | \(first) | \(second) |\n"
            }
        } else {
            // The finding: what the series does under the schedule, the broken properties as they came out.
            body = "| step | actor | action | expect |\n|---|---|---|---|\n"
            for (n, r) in rows.enumerated() { body += "| \(n + 1) | \(r.actor) | \(r.action) | \(r.without) |\n" }
        }
        let markdown = "```" + info + "\n" + body + "```\n"
        var diags: [SpecDiagnostic] = []
        let fence = SourceLocation(file: "<counterexample \(id)>", line: 1, column: 1)
        let scenario = ScenarioParser.parse(info: info, body: body, fence: fence, infoLoc: fence.advanced(by: 3),
                                            sectionId: e.sectionId, diagnostics: &diags)
        return Counterexample(markdown: markdown, scenario: scenario,
                              result: scenario.map { ScenarioRunner.run($0, mutations: mutations) },
                              preemptions: v.preemptions, steps: v.steps.count, removedLines: removed,
                              mutations: mutations.sorted { $0.rawValue < $1.rawValue })
    }

    /// Runs `rows` on a fresh machine of `p`: each row's cell (status, violations) and the machine, actors as left.
    static func replay(_ rows: [Row], _ p: ExploreProgram) -> ([String], Machine) {
        let m = Machine(config: p.config)
        m.tracing = false
        var cells: [String] = []
        var seen = 0
        for r in rows {
            var cell: [String] = []
            if r.actor == "-" {
                m.perform(r.operation!)
            } else {
                let s = r.operation.map { m.start(actor: r.actor, $0, until: r.until) } ?? m.resume(actor: r.actor, until: r.until)
                cell.append(statusCell(s))
            }
            let names = Set(m.violations[seen...].map(\.name)).sorted()
            if !names.isEmpty { cell.append("violation=" + names.joined(separator: ",")) }
            seen = m.violations.count
            cells.append(cell.joined(separator: "; "))
        }
        return (cells, m)
    }

    /// `done; ret=N`, `paused=POINT@POS`, `blocked=LOCK`.
    static func statusCell(_ s: ActorStatus) -> String {
        switch s {
        case .done(let r): return "done; " + CheckContext.retText(r)
        case .paused(let p, let pos): return "paused=\(p.rawValue)@\(pos)"
        case .blocked(let l): return "blocked=\(l)"
        case .idle: return ""
        }
    }
}
