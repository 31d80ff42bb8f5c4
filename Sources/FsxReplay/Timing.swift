import HostSystem

// MARK: - timing for the benchmark

/// Seconds `body` took (monotonic clock), and its result.
public func timed<R>(_ body: () throws -> R) rethrows -> (seconds: Double, result: R) {
    let start = monotonicNanoseconds()
    let result = try body()
    return (Double(monotonicNanoseconds() - start) / 1e9, result)
}
