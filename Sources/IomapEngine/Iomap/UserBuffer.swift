// MARK: - UserBuffer (the iov_iter of a write)

/// The source of a buffered write (`struct iov_iter`), unreadable after `faultAfter` bytes.
///
/// Copy-in comes up short where the buffer's pages stop being readable: the efault injection of a partly
/// unmapped user buffer.
final class UserBuffer {
    let data: [UInt8]
    /// Bytes consumed so far (the iov_iter position).
    var consumed = 0
    /// Bytes from the start that can be read; nil: all.
    let faultAfter: Int?

    init(_ data: [UInt8], faultAfter: Int?) {
        self.data = data
        self.faultAfter = faultAfter
    }

    /// `iov_iter_count`: bytes left.
    var count: Int { data.count - consumed }

    /// Readable bytes from the current position.
    var readable: Int { max(0, min(data.count, faultAfter ?? data.count) - consumed) }

    /// `fault_in_iov_iter_readable(i, bytes)`: the number of the next `bytes` that could not be faulted in.
    func fault_in_iov_iter_readable(_ bytes: Int) -> Int { bytes - min(bytes, readable) }

    /// `copy_page_from_iter_atomic`: copies up to `bytes` into `folio` at file offset `pos`, stopping at the fault.
    func copy_page_from_iter_atomic(_ folio: Folio, _ pos: Int, _ bytes: Int) -> Int {
        let n = min(bytes, readable)
        let off = pos - folio.pos
        folio.data.replaceSubrange(off..<(off + n), with: data[consumed..<(consumed + n)])
        consumed += n
        return n
    }

    /// `iov_iter_revert`: un-consumes `n` bytes.
    func iov_iter_revert(_ n: Int) { consumed -= n }
}
