// MARK: - State fingerprint

extension ScheduleRun {
    /// A hash of the whole engine state and every actor's progress, for pruning revisited states.
    ///
    /// Engine state: i_size, reservations, every fork's sequence and extents, every folio over the program's range
    /// (uptodate, dirty, ghost data-dirty, writeback, lock owner, xarray marks), file and disk content over the range, the lock
    /// table, writeback errors and fault injection. An actor's progress: its operation, the scheduling points it
    /// passed (in order), whether it sleeps, its cached iomap and what its operations returned. Two states with
    /// equal fingerprints are treated as one: the actors' Swift stack frames are not hashed, only the history
    /// that led to them (the chapter's fidelity notes say so).
    func fingerprint(lastActor: Int?) -> Int {
        let m = machine
        let r = program.range
        var h = Hasher()
        h.combine(lastActor)
        h.combine(m.fileSize)
        h.combine(m.reservedBlocks)
        h.combine(m.freeBlocks)
        for f in ForkKind.allCases {
            h.combine(m.sequence(f))
            for e in m.extents(f, in: r) { h.combine(e) }
        }
        for f in m.folios(in: r) {
            h.combine(f)
            if let folio = m.mapping.folio(containing: f.pos) { h.combine(folio.dataDirty); h.combine(folio.xaMarks) }
        }
        // Content as runs of equal bytes (the same runs the step pictures use): equal content, equal runs.
        for run in m.fileContentRuns(r) { h.combine(run.byte); h.combine(run.count) }
        // Whether a block is mapped is in the extents hashed above; an unmapped block's bytes count as zero.
        for run in m.diskContentRuns(r) { h.combine(run.byte ?? 0); h.combine(run.count) }
        h.combine(m.mapping.wb_err)
        h.combine(m.mapping.AS_EIO)
        h.combine(m.failingRanges.count)
        h.combine(m.failingMapRanges.count)
        let locks = m.state.locks
        for (l, s) in locks.states.sorted(by: { $0.key.description < $1.key.description }) {
            h.combine(l)
            h.combine(s.exclusive)
            for (a, n) in s.shared.sorted(by: { $0.key < $1.key }) { h.combine(a); h.combine(n) }
        }
        for ctx in actors {
            h.combine(ctx.finished)
            h.combine(ctx.started)
            h.combine(ctx.opIndex)
            h.combine(ctx.history.finalizeCopy())
            h.combine(ctx.sleeping?.0)
            h.combine(ctx.results)
            h.combine(m.currentIomap(of: ctx.name))
        }
        return h.finalize()
    }
}

extension Hasher {
    /// The hash so far, leaving this hasher usable.
    func finalizeCopy() -> Int {
        let copy = self
        return copy.finalize()
    }
}
