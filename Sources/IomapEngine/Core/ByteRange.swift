// MARK: - ByteRange

/// A half-open byte range `[start, end)` of a file or device; printed as `offset+length` ("0+40k").
public struct ByteRange: Hashable, CustomStringConvertible {
    public var start: Int
    /// Exclusive end.
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(end >= start, "ByteRange end \(end) before start \(start)")
        self.start = start
        self.end = end
    }

    public init(offset: Int, length: Int) { self.init(start: offset, end: offset + length) }

    public var length: Int { end - start }
    public var isEmpty: Bool { end == start }

    /// The overlap of two ranges, nil when they share no byte.
    public func intersection(_ o: ByteRange) -> ByteRange? {
        let s = max(start, o.start), e = min(end, o.end)
        return s < e ? ByteRange(start: s, end: e) : nil
    }

    public func contains(_ pos: Int) -> Bool { pos >= start && pos < end }

    /// True when the two ranges share at least one byte.
    public func overlaps(_ o: ByteRange) -> Bool { intersection(o) != nil }

    public var description: String { "\(formatSize(start))+\(formatSize(length))" }
}
