#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - timing for the benchmark

/// Monotonic clock in nanoseconds (CLOCK_MONOTONIC).
public func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Seconds `body` took, and its result.
public func timed<R>(_ body: () throws -> R) rethrows -> (seconds: Double, result: R) {
    let start = monotonicNanoseconds()
    let result = try body()
    return (Double(monotonicNanoseconds() - start) / 1e9, result)
}
