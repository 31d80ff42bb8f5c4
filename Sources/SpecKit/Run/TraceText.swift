// MARK: - `iomapspec trace`: engine state after every step

extension ScenarioResult {
    /// Every variant, every step: the action, its status, the pictures, counters, checks and the kernel trace.
    public func traceText(variant: String? = nil) -> String {
        var out = ""
        for v in variants where variant == nil || v.name == variant {
            out += "== scenario \(id) [\(v.name)] patches=\(v.patches)\n"
            for s in v.steps {
                let n = s.snapshot
                out += "-- step \(s.label) \(s.actor) \(s.action)   (\(s.location))\n"
                out += "   status    \(n.status)\n"
                out += "   range     \(n.range)\n"
                out += "   cache     \(n.cache)\n"
                out += "   data      \(n.extents)\n"
                out += "   cow       \(n.cow)\n"
                out += "   disk      \(n.disk)\n"
                out += "   file      \(n.file)\n"
                out += "   size=\(n.size) reserved=\(n.reserved) seq \(n.seq)\n"
                if !n.iomap.isEmpty { out += "   iomap     \(n.iomap)\n" }
                for c in s.checks { out += "   \(c.passed ? "ok  " : "FAIL") \(c.text)" + (c.passed ? "" : "  (expected \(c.expected), actual \(c.actual))") + "\n" }
                for u in s.unexpectedViolations { out += "   FAIL unexpected violation \(u)\n" }
                for e in n.events { out += "   | \(e)\n" }
            }
        }
        return out
    }
}

// MARK: - Locating the package

/// Finds the package root: the nearest directory at or above `start` holding `Spec/` and `Package.swift`.
public func findSpecRoot(from start: String) -> String? {
    var dir = start
    while true {
        if FileManagerShim.exists(dir + "/Spec") && FileManagerShim.exists(dir + "/Package.swift") { return dir }
        guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return nil }
        dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
    }
}
