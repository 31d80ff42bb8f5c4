// MARK: - Rounding helpers (include/linux/math.h)

/// `round_down(x, a)`: the largest multiple of `a` not above `x` (`a` > 0; works for negative `x`).
public func roundDown(_ x: Int, _ a: Int) -> Int {
    precondition(a > 0, "roundDown by \(a)")
    let r = x % a
    return r >= 0 ? x - r : x - r - a
}

/// `round_up(x, a)`: the smallest multiple of `a` not below `x` (`a` > 0).
public func roundUp(_ x: Int, _ a: Int) -> Int {
    precondition(a > 0, "roundUp by \(a)")
    return roundDown(x + a - 1, a)
}

/// True when `x` is a positive power of two (`is_power_of_2`).
public func isPowerOfTwo(_ x: Int) -> Bool { x > 0 && (x & (x - 1)) == 0 }
