import Glibc
import SystemPackage

// MARK: - mmap, msync, munmap

/// A read-write `MAP_SHARED` mapping of part of an open file, from `mmap(2)` until `unmap()`.
///
/// Stores through `bytes` reach the page cache through write faults; loads read it through read faults.
public struct SharedMapping {
    /// The bytes of the file range the mapping was made for, `[offset, offset + length)`.
    public let bytes: UnsafeMutableRawBufferPointer
    /// The whole mapping: from the page boundary at or below `offset` to the end of the range.
    private let mapping: UnsafeMutableRawBufferPointer

    /// `mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, start)` covering `[offset, offset + length)`.
    ///
    /// `start` is the page boundary at or below `offset` (mmap takes only page-aligned offsets); a zero `length`
    /// is EINVAL.
    public init(_ fd: FileDescriptor, offset: Int64, length: Int) throws(Errno) {
        let page = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let start = offset - offset % page
        let lead = Int(offset - start)
        let address = Glibc.mmap(nil, lead + length, PROT_READ | PROT_WRITE, MAP_SHARED, fd.rawValue, off_t(start))
        guard let address, address != MAP_FAILED else { throw Errno(rawValue: Glibc.errno) }
        mapping = UnsafeMutableRawBufferPointer(start: address, count: lead + length)
        bytes = UnsafeMutableRawBufferPointer(rebasing: mapping[lead...])
    }

    /// `msync(MS_SYNC)`: writes the mapping's dirty pages back and waits for the IO.
    public func sync() throws(Errno) {
        try nothingOrErrno { Glibc.msync(mapping.baseAddress, mapping.count, MS_SYNC) }.get()
    }

    /// `munmap(2)`: removes the mapping; `bytes` must not be used afterwards.
    public func unmap() throws(Errno) {
        try nothingOrErrno { Glibc.munmap(mapping.baseAddress, mapping.count) }.get()
    }
}
