// MARK: - `iomapspec run`'s text output

extension SpecRun {
    /// Diagnostics, then failures with expected vs actual and file:line, then (when the selection has bug
    /// scenarios) the reverted-red line, then the summary line, always last.
    public var text: String {
        var lines = spec.diagnostics.map(\.description)
        for r in scenarios where !r.passed { lines += r.failureLines }
        for p in parameters where !p.passed { lines += p.failureLines }
        let reverted = revertedRed
        lines += reverted.filter { !$0.isRed }.map(\.notRedLine)
        if !reverted.isEmpty { lines.append(revertedRedLine) }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }
}
