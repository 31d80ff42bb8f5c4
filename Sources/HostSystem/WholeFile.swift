import Glibc
import SystemPackage

// MARK: - mkdir -p, and a whole file written at once

/// `mkdir(2)` for `path` and every missing parent (mode 0755); an existing directory is fine.
public func makeDirectories(_ path: String) throws(Errno) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
        prefix += component
        if case .failure(let e) = nothingOrErrno({ Glibc.mkdir(prefix, 0o755) }), e != .fileExists { throw e }
        // It exists now: it must be a directory (open(O_DIRECTORY) says ENOTDIR otherwise).
        do { try FileDescriptor.open(FilePath(prefix), .readOnly, options: [.directory]).close() } catch let e as Errno {
            throw e
        } catch { throw Errno.ioError }
        prefix += "/"
    }
}

/// `open(O_WRONLY|O_CREAT|O_TRUNC, 0644)`, `write` until done, `close`: `path` holds exactly `bytes`.
public func writeWholeFile(_ path: String, _ bytes: [UInt8]) throws(Errno) {
    do {
        let fd = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .truncate],
                                         permissions: [.ownerReadWrite, .groupRead, .otherRead])
        try fd.closeAfter { _ = try bytes.withUnsafeBytes { try fd.writeAll($0) } }
    } catch let e as Errno { throw e } catch { throw Errno.ioError }
}
