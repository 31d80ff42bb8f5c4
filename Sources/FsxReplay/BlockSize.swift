// MARK: - block size arguments

/// Parse a block size: decimal, `0x` hex or with a `k` suffix; a power of two from 512 to 64k.
public func parseBlockSize(_ text: String) -> Int? {
    var t = Substring(text.lowercased())
    var scale = 1
    if t.hasSuffix("k") { scale = 1024; t = t.dropLast() }
    let value: Int?
    if t.hasPrefix("0x") { value = Int(t.dropFirst(2), radix: 16) } else { value = Int(t) }
    guard let v = value, v > 0, v <= 65536 / scale else { return nil }
    let size = v * scale
    guard size >= 512, size & (size - 1) == 0 else { return nil }
    return size
}
