import IomapEngine

// MARK: - The one place SpecKit touches the engine's public API

/// Adapts `IomapEngine` to what SpecKit needs.
enum EngineBridge {
    /// Parameter functions: name → (inputs, outputs).
    static var parameterFunctions: [String: (inputs: [String], outputs: [String])] {
        [:]
    }
}
