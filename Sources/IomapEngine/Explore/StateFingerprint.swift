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
        h.combine(contentFingerprint())
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

/// A hash of `p` eight bytes at a time (multiply and rotate): equal bytes, equal hash; for fingerprints only.
func contentHash(_ p: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(p.count)
    let words = p.count / 8
    for i in 0..<words {
        h = (h ^ p.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h << 31) | (h >> 33)
    }
    for i in (words * 8)..<p.count { h = (h ^ UInt64(p[i])) &* 0xC4CE_B9FE_1A85_EC53 }
    return h
}

// MARK: - Content

extension ScheduleRun {
    /// What decides the content hash: i_size, the data fork, the device's writes, and each folio over the range
    /// with its uptodate blocks and data changes. Equal keys within one run mean equal content.
    struct ContentKey: Hashable {
        var size: Int
        var forkSeq: UInt32
        var deviceWrites: Int
        var folios: [ContentFolio]
    }

    /// One folio's part of a `ContentKey`.
    struct ContentFolio: Hashable {
        var folio: ObjectIdentifier
        var uptodate: [Bool]
        var dataGeneration: Int
    }

    /// The hash of the file and disk content over the program's range, recomputed only when its key changed.
    ///
    /// Content is hashed in the pieces it is read from (folio blocks, extents, holes). How the range splits into
    /// pieces depends only on the folios and extents, which the fingerprint hashes too, so equal states give equal
    /// pieces.
    func contentFingerprint() -> Int {
        let m = machine
        let r = program.range
        let key = ContentKey(size: m.fileSize, forkSeq: m.sequence(.data), deviceWrites: m.device.writeGeneration,
                             folios: m.mapping.folios(in: r).map {
                                 ContentFolio(folio: ObjectIdentifier($0), uptodate: $0.uptodate,
                                              dataGeneration: $0.dataGeneration)
                             })
        if let (k, v) = lastContent, k == key { return v }
        var h = Hasher()
        m.forEachContentRun(r) { run in
            switch run {
            case let .bytes(p): h.combine(p.count); h.combine(contentHash(p))
            case let .zeros(n): h.combine(-n)
            }
        }
        m.forEachDiskRun(r.start, r.end, unwrittenAsData: true) { daddr, count in
            guard let daddr else { return h.combine(-count) }
            let bytes = (try? m.device.read(at: daddr, count: count)) ?? []
            h.combine(count)
            bytes.withUnsafeBytes { h.combine(contentHash($0)) }
        }
        let v = h.finalize()
        lastContent = (key, v)
        return v
    }
}

extension Hasher {
    /// The hash so far, leaving this hasher usable.
    func finalizeCopy() -> Int {
        let copy = self
        return copy.finalize()
    }
}
