// MARK: - Looking up what a reader typed: ids, aliases, `§N.M`, with suggestions for typos

extension Spec {
    /// Every id and former id of a section, scenario or parameter table, in spec order.
    public var allIds: [String] {
        chapters.flatMap { c in c.definedIds.sorted { $0.location < $1.location }.map(\.id) }
    }

    /// `resolve(key)`, also taking `§5.2` or `5.2` for a section number.
    public func lookup(_ key: String) -> Target? {
        if let t = resolve(key) { return t }
        let number = key.hasPrefix("§") ? String(key.dropFirst()) : key
        for c in chapters {
            if let s = c.sections.first(where: { $0.number == number }) { return .section(s, c) }
        }
        return nil
    }

    /// Ids close to `key`: by edit distance (at most a fifth of the length, at least 2) or sharing a prefix.
    ///
    /// Closest first, then in spec order, former ids replaced by their current id; at most `limit`. A key without a chapter slug is also compared with the
    /// part of each id after its slug, so `xfs-559-rac` finds `validity-cookies/xfs-559-race`.
    public func suggestions(for key: String, limit: Int = 5) -> [String] {
        let ids = allIds
        let budget = max(2, key.count / 5)
        var scored: [(distance: Int, order: Int, id: String)] = []
        for (order, id) in ids.enumerated() {
            let tail = id.split(separator: "/", maxSplits: 1).last.map(String.init) ?? id
            var d = min(editDistance(key, id), key.contains("/") ? Int.max : editDistance(key, tail))
            if d > budget, key.count >= 3, id.hasPrefix(key) || tail.hasPrefix(key) || key.hasPrefix(id) { d = budget }
            if d <= budget { scored.append((d, order, id)) }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.distance, $0.order) < ($1.distance, $1.order) }.map { resolve($0.id)?.id ?? $0.id }
            .filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// What an id names, in words: `section §5.2 (Title)`, `scenario`, `parameter table (fn=...)`.
    public func kindDescription(_ t: Target) -> String {
        switch t {
        case .section(let s, _): return "section §\(s.number) \(s.title)"
        case .scenario(let s, _): return "scenario \(s.id)"
        case .parameters(let p, _): return "parameter table \(p.id) (fn=\(p.function))"
        case .exploration(let x, _): return "explore block \(x.id)"
        }
    }
}

/// Levenshtein distance over characters (insert, delete, substitute each cost 1).
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = previous
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}
