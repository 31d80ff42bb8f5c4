import CHostSystem
import Glibc
import SystemPackage

// MARK: - lseek SEEK_DATA, SEEK_HOLE

extension FileDescriptor {
    /// `lseek(fd, offset, SEEK_DATA)`: the first data byte at or after `offset`, nil when there is none (ENXIO).
    public func seekData(from offset: Int64) throws(Errno) -> Int64? {
        switch valueOrErrno({ Glibc.lseek(rawValue, off_t(offset), chostsystem_SEEK_DATA) }) {
        case .success(let position): return Int64(position)
        case .failure(.noSuchAddressOrDevice): return nil
        case .failure(let error): throw error
        }
    }

    /// `lseek(fd, offset, SEEK_HOLE)`: the first hole at or after `offset`; end of file counts as a hole.
    public func seekHole(from offset: Int64) throws(Errno) -> Int64 {
        Int64(try valueOrErrno { Glibc.lseek(rawValue, off_t(offset), chostsystem_SEEK_HOLE) }.get())
    }
}
