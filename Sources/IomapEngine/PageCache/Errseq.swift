// MARK: - errseq_t (lib/errseq.c)

/// `errseq_t`: an error number, a "seen" flag and a change counter in one 32-bit word (lib/errseq.c).
///
/// The low 12 bits (`MAX_ERRNO`) hold the last error, bit 12 (`ERRSEQ_SEEN`) says someone sampled it since it was
/// set, the bits above count errors set after a sample. Each open file keeps its own sample (`f_wb_err`), so an
/// error is reported once per file description. Spec: (spec: overview/writeback-errors)
public struct errseq_t: Hashable, Sendable, CustomStringConvertible {
    /// The whole word.
    public private(set) var raw: UInt32 = 0

    static let MAX_ERRNO: UInt32 = 4095
    static let ERRSEQ_SEEN: UInt32 = 1 << 12
    static let ERRSEQ_CTR_INC: UInt32 = 1 << 13

    public init() {}

    /// `errseq_set`: records `err` (negative); bumps the counter when the previous value was seen.
    public mutating func errseq_set(_ err: Int) {
        guard err < 0, -err <= Int(Self.MAX_ERRNO) else { return }
        let old = raw
        var new = (old & ~(Self.MAX_ERRNO | Self.ERRSEQ_SEEN)) | UInt32(-err)
        if old & Self.ERRSEQ_SEEN != 0 { new &+= Self.ERRSEQ_CTR_INC }
        if new != old { raw = new }
    }

    /// `errseq_sample`: what a new opener starts from: the value if it was seen, else 0 (so it sees the error).
    public func errseq_sample() -> errseq_t {
        var s = errseq_t()
        if raw & Self.ERRSEQ_SEEN != 0 { s.raw = raw }
        return s
    }

    /// `errseq_check`: 0 when nothing changed since `since`, else the current error (negative).
    public func errseq_check(_ since: errseq_t) -> Int {
        raw == since.raw ? 0 : -Int(raw & Self.MAX_ERRNO)
    }

    /// `errseq_check_and_advance`: the error set since `since` (negative) or 0; marks it seen and moves `since` on.
    public mutating func errseq_check_and_advance(_ since: inout errseq_t) -> Int {
        guard raw != since.raw else { return 0 }
        raw |= Self.ERRSEQ_SEEN
        since = self
        return -Int(raw & Self.MAX_ERRNO)
    }

    public var description: String { "errseq(err=\(raw & Self.MAX_ERRNO) seen=\(raw & Self.ERRSEQ_SEEN != 0) ctr=\(raw >> 13))" }
}
