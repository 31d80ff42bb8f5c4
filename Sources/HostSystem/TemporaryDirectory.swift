import Glibc
import SystemPackage

// MARK: - mkdtemp

/// `mkdtemp(3)`: a new directory (mode 0700) named `template` with its trailing `XXXXXX` made unique; its path.
public func makeTemporaryDirectory(_ template: String) throws(Errno) -> String {
    var path = Array(template.utf8CString)
    guard mkdtemp(&path) != nil else { throw Errno(rawValue: Glibc.errno) }
    return String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
