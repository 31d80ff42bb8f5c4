// MARK: - InspectionRuntime

/// The runtime of side-effect-free look-ups: nothing traced, paused, checked or published.
///
/// `Machine.seekData`/`seekHole` (scenario expectations, fsx checks) run the same kernel code on it.
final class InspectionRuntime: KernelRuntime {
    let state: RuntimeState

    init(state: RuntimeState) { self.state = state }

    @discardableResult
    func record(_ kind: TraceEvent.Kind, _ name: String, pos: Int?, detail: String) -> Int { state.traceEvents.count }
    func pause(_ point: PausePoint, pos: Int) {}
    func sleep(on channel: WaitChannel, mode: LockMode) -> Int { -Errno.EDEADLK }
    func checkInvariants(at site: CheckSite) {}
    func violation(_ invariant: Invariant, at location: String, detail: String) {}
    func iterating(_ iter: IomapIter) {}
}
