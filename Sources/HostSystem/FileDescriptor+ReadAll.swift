import SystemPackage

// MARK: - pread until full

extension FileDescriptor {
    /// `pread(2)` at `offset` until `buffer` is full or end of file; how many bytes it read.
    ///
    /// Fewer than `buffer.count` only at end of file. The counterpart of swift-system's
    /// `writeAll(toAbsoluteOffset:_:)`, and like it, throws only `Errno`.
    public func readAll(fromAbsoluteOffset offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = try read(fromAbsoluteOffset: offset + Int64(done),
                             into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            if n == 0 { break }
            done += n
        }
        return done
    }
}
