import IomapEngine

// MARK: - The one place SpecKit adapts the engine's public API

/// Adapts `IomapEngine` to what SpecKit needs: parameter functions, the actor's iomap, seeks.
enum EngineBridge {
    /// Parameter functions: name → (inputs, outputs), from the engine's registry.
    static var parameterFunctions: [String: (inputs: [String], outputs: [String])] {
        ParameterFunctions.all.mapValues { ($0.inputs, $0.outputs) }
    }

    /// Evaluates the engine's parameter function `name`; nil when an input is outside its domain.
    static func evaluate(_ name: String, _ inputs: [String: Int]) -> [String: Int]? {
        ParameterFunctions.all[name]?.evaluate(inputs)
    }

    /// The actor's cached iomap as an expectation value (the engine's type and flags).
    static func iomap(_ m: Machine, actor: String) -> IomapExpectation? {
        guard let s = m.currentIomap(of: actor) else { return nil }
        return IomapExpectation(type: s.type, offset: s.offset, length: s.length, flags: s.flags)
    }

    /// lseek(SEEK_DATA) and lseek(SEEK_HOLE) as XFS answers them; nil data offset is ENXIO.
    static func seek(_ m: Machine, _ offset: Int) -> (data: Int?, hole: Int) {
        (m.seekData(offset), m.seekHole(offset))
    }
}
