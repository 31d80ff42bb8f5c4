import Testing
@testable import IomapEngine

// MARK: - Randomized round trip through the page cache, writeback, reclaim and readahead

/// Deterministic xorshift generator so every run replays the same operations.
private struct XorShift {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Random pwrite / writeback / reclaim / readahead / fsync sequences; after each step every read (pread, and the
/// side-effect-free `fileContent`) must match a plain byte-array model of the file. This checks that writeback
/// writes exactly the cached bytes to the blocks the extent map says, and that reads bring them back.
@Test(arguments: [(4096, 4096, 1), (1024, 4096, 2), (1024, 16384, 3), (4096, 16384, 4)])
func randomRoundTrip(_ geometry: (Int, Int, UInt64)) {
    let (bs, folio, seed) = geometry
    let m = storageMachine(bs: bs, folio: folio)
    var rng = XorShift(state: 0x9E3779B97F4A7C15 &+ seed)
    var model: [UInt8] = []
    let maxSize = 96 * 1024
    var log: [String] = []
    for step in 0..<150 {
        let kind = rng.below(10)
        switch kind {
        case 0...3:
            let off = rng.below(maxSize - 1), len = 1 + rng.below(min(20000, maxSize - off))
            let c = UInt8(ascii: "a") + UInt8(step % 26)
            log.append("pwrite \(off) \(len)")
            let r = m.perform(.pwrite(offset: off, data: [UInt8](repeating: c, count: len)))
            #expect(r.error == nil && r.value == len, "step \(step): \(log.last!) -> \(r)")
            if model.count < off + len { model += [UInt8](repeating: 0, count: off + len - model.count) }
            model.replaceSubrange(off..<(off + len), with: [UInt8](repeating: c, count: len))
        case 4:
            let off = rng.below(maxSize), len = 1 + rng.below(maxSize)
            log.append("writeback \(off) \(len)")
            #expect(m.perform(.writeback(offset: off, length: len)).error == nil, "step \(step)")
        case 5:
            log.append("reclaim")
            _ = m.perform(.reclaim(offset: 0, length: 1 << 30))
        case 6:
            let off = rng.below(maxSize), len = 1 + rng.below(32768)
            log.append("readahead \(off) \(len)")
            #expect(m.perform(.readahead(offset: off, length: len)).error == nil, "step \(step)")
        case 7:
            log.append("fsync")
            #expect(m.perform(.fsync).error == nil, "step \(step)")
        default:
            let off = rng.below(maxSize), len = 1 + rng.below(20000)
            log.append("pread \(off) \(len)")
            let r = m.perform(.pread(offset: off, length: len))
            let want = off >= model.count ? [] : Array(model[off..<min(model.count, off + len)])
            #expect(r.data == want, "step \(step): \(log.suffix(8))")
        }
        #expect(m.fileSize == model.count, "step \(step)")
        if m.fileContent(ByteRange(start: 0, end: model.count)) != model {
            Issue.record("step \(step): fileContent differs from the model after \(log.suffix(8))")
            break
        }
    }
    // Everything on disk: after fsync and reclaim, the file reads back from the device alone.
    #expect(m.perform(.fsync).error == nil)
    _ = m.perform(.reclaim(offset: 0, length: 1 << 30))
    #expect(m.mapping.folios.isEmpty)
    #expect(m.extentPicture(.data, ByteRange(start: 0, end: roundUp(model.count, bs))).allSatisfy { $0 == "w" || $0 == "h" || $0 == "u" })
    #expect(m.perform(.pread(offset: 0, length: model.count)).data == model)
    #expect(m.reservedBlocks == 0)
    #expect(m.violations.isEmpty, "\(m.violations.prefix(3))")
}
