import Testing
@testable import IomapEngine

// A byte-array model of the file (what POSIX says each call does) against the engine, for sequential calls
// through every path of this half: pwrite (incl. past EOF and short copies), mmap stores inside EOF, truncate
// up/down, fallocate (KEEP_SIZE or not), punch hole, zero range, interleaved with writeback, reclaim,
// readahead and fsync. Sequential calls must be correct with every patch set, so it runs with the series and
// with none of the patches.

private struct Geo: CustomStringConvertible {
    var bs: Int, folio: Int, patches: PatchSet
    var description: String { "bs=\(bs) folio=\(folio) \(patches)" }
}

private let geos: [Geo] = [
    Geo(bs: 4096, folio: 4096, patches: .series), Geo(bs: 1024, folio: 4096, patches: .series),
    Geo(bs: 1024, folio: 16384, patches: .series), Geo(bs: 4096, folio: 65536, patches: .series),
    Geo(bs: 4096, folio: 4096, patches: .none), Geo(bs: 1024, folio: 16384, patches: .none),
]

@Test(arguments: geos)
private func randomOperationsMatchAByteModel(geo: Geo) {
    let m = Machine(config: EngineConfig(blockSize: geo.bs, folioSize: geo.folio, patches: geo.patches))
    m.tracing = false
    var model: [UInt8] = []
    var seed: UInt64 = 0x5EED ^ UInt64(geo.bs * 7 + geo.folio)
    func next(_ n: Int) -> Int {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Int((seed >> 33) % UInt64(max(1, n)))
    }
    let span = 96 * 1024
    var letter: UInt8 = 65
    for step in 0..<400 {
        letter = letter == 90 ? 65 : letter + 1
        let off = next(span), len = 1 + next(20 * 1024)
        var what = ""
        switch next(12) {
        case 0, 1, 2:
            let efault = next(4) == 0 ? next(len) : nil
            what = "pwrite \(off) \(len) efault=\(String(describing: efault))"
            let r = m.perform(.pwrite(offset: off, data: [UInt8](repeating: letter, count: len), efaultAfter: efault))
            let n = r.value
            if let e = efault { #expect(n == e || (e == 0 && r.error == .EFAULT), "\(what)") } else { #expect(n == len, "\(what)") }
            if n > 0 {
                if off + n > model.count { model += [UInt8](repeating: 0, count: off + n - model.count) }
                for k in 0..<n { model[off + k] = letter }
            }
        case 3:
            guard model.count > 0 else { continue }
            let o = next(model.count), l = min(1 + next(9000), model.count - o)
            what = "store \(o) \(l)"
            #expect(m.perform(.mmapStore(offset: o, data: [UInt8](repeating: letter, count: l))).value == l, "\(what)")
            for k in 0..<l { model[o + k] = letter }
        case 4:
            let s = next(span)
            what = "truncate \(s)"
            #expect(m.perform(.truncate(size: s)).error == nil, "\(what)")
            if s < model.count { model.removeLast(model.count - s) } else { model += [UInt8](repeating: 0, count: s - model.count) }
        case 5:
            let keep = next(2) == 0
            what = "fallocate \(off) \(len) keep=\(keep)"
            #expect(m.perform(.fallocate(offset: off, length: len, keepSize: keep)).error == nil, "\(what)")
            if !keep && off + len > model.count { model += [UInt8](repeating: 0, count: off + len - model.count) }
        case 6:
            what = "punch \(off) \(len)"
            #expect(m.perform(.punchHole(offset: off, length: len)).error == nil, "\(what)")
            for k in off..<max(off, min(off + len, model.count)) { model[k] = 0 }
        case 7:
            let keep = next(2) == 0
            what = "zero \(off) \(len) keep=\(keep)"
            #expect(m.perform(.zeroRange(offset: off, length: len, keepSize: keep)).error == nil, "\(what)")
            for k in off..<max(off, min(off + len, model.count)) { model[k] = 0 }
            if !keep && off + len > model.count { model += [UInt8](repeating: 0, count: off + len - model.count) }
        case 8: what = "writeback"; m.perform(.writeback(offset: off, length: len))
        case 9: what = "reclaim"; m.perform(.reclaim(offset: 0, length: span * 2))
        case 10: what = "readahead"; m.perform(.readahead(offset: off, length: len))
        default: what = "fsync"; m.perform(.fsync)
        }
        #expect(m.fileSize == model.count, "step \(step) \(what): size")
        if step % 10 == 0 || step == 399 {
            let r = m.perform(.pread(offset: 0, length: span * 2))
            let bad = firstDifference(r.data, model)
            #expect(bad == nil, "step \(step) \(what): content differs at \(bad ?? -1)")
            if bad != nil { break }
        }
        if !m.violations.isEmpty { break }
    }
    #expect(m.violations.isEmpty, "\(m.violations.prefix(3))")
    m.perform(.fsync)
    m.perform(.reclaim(offset: 0, length: span * 2))
    #expect(firstDifference(m.perform(.pread(offset: 0, length: span * 2)).data, model) == nil, "after fsync + reclaim")
    #expect(m.reservedBlocks == 0 || m.extents(.data, in: ByteRange(offset: 0, length: 1 << 30)).contains { $0.state == .delalloc })
}

/// The first index where the two differ (or the shorter length when one is a prefix), nil when equal.
private func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
    for i in 0..<min(a.count, b.count) where a[i] != b[i] { return i }
    return a.count == b.count ? nil : min(a.count, b.count)
}
