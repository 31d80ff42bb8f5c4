// MARK: - A seeded generator

/// SplitMix64: a small, fast, seeded generator, so generated logs, PCT schedules and fuzz cases repeat on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state: the same state gives the same sequence.
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    /// The next pseudo-random 64-bit value.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
