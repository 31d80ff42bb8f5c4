// MARK: - `iomapspec run`'s text output

extension SpecRun {
    /// The text output: spec errors, failures, not-red bug scenarios, the reverted-red line, the summary.
    ///
    /// Failures show expected vs actual and file:line; spec errors in chapters outside the selection are one
    /// note, not failures; the reverted-red line appears when the selection has bug scenarios; the summary line
    /// is always last.
    public var text: String {
        var lines = diagnostics.map(\.description)
        let others = otherDiagnostics
        if !others.isEmpty {
            let files = Set(others.map(\.location.file)).sorted()
            lines.append("note: \(others.count) spec error\(others.count == 1 ? "" : "s") outside the selection (\(files.joined(separator: ", "))), not counted; `iomapspec run` lists them")
        }
        for r in scenarios where !r.passed { lines += r.failureLines }
        for p in parameters where !p.passed { lines += p.failureLines }
        for x in explorations where !x.passed { lines += x.failureLines }
        let reverted = revertedRed
        lines += reverted.filter { !$0.isRed }.map(\.notRedLine)
        if !reverted.isEmpty { lines.append(revertedRedLine) }
        if !explorations.isEmpty { lines.append(exploreLine) }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }
}
