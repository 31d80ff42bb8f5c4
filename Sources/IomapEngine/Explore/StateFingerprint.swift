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
        for f in m.mapping.folios(in: r) {
            h.combine(f.pos)
            h.combine(f.size)
            h.combine(f.uptodate)
            h.combine(f.dirty)
            h.combine(f.lockOwner)
            h.combine(f.writeback)
            h.combine(f.dataDirty)
            h.combine(f.xaMarks)
        }
        h.combine(contentFingerprint())
        h.combine(m.mapping.wb_err)
        h.combine(m.mapping.AS_EIO)
        h.combine(m.failingRanges.count)
        h.combine(m.failingMapRanges.count)
        // The lock table as a sum of per-entry hashes: independent of the dictionaries' order, with no sorting.
        var lockSum = 0
        for (l, s) in m.state.locks.states {
            var e = Hasher()
            e.combine(l)
            e.combine(s.exclusive)
            var sharedSum = 0
            for (a, n) in s.shared {
                var x = Hasher()
                x.combine(a)
                x.combine(n)
                sharedSum &+= x.finalize()
            }
            e.combine(sharedSum)
            lockSum &+= e.finalize()
        }
        h.combine(lockSum)
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

/// A hash of `p` 32 bytes at a time in four lanes (multiply and rotate): equal bytes, equal hash; for fingerprints.
func contentHash(_ p: UnsafeRawBufferPointer) -> UInt64 {
    @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
        return (x << 31) | (x >> 33)
    }
    var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(p.count), b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    var c: UInt64 = 0x1656_67B1_9E37_79F9, d: UInt64 = 0x85EB_CA77_C2B2_AE63
    var i = 0
    while i + 32 <= p.count {
        a = mix(a, p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        b = mix(b, p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
        c = mix(c, p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
        d = mix(d, p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
        i += 32
    }
    while i < p.count { a = mix(a, UInt64(p[i])); i += 1 }
    return mix(mix(mix(a, b), c), d)
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

    /// A device range at a write generation: its hash stays valid until the device is written again.
    struct DevicePiece: Hashable {
        var writes: Int
        var daddr: Int
        var count: Int
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
            case let .bytes(p):
                h.combine(p.count)
                h.combine(contentHash(p))
            case let .zeros(n): h.combine(-n)
            }
        }
        m.forEachDiskRun(r.start, r.end, unwrittenAsData: true) { daddr, count in
            guard let daddr else { return h.combine(-count) }
            h.combine(count)
            let piece = DevicePiece(writes: m.device.writeGeneration, daddr: daddr, count: count)
            if let v = devicePieces[piece] { return h.combine(v) }
            let bytes = (try? m.device.read(at: daddr, count: count)) ?? []
            let v = bytes.withUnsafeBytes { contentHash($0) }
            devicePieces[piece] = v
            h.combine(v)
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
