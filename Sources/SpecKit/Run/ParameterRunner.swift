// MARK: - Parameter tables checked against the engine's parameter functions

/// Evaluates each row's inputs with the engine's function and compares every output column.
public enum ParameterRunner {
    public static func run(_ table: ParameterTable) -> ParameterResult {
        guard let sig = EngineBridge.parameterFunctions[table.function] else {
            return ParameterResult(id: table.id, function: table.function, location: table.location, rows: [])
        }
        var rows: [ParameterResult.Row] = []
        for row in table.rows {
            var inputs: [String: Int] = [:]
            for i in sig.inputs { inputs[i] = row.values[i] ?? 0 }
            guard let out = EngineBridge.evaluate(table.function, inputs) else {
                let bad = CheckResult(text: sig.inputs.joined(separator: ","), location: row.location,
                                      expected: "inputs inside \(table.function)'s domain", actual: "rejected by the function", passed: false)
                rows.append(.init(location: row.location, mismatches: [bad], actual: [:]))
                continue
            }
            var mismatches: [CheckResult] = []
            for o in sig.outputs where table.columns.contains(o) {
                let want = row.values[o] ?? 0, got = out[o]
                if got != want {
                    mismatches.append(CheckResult(text: o, location: row.cellLocations[o] ?? row.location,
                                                  expected: "\(want)", actual: got.map(String.init) ?? "(none)", passed: false))
                }
            }
            rows.append(.init(location: row.location, mismatches: mismatches, actual: out))
        }
        return ParameterResult(id: table.id, function: table.function, location: table.location, rows: rows)
    }
}
