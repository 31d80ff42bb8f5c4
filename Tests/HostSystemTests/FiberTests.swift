import HostSystem
import Testing

// MARK: - Fiber

/// Resume runs the body up to its next suspend; the body's steps and the caller's interleave in that order.
@Test func fiberInterleavesWithItsCaller() throws {
    let f = try Fiber(stackSize: 1 << 20)
    #expect(f.isFinished)
    var log: [String] = []
    f.start {
        log.append("body 1")
        f.suspend()
        log.append("body 2")
        f.suspend()
        log.append("body 3")
    }
    #expect(!f.isFinished)
    for i in 1...3 {
        log.append("caller \(i)")
        f.resume()
    }
    #expect(f.isFinished)
    #expect(log == ["caller 1", "body 1", "caller 2", "body 2", "caller 3", "body 3"])
}

/// A finished fiber takes another body and runs it from the top of its stack.
@Test func fiberIsReusedOnceItsBodyReturned() throws {
    let f = try Fiber(stackSize: 1 << 20)
    var total = 0
    for round in 1...100 {
        f.start {
            total += round
            f.suspend()
            total += round
        }
        f.resume()
        f.resume()
        #expect(f.isFinished)
    }
    #expect(total == 2 * (1...100).reduce(0, +))
}

/// Two fibers resumed alternately keep their own stacks: each one's locals survive the other's run.
@Test func fibersKeepTheirOwnStacks() throws {
    let a = try Fiber(stackSize: 1 << 20), b = try Fiber(stackSize: 1 << 20)
    var seen: [Int] = []
    func body(_ f: Fiber, _ base: Int) -> () -> Void {
        {
            var local = base
            for _ in 0..<3 {
                local += 1
                f.suspend()
                seen.append(local)
            }
        }
    }
    a.start(body(a, 100))
    b.start(body(b, 200))
    while !a.isFinished || !b.isFinished {
        if !a.isFinished { a.resume() }
        if !b.isFinished { b.resume() }
    }
    #expect(seen == [101, 201, 102, 202, 103, 203])
}

/// A body may recurse deep into its stack (the engine recurses through iomap iterations) and floating point
/// state survives the switches.
@Test func fiberStackHoldsDeepRecursion() throws {
    let f = try Fiber(stackSize: 8 << 20)
    func depth(_ n: Int) -> Double {
        var pad = (Double(n), Double(n) / 3, Double(n) * 1.5)
        if n % 1000 == 0 { f.suspend() }
        if n == 0 { return pad.0 }
        pad.1 += depth(n - 1)
        return pad.1 + pad.2 - pad.0 * 0.5
    }
    var result = 0.0
    f.start { result = depth(20_000) }
    var switches = 0
    while !f.isFinished { f.resume(); switches += 1 }
    #expect(switches == 22)
    var check = 0.0
    for n in 0...20_000 { check = n == 0 ? 0 : Double(n) / 3 + check + Double(n) * 1.5 - Double(n) * 0.5 }
    #expect(result == check)
}

/// A fiber released while suspended does not crash the process (its stack is leaked, not unmapped), and the
/// thread goes on switching other fibers.
@Test func releasingASuspendedFiberIsSafe() throws {
    var f: Fiber? = try Fiber(stackSize: 1 << 20)
    f!.start { [unowned fiber = f!] in
        let local = [1, 2, 3]
        fiber.suspend()
        _ = local
    }
    f!.resume()
    f = nil
    let g = try Fiber(stackSize: 1 << 20)
    var ran = false
    g.start { ran = true }
    g.resume()
    #expect(ran && g.isFinished)
}
