// MARK: - ContentRun

/// A stretch of file or device content: bytes held somewhere, or zeroes (a hole, delalloc, unwritten).
public enum ContentRun {
    /// Bytes valid only during the callback that receives them.
    case bytes(UnsafeRawBufferPointer)
    /// This many zero bytes.
    case zeros(Int)

    public var count: Int {
        switch self {
        case let .bytes(p): return p.count
        case let .zeros(n): return n
        }
    }
}

// MARK: - Content by runs (side-effect free)

extension Machine {
    /// Calls `body` with what a read of `range` (clipped at EOF) would return, run by run, without the read.
    ///
    /// Cached uptodate blocks come from their folios; the rest from the data fork: written blocks from the device,
    /// holes, delalloc and unwritten blocks as zeroes. No folio is created and nothing is traced or checked, so the
    /// cost follows the cached folios and extents in the range and the written data, not the range's length.
    /// Spec: (spec: overview)
    public func forEachContentRun(_ range: ByteRange, _ body: (ContentRun) throws -> Void) rethrows {
        let end = min(range.end, ip.i_size)
        var pos = max(range.start, 0)
        let bs = geometry.blockSize
        while pos < end {
            guard let f = mapping.nextFolio(from: pos), f.pos < end else {
                try forEachMappedRun(pos, end, body)
                return
            }
            if f.pos > pos {
                try forEachMappedRun(pos, f.pos, body)
                pos = f.pos
            }
            // Inside `f`: runs of uptodate blocks from the folio, runs of the others from the extent map.
            let stop = min(end, f.nextPos)
            while pos < stop {
                let up = f.uptodate[f.block(of: pos)]
                var runEnd = min(stop, roundDown(pos, bs) + bs)
                while runEnd < stop && f.uptodate[f.block(of: runEnd)] == up { runEnd = min(stop, runEnd + bs) }
                if up {
                    let (s, e) = (pos - f.pos, runEnd - f.pos)
                    try f.data.withUnsafeBytes { try body(.bytes(UnsafeRawBufferPointer(rebasing: $0[s..<e]))) }
                } else {
                    try forEachMappedRun(pos, runEnd, body)
                }
                pos = runEnd
            }
        }
    }

    /// The data fork's content of `[start, end)`: device bytes behind written extents, zeroes elsewhere.
    func forEachMappedRun(_ start: Int, _ end: Int, _ body: (ContentRun) throws -> Void) rethrows {
        try forEachDiskRun(start, end, unwrittenAsData: false) { daddr, count in
            guard let daddr else { return try body(.zeros(count)) }
            let bytes = (try? device.read(at: daddr, count: count)) ?? [UInt8](repeating: 0, count: count)
            try bytes.withUnsafeBytes { try body(.bytes($0)) }
        }
    }

    /// Splits `[start, end)` along the data fork: `body(daddr, count)` with the device address of written (and,
    /// when `unwrittenAsData`, unwritten) blocks, nil for the rest; device runs are at most 1 MiB each.
    func forEachDiskRun(_ start: Int, _ end: Int, unwrittenAsData: Bool,
                        _ body: (Int?, Int) throws -> Void) rethrows {
        let g = geometry
        let chunk = 1 << 20
        var pos = start
        while pos < end {
            let fsb = g.XFS_B_TO_FSBT(pos)
            guard let e = ip.i_df.lookupExtent(fsb) else { return try body(nil, end - pos) }
            let eStart = g.XFS_FSB_TO_B(e.startOff)
            if eStart > pos {
                let stop = min(end, eStart)
                try body(nil, stop - pos)
                pos = stop
                continue
            }
            let stop = min(end, g.XFS_FSB_TO_B(e.endOff))
            if let sb = e.startBlock, e.state == .written || unwrittenAsData {
                while pos < stop {
                    let n = min(chunk, stop - pos)
                    try body(g.XFS_FSB_TO_B(sb) + (pos - eStart), n)
                    pos += n
                }
            } else {
                try body(nil, stop - pos)
                pos = stop
            }
        }
    }
}

// MARK: - Run-length pictures of content

extension Machine {
    /// `fileContent(range)` as runs of one byte value (never nil), for pictures and expectations.
    /// Spec: (spec: overview)
    public func fileContentRuns(_ range: ByteRange) -> [(byte: UInt8?, count: Int)] {
        var runs: [(byte: UInt8?, count: Int)] = []
        forEachContentRun(range) { run in
            switch run {
            case let .bytes(p): appendRuns(of: p, to: &runs)
            case let .zeros(n): appendRun(0, n, to: &runs)
            }
        }
        return runs
    }

    /// `diskContent(range)` as runs of one byte value; nil runs have no block behind them.
    /// Spec: (spec: overview)
    public func diskContentRuns(_ range: ByteRange) -> [(byte: UInt8?, count: Int)] {
        var runs: [(byte: UInt8?, count: Int)] = []
        forEachDiskRun(range.start, range.end, unwrittenAsData: true) { daddr, count in
            guard let daddr else { return appendRun(nil, count, to: &runs) }
            let bytes = (try? device.read(at: daddr, count: count)) ?? [UInt8](repeating: 0, count: count)
            bytes.withUnsafeBytes { appendRuns(of: $0, to: &runs) }
        }
        return runs
    }
}

/// Appends `count` bytes of `byte`, merging with the last run when it has the same byte.
private func appendRun(_ byte: UInt8?, _ count: Int, to runs: inout [(byte: UInt8?, count: Int)]) {
    guard count > 0 else { return }
    if let last = runs.last, last.byte == byte { runs[runs.count - 1].count += count } else { runs.append((byte, count)) }
}

/// Appends the runs of equal bytes in `p`.
private func appendRuns(of p: UnsafeRawBufferPointer, to runs: inout [(byte: UInt8?, count: Int)]) {
    var i = 0
    while i < p.count {
        let b = p[i]
        var j = i + 1
        while j < p.count && p[j] == b { j += 1 }
        appendRun(b, j - i, to: &runs)
        i = j
    }
}
