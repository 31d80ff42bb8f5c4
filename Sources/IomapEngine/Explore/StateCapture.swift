// MARK: - State capture: a machine copied instead of replayed

extension Machine {
    /// A new machine in the state this one is in, or nil when that cannot be copied.
    ///
    /// What the explorer restores for every schedule instead of running the set-up rows again: the device's
    /// chunks, the allocator, the forks, the page cache (new folios, data copy-on-write), i_size and errseqs, the
    /// lock table, trace, violations and what the invariant checks remember. The copy has its own runtimes,
    /// operation tables and invariant hook, built by `init` for it. Only a machine with no actors (every operation
    /// returned) on a memory device can be copied: an actor's state is its stack.
    /// Spec: (spec: validity-cookies/explore-xfs-559)
    func capturedCopy() -> Machine? {
        guard stepped.actors.isEmpty, kernel.rt === direct, let src = device as? MemoryBlockDevice else { return nil }
        let copy = Machine(config: config)
        guard let dst = copy.device as? MemoryBlockDevice else { return nil }
        dst.copyState(from: src)
        copy.mount.copyState(from: mount)
        copy.ip.copyState(from: ip)
        copy.state.copyState(from: state)
        copy.checker.copyState(from: checker)
        copy.kernel.failingRanges = kernel.failingRanges
        copy.kernel.failingMapRanges = kernel.failingMapRanges
        return copy
    }
}
