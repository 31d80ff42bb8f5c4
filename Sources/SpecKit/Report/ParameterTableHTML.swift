// MARK: - Parameter tables: each row with its mismatches

extension HTMLReport {
    /// A parameter table's box: heading, source link, and each row (its own anchor `ID/row-N`) with any actual that differs.
    func parameterHTML(_ t: ParameterTable) -> HTML {
        let r = run.parameterResult(for: t.id)
        let heading = boxHeading(t.id, aliases: t.aliases, kind: "params", " fn=", .element(.code, [:], .text(t.function)), r.map { badge(passed: $0.passed) } ?? HTML())
        var rows = [HTML.element(.tr, [:], .element(.th, [:], "row"), .join(t.columns.map { .element(.th, [:], .text($0)) }), .element(.th)) + .newline]
        for (i, row) in t.rows.enumerated() {
            let rr = r.flatMap { $0.rows.count > i ? $0.rows[i] : nil }
            let ok = rr?.mismatches.isEmpty ?? true
            let cells = t.columns.map { col -> HTML in
                let want = HTML.text("\(row.values[col] ?? 0)")
                guard let m = rr?.mismatches.first(where: { $0.text == col }) else { return .element(.td, [:], want) }
                return .element(.td, [:], .element(.span, [.class: "fail"], want), .element(.div, [.class: "mism"], .text("actual \(m.actual) "), sourceLink(m.location)))
            }
            let anchor = "\(t.id)/row-\(i + 1)"
            let label = HTML.element(.td, [:], .element(.a, [.class: "step", .href: "#" + anchor], .text("\(i + 1)")))
            rows.append(.element(.tr, [.class: ok ? "pass-row" : "fail-row", .id: anchor], label, .join(cells),
                                 .element(.td, [:], rr == nil ? HTML() : mark(passed: ok))) + .newline)
        }
        let settings = HTML.element(.div, [.class: "settings"], .text("\(t.rows.count) rows · "), sourceLink(t.location))
        return .element(.section, [.class: "scenario", .id: t.id], .newline, heading, .newline, settings, .newline,
                        scrolling(.element(.table, [:], .join(rows))), .newline) + .newline
    }
}
