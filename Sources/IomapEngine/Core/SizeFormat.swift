// MARK: - Size formatting

/// Formats a byte count the way the spec writes sizes: "40k" or "1m" when a whole multiple, else plain decimal ("36865").
///
/// Multiples of 1 MiB print with `m`, other multiples of 1 KiB with `k`, anything else (and 0) in decimal.
public func formatSize(_ bytes: Int) -> String {
    if bytes != 0 && bytes % (1 << 20) == 0 { return "\(bytes >> 20)m" }
    if bytes != 0 && bytes % 1024 == 0 { return "\(bytes / 1024)k" }
    return "\(bytes)"
}

/// Formats a byte count in plain decimal ("36864"), for traces that must show exact byte positions.
public func formatBytes(_ bytes: Int) -> String { "\(bytes)" }

/// Parses a size as the scenario grammar writes it: decimal, `0x` hex, or with suffix `k`/`m` (×1024). Nil when malformed.
public func parseSize(_ text: String) -> Int? {
    var t = Substring(text)
    var mult = 1
    if t.hasSuffix("k") || t.hasSuffix("K") { mult = 1024; t = t.dropLast() }
    else if t.hasSuffix("m") || t.hasSuffix("M") { mult = 1 << 20; t = t.dropLast() }
    guard !t.isEmpty else { return nil }
    let v: Int?
    if t.hasPrefix("0x") || t.hasPrefix("0X") { v = Int(t.dropFirst(2), radix: 16) } else { v = Int(t, radix: 10) }
    guard let n = v, n >= 0 else { return nil }
    let (r, o) = n.multipliedReportingOverflow(by: mult)
    return o ? nil : r
}
