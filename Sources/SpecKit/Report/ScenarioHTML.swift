import IomapEngine

// MARK: - Scenario tables: each row with its checks and the engine's state, per variant

extension HTMLReport {
    /// A scenario's box: heading, settings, its legend, the step table with results, what fails when reverted.
    func scenarioHTML(_ s: Scenario) -> HTML {
        let r = run.result(for: s.id)
        let outcome = r.map { badge(passed: run.passed($0)) } ?? .element(.span, [.class: "badge"], "not run")
        let heading = boxHeading(s.id, aliases: s.aliases, kind: "scenario", outcome)
        let header = [HTML.element(.th, [:], "step"), .element(.th, [:], "actor"), .element(.th, [:], "action")]
            + s.variantNames.indices.map { variantHeaderHTML(s, variant: $0, result: r) }
        let diffs = r.map(firstDifferences) ?? [:]
        let rows = [HTML.element(.tr, [:], .join(header)) + .newline]
            + s.steps.indices.map { stepRowHTML(s, step: $0, result: r, firstDiffs: diffs) }
        let reverted = (r?.revertedRed ?? []).filter(\.isRed).map { revertedMismatchesHTML($0, scenario: s) }
        return .element(.section, [.class: "scenario", .id: s.id], .newline, heading, .newline, settingsHTML(s), .newline,
                        scenarioLegendHTML(r), .newline,
                        scrolling(.element(.table, [.class: "steps"], .join(rows))), .newline, .join(reverted)) + .newline
    }

    /// The scenario's settings line: geometry, patches, device, tags, and where it is in the spec (a link).
    func settingsHTML(_ s: Scenario) -> HTML {
        let st = s.settings
        var settings = ["bs=\(formatSize(st.blockSize))", "folio=\(formatSize(st.folioSize))",
                        "patches=" + ScenarioRunner.patchesText(st.flipped),
                        "device=\(st.device.rawValue)"]
        if !st.tags.isEmpty { settings.append("tags=" + st.tags.joined(separator: ",")) }
        return .element(.div, [.class: "settings"], .text(settings.joined(separator: " ") + " · "), sourceLink(s.location))
    }

    /// The legend of the picture cells this scenario's steps show, beside the table.
    func scenarioLegendHTML(_ r: ScenarioResult?) -> HTML {
        guard let r else { return HTML() }
        let snaps = r.variants.flatMap(\.steps).map(\.snapshot)
        let cache = Set(snaps.flatMap { Array($0.cache) }), ext = Set(snaps.flatMap { Array($0.extents) + Array($0.cow) })
        return .element(.div, [.class: "legend box-legend"], legendItems(cache: cache, extents: ext),
                        ". Ruler: offsets; thick edge: folio start; red line: EOF; outlined: first difference from expect.")
    }

    /// A variant's column header: its name and outcome, its patch set, and for a switch column its kind and revert result.
    func variantHeaderHTML(_ s: Scenario, variant v: Int, result r: ScenarioResult?) -> HTML {
        let vr = r?.variants[v]
        return .element(.th, [:], .text(s.variantNames[v]), vr.map { " " + mark(passed: $0.passed) } ?? HTML(), .br,
                        .element(.span, [.class: "settings"], .text(vr?.patches ?? "")),
                        v > 0 ? .br + .element(.span, [.class: "settings"], .text(s.switchColumns[v - 1].kind.rawValue)) : HTML(),
                        v > 0 ? revertedHeaderHTML(s, variant: v, result: r) : HTML())
    }

    /// One step's row: label (its own anchor), actor, action, then a cell per variant.
    func stepRowHTML(_ s: Scenario, step i: Int, result r: ScenarioResult?, firstDiffs: [Int: FirstDifference]) -> HTML {
        let step = s.steps[i]
        let rowPassed = r.map { res in res.variants.allSatisfy { $0.steps.count > i && $0.steps[i].passed } } ?? true
        let anchor = stepAnchor(s.id, step.label)
        let cells = step.cells.enumerated().map { v, cell -> HTML in
            let diff = firstDiffs[v].flatMap { $0.step == i ? $0 : nil }
            return cellHTML(cell, variant: v, scenario: s, result: r, step: i, firstDiff: diff)
        }
        let firstDiffHere = firstDiffs.values.contains { $0.step == i }
        var cls = rowPassed ? "pass-row" : "fail-row"
        if firstDiffHere { cls += " diff-row" }
        return .element(.tr, [.class: cls, .id: anchor],
                        .element(.td, [:], .element(.a, [.class: "step", .href: "#" + anchor, .title: step.location.description], .text(step.label))),
                        .element(.td, [:], .text(step.actor)),
                        .element(.td, [:], .element(.code, [:], .text(step.actionText))), .join(cells)) + .newline
    }

    /// One cell of a step row: each expectation with its check, mismatches, and the state after the step.
    ///
    /// A `=` cell of a `without` column says "same as expect" once instead of repeating the expectations, and its
    /// state shrinks to "same state as expect" when the engine's state is the `expect` column's.
    func cellHTML(_ cell: ExpectationCell, variant v: Int, scenario s: Scenario, result r: ScenarioResult?, step i: Int,
                  firstDiff: FirstDifference?) -> HTML {
        let sr = r.flatMap { $0.variants[v].steps.count > i ? $0.variants[v].steps[i] : nil }
        let expectSnap = r.flatMap { $0.variants[0].steps.count > i ? $0.variants[0].steps[i].snapshot : nil }
        let same = v > 0 && cell.text == "="
        var b = HTML()
        if same {
            b += .element(.div, [.class: "exp same"], sr.map { mark(passed: $0.passed) + " " } ?? HTML(), "= same as expect")
        }
        for (k, e) in cell.expectations.enumerated() {
            let check = sr.flatMap { k < $0.checks.count ? $0.checks[k] : nil }
            if same && check?.passed != false { continue }
            b += .element(.div, [.class: "exp"], check.map { mark(passed: $0.passed) + " " } ?? HTML(), .text(e.text))
            if let c = check, !c.passed {
                b += .element(.div, [.class: "mism"], .text("expected \(c.expected)"), .br,
                              "actual", .entity(.nbsp), .entity(.nbsp), .text(" \(c.actual)"), .br, sourceLink(c.location))
            }
        }
        if let sr {
            for u in sr.unexpectedViolations { b += .element(.div, [.class: "mism"], .text("unexpected violation \(u)")) }
            if v > 0, let e = expectSnap, sameState(sr.snapshot, e), firstDiff == nil {
                b += .element(.div, [.class: "state same"], "same state as expect")
            } else {
                b += stateHTML(sr.snapshot, blockSize: s.settings.blockSize, firstDiff: firstDiff)
            }
        }
        return .element(.td, [.class: firstDiff == nil ? "" : "first-diff"], b)
    }

    /// Whether two snapshots show the same engine state (the kernel calls aside).
    func sameState(_ a: StepSnapshot, _ b: StepSnapshot) -> Bool {
        func fields(_ s: StepSnapshot) -> [String] { [s.status, s.cache, s.extents, s.cow, s.disk, s.file, "\(s.size)", s.seq, "\(s.reserved)", s.iomap] }
        return fields(a) == fields(b)
    }

    /// The engine's state after a step: status, ruler and pictures, disk, size, reservations, sequence numbers, iomap.
    func stateHTML(_ s: StepSnapshot, blockSize: Int, firstDiff: FirstDifference? = nil) -> HTML {
        let starts = Set(s.folioStarts.map { $0 / blockSize })
        let frame = PictureFrame(blockSize: blockSize, folioStartBlocks: starts, size: s.size)
        func framed(_ diff: Set<Int>?) -> PictureFrame { var f = frame; f.differing = diff ?? []; return f }
        var b: HTML = firstDiff.map { _ in HTML.element(.div, [.class: "diff-note"], "first difference from expect") } ?? HTML()
        b += .text(s.status) + .br
        b += .element(.span, [.class: "pl"], "") + rulerHTML(cells: s.cache.count, frame: frame) + .br
        b += .element(.span, [.class: "pl"], "cache") + pictureHTML(s.cache, kind: .cache, frame: framed(firstDiff?.cache)) + .br
        b += .element(.span, [.class: "pl"], "data") + pictureHTML(s.extents, kind: .extents, frame: framed(firstDiff?.extents)) + .br
        if s.cow.contains(where: { $0 != "h" }) {
            b += .element(.span, [.class: "pl"], "cow") + pictureHTML(s.cow, kind: .extents, frame: framed(firstDiff?.cow)) + .br
        }
        b += .text("disk \(s.disk)") + .br + .text("size=\(formatSize(s.size)) reserved=\(s.reserved) seq \(s.seq)")
        if !s.iomap.isEmpty { b += .br + .text("iomap = \(s.iomap)") }
        return .element(.div, [.class: "state"], b)
    }

    // MARK: Red when reverted

    /// Under a `without` column's header: how the series' `expect` column fares with that switch reverted.
    ///
    /// Red here is the desired outcome (the scenario catches the patch being reverted), so it reads as a pass.
    func revertedHeaderHTML(_ s: Scenario, variant v: Int, result r: ScenarioResult?) -> HTML {
        let patch = s.switchColumns[v - 1]
        if !s.bugColumns.contains(v) {
            return .br + .element(.span, [.class: "settings"], "every row ", .element(.code, [:], "="), ": the series outcome")
        }
        guard let x = r?.revertedRed.first(where: { $0.patch == patch }) else { return HTML() }
        let title = x.isRed ? "as intended: the series' expectations fail with this patch reverted, so the scenario catches the bug"
                            : "the series' expectations still pass with this patch reverted: the scenario does not catch the bug"
        return .br + .element(.span, [.class: x.isRed ? "reverted good" : "reverted bad", .title: title],
                              .text((x.isRed ? "✓ " : "✗ ") + x.headline))
    }

    /// The `expect` checks that fail with the switch reverted: the outcome the patch prevents.
    func revertedMismatchesHTML(_ x: RevertedRedResult, scenario s: Scenario) -> HTML {
        var b: HTML = "With " + .element(.code, [:], .text(x.patch.rawValue)) + (x.patch.isOnIn62 ? " reverted, the " : " applied, the ")
            + .element(.code, [:], "expect") + " column fails (as it should):"
        for step in x.run.steps {
            let row = "#" + stepAnchor(s.id, step.label)
            for c in step.checks where !c.passed {
                b += .element(.div, [.class: "mism"], .link(row, .text("step \(step.label): expected \(c.expected), actual \(c.actual)")), " ",
                              sourceLink(c.location))
            }
            for u in step.unexpectedViolations {
                b += .element(.div, [.class: "mism"], .link(row, .text("step \(step.label): unexpected violation \(u)")), " ",
                              sourceLink(step.location))
            }
        }
        return .element(.div, [.class: "reverted-list"], b) + .newline
    }
}
