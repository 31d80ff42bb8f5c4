// MARK: - DirectRuntime

/// The straight-through runtime of `Machine.perform` (fsx replay, harness rows): no threads, no pause targets.
///
/// Pause points are recorded and check invariants; a wait can never end (whoever holds the lock or the folio's
/// writeback is a paused actor), so it is a `deadlock` and the operation fails with `-EDEADLK`.
final class DirectRuntime: KernelRuntime {
    let state: RuntimeState

    init(state: RuntimeState) { self.state = state }

    func pause(_ point: PausePoint, pos: Int) {
        record(.pause, point.rawValue, pos: pos, detail: "")
        checkInvariants(at: .pause(point))
    }

    func sleep(on channel: WaitChannel, mode: LockMode) -> Int {
        deadlock(on: channel, mode: mode, harness: true)
    }
}
