// MARK: - Where a `without` column first differs from `expect`

/// The first step at which a column's engine state differs from the `expect` column's, and the differing cells.
struct FirstDifference {
    var step: Int
    var cache: Set<Int>
    var extents: Set<Int>
    var cow: Set<Int>
}

extension HTMLReport {
    /// For each `without` column (variant index), its first difference from `expect`, if any.
    func firstDifferences(_ r: ScenarioResult) -> [Int: FirstDifference] {
        guard let base = r.variants.first else { return [:] }
        var out: [Int: FirstDifference] = [:]
        for v in r.variants.indices.dropFirst() {
            for (i, step) in r.variants[v].steps.enumerated() where i < base.steps.count {
                let a = step.snapshot, b = base.steps[i].snapshot
                guard !sameState(a, b) else { continue }
                out[v] = FirstDifference(step: i, cache: cellsDiffering(a.cache, b.cache), extents: cellsDiffering(a.extents, b.extents),
                                         cow: cellsDiffering(a.cow, b.cow))
                break
            }
        }
        return out
    }
}

/// Indices where two pictures differ (a cell missing from one counts).
func cellsDiffering(_ a: String, _ b: String) -> Set<Int> {
    let x = Array(a), y = Array(b)
    return Set((0..<max(x.count, y.count)).filter { $0 >= x.count || $0 >= y.count || x[$0] != y[$0] })
}
