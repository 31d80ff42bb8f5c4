import IomapEngine

// MARK: - Explore blocks: the race, its properties, the figures of the last run and each counterexample

extension HTMLReport {
    /// An explore block's box: actors, properties, one line of figures per run and each counterexample table.
    func exploreHTML(_ e: Exploration) -> HTML {
        let r = run.explorations.first { $0.id == e.id }
        let heading = boxHeading(e.id, aliases: e.aliases, kind: "explore",
                                 r.map { badge(passed: $0.passed) } ?? .element(.span, [.class: "badge"], "not run"))
        let st = e.settings
        var settings = ["bs=\(formatSize(st.blockSize))", "folio=\(formatSize(st.folioSize))",
                        "patches=" + ScenarioRunner.patchesText(st.flipped),
                        "preemptions=\(e.preemptions)", "depth=\(e.depth)"]
        if !st.tags.isEmpty { settings.append("tags=" + st.tags.joined(separator: ",")) }
        var b = heading + .newline
        b += .element(.div, [.class: "settings"], .text(settings.joined(separator: " ") + " · "), sourceLink(e.location))
        var rows: [HTML] = []
        func row(_ who: String, _ what: [String]) {
            rows.append(.element(.tr, [:], .element(.td, [:], .text(who)),
                                 .element(.td, [:], .join(what.map { HTML.element(.div, [:], .element(.code, [:], .text($0))) }))))
        }
        if !e.setup.isEmpty { row("set-up (-)", e.setup.map(\.text)) }
        for a in e.actors { row("actor \(a.name)", a.lines.map(\.text)) }
        if !e.epilogue.isEmpty { row("after (-)", e.epilogue.map(\.text)) }
        row("every schedule", e.properties.map(\.text) + (e.linearizable == nil ? [] : ["linearizable"])
            + ["no invariant violation", "no deadlock"])
        b += .element(.table, [:], .join(rows)) + .newline
        for v in r?.variants ?? [] { b += exploreVariantHTML(v) }
        return .element(.section, [.class: "scenario", .id: e.id], .newline, b) + .newline
    }

    /// One run's figures, what it found, and its counterexample as a scenario table with its per-step pictures.
    func exploreVariantHTML(_ v: ExploreVariantResult) -> HTML {
        let s = v.stats
        let figures = "\(s.schedules) schedules, \(s.states) states, \(s.pruned) pruned, bound \(s.bound), "
            + (s.exhausted ? "exhausted" : "not exhausted")
        var b = HTML.element(.div, [:], mark(passed: v.passed), " ", .element(.code, [:], .text(v.name)), .text(": " + figures))
        for f in v.failures.prefix(4) { b += .element(.div, [.class: "mism"], .text(f)) }
        if let cx = v.counterexample {
            var note = (v.patch == nil ? "Finding (the series violates): " : "Counterexample: ") + "\(cx.preemptions) preemption\(cx.preemptions == 1 ? "" : "s"), \(cx.steps) steps"
            if !cx.removedLines.isEmpty { note += "; minimizer removed " + cx.removedLines.joined(separator: ", ") }
            note += cx.verified ? "; runs as a scenario: \(cx.verifiedClaim)." : "; NOT verified as a red scenario."
            b += .element(.div, [.class: "settings"], .text(note))
            if let sc = cx.scenario, let res = cx.result {
                let inner = HTMLReport(run: SpecRun(spec: spec, scenarios: [res], parameters: []))
                b += inner.scenarioHTML(sc)
            }
            b += .element(.pre, [:], .element(.code, [:], .text(cx.markdown)))
        }
        return .element(.div, [.class: "explore-run"], b) + .newline
    }
}
