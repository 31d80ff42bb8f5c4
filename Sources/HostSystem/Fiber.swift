import CHostSystem
import Glibc
import SystemPackage

// MARK: - Fiber

/// A user-space execution context with its own stack: a body that can suspend and be resumed, on one thread.
///
/// `resume()` switches into the body until it calls `suspend()` or returns; no OS thread is started or woken, so
/// a switch costs a few instructions (x86_64) or one `swapcontext(3)` (elsewhere). The stack is `mmap(2)`ed with
/// `MAP_NORESERVE` and a guard page below it: an overflow faults instead of corrupting memory. A fiber is reusable:
/// once its body returned, `start` gives it the next one.
///
/// A fiber that has started must be resumed on the thread that resumed it first, until its body returns.
public final class Fiber {
    private let raw: OpaquePointer
    /// The body being run, kept alive until it returns.
    private var body: (() -> Void)?
    /// The thread a started fiber belongs to until its body returns.
    private var owner: pthread_t?

    /// Maps a stack of `stackSize` bytes (rounded up to pages) and its guard page.
    public init(stackSize: Int) throws(Errno) {
        guard let f = chostsystem_fiber_create(stackSize) else { throw Errno(rawValue: Glibc.errno) }
        raw = f
    }

    /// Unmaps a finished fiber's stack. A fiber released while its body is suspended is left mapped on purpose:
    /// its frames still hold references, and the Swift runtime's exclusivity records of accesses open in them are
    /// linked from the thread, so unmapping could crash later code; the stack and what it holds are leaked.
    deinit {
        if isFinished { chostsystem_fiber_destroy(raw) }
    }

    /// True before the first `start` and once the body has returned.
    public var isFinished: Bool { chostsystem_fiber_finished(raw) != 0 }

    /// Makes a finished fiber run `body` from the top of its stack at the next `resume()`.
    public func start(_ body: @escaping () -> Void) {
        precondition(isFinished, "Fiber.start on a fiber whose body has not returned")
        self.body = body
        owner = nil
        chostsystem_fiber_start(raw, { arg in
            let fiber = Unmanaged<Fiber>.fromOpaque(arg!).takeUnretainedValue()
            fiber.body?()
            fiber.body = nil
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Runs the body until it suspends or returns.
    public func resume() {
        precondition(body != nil, "Fiber.resume on a fiber with no body")
        let me = pthread_self()
        if let o = owner { precondition(pthread_equal(o, me) != 0, "Fiber.resume on another thread than its first") }
        owner = me
        withExtendedLifetime(self) { chostsystem_fiber_resume(raw) }
        if isFinished { owner = nil }
    }

    /// Called from inside the body: switches back to the caller of `resume()`.
    public func suspend() {
        chostsystem_fiber_suspend(raw)
    }
}
