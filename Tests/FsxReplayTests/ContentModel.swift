@testable import FsxReplay

/// A POSIX file reduced to its bytes (no blocks, no cache): what every operation must do to the content.
/// It checks the replay rules and the pattern against the kernel's sizes and hashes independently of the engine.
final class ContentModel: FsxTarget {
    var bytes: [UInt8] = []

    func fileSize() throws -> Int { bytes.count }
    func pwrite(offset: Int, data: [UInt8]) throws { store(offset, data, grow: true) }
    func pread(offset: Int, length: Int) throws -> [UInt8] {
        guard offset < bytes.count else { return [] }
        return Array(bytes[offset..<min(bytes.count, offset + length)])
    }
    func truncate(size: Int) throws {
        if size < bytes.count { bytes.removeLast(bytes.count - size) } else { bytes += [UInt8](repeating: 0, count: size - bytes.count) }
    }
    func mapStore(offset: Int, data: [UInt8]) throws {
        precondition(offset + data.count <= bytes.count, "replayer must extend before a mapped store")
        store(offset, data, grow: false)
    }
    func mapLoad(offset: Int, length: Int) throws -> [UInt8] {
        precondition(offset + length <= bytes.count, "replayer must clip a mapped load at EOF")
        return Array(bytes[offset..<offset + length])
    }
    func fallocate(offset: Int, length: Int, keepSize: Bool) throws {
        if !keepSize && offset + length > bytes.count { try truncate(size: offset + length) }
    }
    func punchHole(offset: Int, length: Int) throws { zero(offset, length) }
    func zeroRange(offset: Int, length: Int, keepSize: Bool) throws {
        zero(offset, length)
        if !keepSize && offset + length > bytes.count { try truncate(size: offset + length) }
    }
    /// FALLOC_FL_COLLAPSE_RANGE: the bytes of the range go, what follows moves down.
    func collapseRange(offset: Int, length: Int) throws {
        precondition(offset + length < bytes.count, "collapse must end below EOF")
        bytes.removeSubrange(offset..<offset + length)
    }
    /// FALLOC_FL_INSERT_RANGE: `length` zero bytes appear at `offset`, what follows moves up.
    func insertRange(offset: Int, length: Int) throws {
        precondition(offset < bytes.count, "insert must start below EOF")
        bytes.insert(contentsOf: [UInt8](repeating: 0, count: length), at: offset)
    }
    func fsync() throws {}
    func remount() throws {}   // bytes survive a remount
    func seekData(_ offset: Int) throws -> Int? { offset < bytes.count ? offset : nil }
    func seekHole(_ offset: Int) throws -> Int { bytes.count }

    private func store(_ offset: Int, _ data: [UInt8], grow: Bool) {
        if grow && offset + data.count > bytes.count { try! truncate(size: offset + data.count) }
        bytes.replaceSubrange(offset..<offset + data.count, with: data)
    }
    private func zero(_ offset: Int, _ length: Int) {
        let end = min(bytes.count, offset + length)
        if offset < end { bytes.replaceSubrange(offset..<end, with: [UInt8](repeating: 0, count: end - offset)) }
    }
}
