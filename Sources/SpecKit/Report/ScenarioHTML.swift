import IomapEngine
// MARK: - Scenario tables: each row with its checks and the engine's state, per variant

extension HTMLReport {
    /// A scenario's box: heading, settings, the step table with results, and what fails when a patch is reverted.
    func scenarioHTML(_ s: Scenario) -> HTML {
        let r = run.result(for: s.id)
        let heading = boxHeading(s.id, aliases: s.aliases, kind: "scenario", r.map { badge(passed: $0.passed) } ?? .element(.span, [.class: "badge"], "not run"))
        let header = [HTML.element(.th, [:], "step"), .element(.th, [:], "actor"), .element(.th, [:], "action")]
            + s.variantNames.indices.map { variantHeaderHTML(s, variant: $0, result: r) }
        let rows = [HTML.element(.tr, [:], .join(header)) + .newline] + s.steps.indices.map { stepRowHTML(s, step: $0, result: r) }
        let reverted = (r?.revertedRed ?? []).filter(\.isRed).map(revertedMismatchesHTML)
        return .element(.section, [.class: "scenario", .id: s.id], .newline, heading, .newline, settingsHTML(s), .newline,
                        .element(.table, [:], .join(rows)), .newline, .join(reverted)) + .newline
    }

    /// The scenario's settings line: geometry, patches, device, tags, and where it is in the spec.
    func settingsHTML(_ s: Scenario) -> HTML {
        let st = s.settings
        var settings = ["bs=\(formatSize(st.blockSize))", "folio=\(formatSize(st.folioSize))",
                        "patches=" + ScenarioRunner.patchesText(st.patchesOff),
                        "device=\(st.device.rawValue)"]
        if !st.tags.isEmpty { settings.append("tags=" + st.tags.joined(separator: ",")) }
        return .element(.div, [.class: "settings"], .text(settings.joined(separator: " ") + " · "),
                        .element(.code, [:], .text(s.location.description)))
    }

    /// A variant's column header: its name and outcome, its patch set, and for a switch column its kind and revert result.
    func variantHeaderHTML(_ s: Scenario, variant v: Int, result r: ScenarioResult?) -> HTML {
        let vr = r?.variants[v]
        return .element(.th, [:], .text(s.variantNames[v]), vr.map { " " + mark(passed: $0.passed) } ?? HTML(), .br,
                        .element(.span, [.class: "settings"], .text(vr?.patches ?? "")),
                        v > 0 ? .br + .element(.span, [.class: "settings"], .text(s.switchColumns[v - 1].kind.rawValue)) : HTML(),
                        v > 0 ? revertedHeaderHTML(s, variant: v, result: r) : HTML())
    }

    /// One step's row: label, actor, action, then a cell per variant.
    func stepRowHTML(_ s: Scenario, step i: Int, result r: ScenarioResult?) -> HTML {
        let step = s.steps[i]
        let rowPassed = r.map { res in res.variants.allSatisfy { $0.steps.count > i && $0.steps[i].passed } } ?? true
        let cells = step.cells.enumerated().map { v, cell in cellHTML(cell, variant: v, result: r?.variants[v].steps[i]) }
        return .element(.tr, [.class: rowPassed ? "pass-row" : "fail-row"],
                        .element(.td, [:], .text(step.label)), .element(.td, [:], .text(step.actor)),
                        .element(.td, [:], .element(.code, [:], .text(step.actionText))), .join(cells)) + .newline
    }

    /// One cell of a step row: each expectation with its check, mismatches, and the state after the step.
    func cellHTML(_ cell: ExpectationCell, variant v: Int, result sr: StepResult?) -> HTML {
        var b = HTML()
        if v > 0 && cell.text == "=" {
            b += .element(.div, [.class: "exp"], "= ", .element(.span, [.class: "settings"], "(as expect)"))
        }
        for (k, e) in cell.expectations.enumerated() {
            let check = sr.flatMap { k < $0.checks.count ? $0.checks[k] : nil }
            b += .element(.div, [.class: "exp"], check.map { mark(passed: $0.passed) + " " } ?? HTML(), .text(e.text))
            if let c = check, !c.passed {
                b += .element(.div, [.class: "mism"], .text("expected \(c.expected)"), .br,
                              "actual", .entity(.nbsp), .entity(.nbsp), .text(" \(c.actual)"))
            }
        }
        if let sr {
            for u in sr.unexpectedViolations { b += .element(.div, [.class: "mism"], .text("unexpected violation \(u)")) }
            b += stateHTML(sr.snapshot)
        }
        return .element(.td, [:], b)
    }

    /// The engine's state after a step: status, pictures, disk, size, reservations, sequence numbers, iomap.
    func stateHTML(_ s: StepSnapshot) -> HTML {
        var b = HTML.text(s.status) + .br
        b += "cache " + pictureHTML(s.cache, kind: .cache) + .br
        b += "data" + .entity(.nbsp) + " " + pictureHTML(s.extents, kind: .extents) + .br
        if s.cow.contains(where: { $0 != "h" }) {
            b += "cow" + .entity(.nbsp) + .entity(.nbsp) + " " + pictureHTML(s.cow, kind: .extents) + .br
        }
        b += .text("disk \(s.disk)") + .br + .text("size=\(formatSize(s.size)) reserved=\(s.reserved) seq \(s.seq)")
        if !s.iomap.isEmpty { b += .br + .text("iomap = \(s.iomap)") }
        return .element(.div, [.class: "state"], b)
    }

    // MARK: Red when reverted

    /// Under a `without` column's header: how the series' `expect` column fares with that switch reverted.
    func revertedHeaderHTML(_ s: Scenario, variant v: Int, result r: ScenarioResult?) -> HTML {
        let patch = s.switchColumns[v - 1]
        if !s.bugColumns.contains(v) {
            return .br + .element(.span, [.class: "settings"], "every row ", .element(.code, [:], "="), ": the series outcome")
        }
        guard let x = r?.revertedRed.first(where: { $0.patch == patch }) else { return HTML() }
        return .br + .element(.span, [.class: x.isRed ? "reverted red" : "reverted fail"], .text(x.headline))
    }

    /// The `expect` checks that fail with the switch reverted: the outcome the patch prevents.
    func revertedMismatchesHTML(_ x: RevertedRedResult) -> HTML {
        var b: HTML = "With " + .element(.code, [:], .text(x.patch.rawValue)) + (x.patch.isOnIn62 ? " reverted, the " : " applied, the ") + .element(.code, [:], "expect") + " column fails:"
        for step in x.run.steps {
            for c in step.checks where !c.passed {
                b += .element(.div, [.class: "mism"], .text("step \(step.label): expected \(c.expected), actual \(c.actual)"))
            }
            for u in step.unexpectedViolations {
                b += .element(.div, [.class: "mism"], .text("step \(step.label): unexpected violation \(u)"))
            }
        }
        return .element(.div, [.class: "reverted-list"], b) + .newline
    }
}
