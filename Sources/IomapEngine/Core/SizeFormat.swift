// MARK: - Size formatting

/// Formats a byte count the way the spec writes sizes: "40k" or "1m" when a whole multiple, else plain decimal ("36865").
///
/// Multiples of 1 MiB print with `m`, other multiples of 1 KiB with `k`, anything else (and 0) in decimal.
public func formatSize(_ bytes: Int) -> String {
    if bytes != 0 && bytes % (1 << 20) == 0 { return "\(bytes >> 20)m" }
    if bytes != 0 && bytes % 1024 == 0 { return "\(bytes / 1024)k" }
    return "\(bytes)"
}
