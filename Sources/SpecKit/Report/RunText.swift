// MARK: - `iomapspec run`'s text output

extension SpecRun {
    /// The text output: diagnostics, failures, not-red bug scenarios, the reverted-red line, the summary.
    ///
    /// Failures show expected vs actual and file:line; the reverted-red line appears when the selection has bug
    /// scenarios; the summary line is always last.
    public var text: String {
        var lines = spec.diagnostics.map(\.description)
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
