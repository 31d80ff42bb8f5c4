import IomapEngine

// MARK: - The one place SpecKit adapts the engine's public API

/// Adapts `IomapEngine` to what SpecKit needs (names as the scenario grammar writes them).
enum EngineBridge {
    /// Parameter functions: name → (inputs, outputs), from the engine's registry.
    static var parameterFunctions: [String: (inputs: [String], outputs: [String])] {
        ParameterFunctions.all.mapValues { ($0.inputs, $0.outputs) }
    }

    /// Evaluates the engine's parameter function `name`; nil when an input is outside its domain.
    static func evaluate(_ name: String, _ inputs: [String: Int]) -> [String: Int]? {
        ParameterFunctions.all[name]?.evaluate(inputs)
    }

    /// The actor's cached iomap in grammar form (type and flags upper case, flags sorted).
    static func iomap(_ m: Machine, actor: String) -> IomapExpectation? {
        guard let s = m.currentIomap(of: actor) else { return nil }
        let type = String(s.type.rawValue.dropFirst("IOMAP_".count)).uppercased()
        let flags = s.flags.flagNames.map { n -> String in
            var f = n.uppercased()
            if f.hasPrefix("IOMAP_F_") { f.removeFirst(8) }
            return f
        }.sorted()
        return IomapExpectation(type: type, offset: s.offset, length: s.length, flags: flags)
    }

    /// lseek(SEEK_DATA) and lseek(SEEK_HOLE) as XFS answers them; nil data offset is ENXIO.
    static func seek(_ m: Machine, _ offset: Int) -> (data: Int?, hole: Int)? {
        (m.seekData(offset), m.seekHole(offset))
    }
}
