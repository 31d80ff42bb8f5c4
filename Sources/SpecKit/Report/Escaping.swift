// MARK: - Escaping, shared by the HTML and XML builders

/// `s` with each scalar for which `replacement` gives a string replaced by that string.
func escaping(_ s: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
    var o = ""
    o.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
        if let r = replacement(u) { o += r } else { o.unicodeScalars.append(u) }
    }
    return o
}

/// The entity for `&`, `<`, `>` and `"`, which HTML and XML escape alike; nil for any other scalar.
func markupEntity(_ u: Unicode.Scalar) -> String? {
    switch u {
    case "&": return "&amp;"
    case "<": return "&lt;"
    case ">": return "&gt;"
    case "\"": return "&quot;"
    default: return nil
    }
}
