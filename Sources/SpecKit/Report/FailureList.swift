// MARK: - Failures first: every failed scenario, table and malformed block with its first mismatch

extension HTMLReport {
    /// One failure: what failed (linked), its first mismatch and where that is in the source.
    struct FailureItem {
        var id: String?
        var page: String
        var first: String
        var location: SourceLocation
        var count: Int
    }

    /// The failures of chapter `c` (every chapter when nil), in spec order.
    func failures(in c: Chapter?) -> [FailureItem] {
        let chapters = c.map { [$0] } ?? spec.chapters
        var out: [FailureItem] = []
        for ch in chapters {
            for g in run.specErrors where g.location.file == ch.file {
                out.append(FailureItem(id: nil, page: ch.page, first: g.diagnostics[0].message, location: g.diagnostics[0].location,
                                       count: g.diagnostics.count))
            }
            for s in ch.scenarios {
                guard let r = run.result(for: s.id), !run.passed(r) else { continue }
                let fs = RunJSON.Failure.all(r) + r.revertedRed.filter { !$0.isRed }.map(RunJSON.Failure.notRed)
                guard let f = fs.first else { continue }
                out.append(FailureItem(id: s.id, page: ch.page, first: f.message,
                                       location: SourceLocation(file: f.file, line: f.line, column: f.column), count: fs.count))
            }
            for t in ch.parameterTables {
                guard let r = run.parameterResult(for: t.id), !r.passed else { continue }
                let fs = RunJSON.Failure.all(r)
                let first = fs.first
                out.append(FailureItem(id: t.id, page: ch.page, first: first?.message ?? "params \(t.id) failed",
                                       location: first.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column) } ?? t.location,
                                       count: max(fs.count, 1)))
            }
        }
        return out
    }

    /// The failure list: `<section id="failures">` on a chapter page (always, so links land), on the index only
    /// when something failed.
    func failureListHTML(chapter c: Chapter?) -> HTML {
        let items = failures(in: c)
        if items.isEmpty {
            guard c != nil else { return HTML() }
            return .element(.p, [.id: "failures", .class: "pass"], "✓ No failures in this chapter.") + .newline
        }
        let lis = items.map { f -> HTML in
            let what: HTML = f.id.map { id in
                .link((c == nil ? f.page : "") + "#" + id, .element(.code, [:], .text(id)))
            } ?? "malformed block"
            let more = f.count > 1 ? " (+\(f.count - 1) more)" : ""
            return .element(.li, [:], what, ": ", sourceLink(f.location), .text(" " + f.first + more))
        }
        return .element(.section, [.id: "failures", .class: "failures"],
                        .element(.h2, [:], .text("Failures (\(items.count))")), .element(.ul, [:], .join(lis))) + .newline
    }
}
