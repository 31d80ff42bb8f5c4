import Glibc

// MARK: - uname

/// The running kernel's release, `uname -r` (`utsname.release` from `uname(2)`).
public func kernelRelease() -> String {
    var names = utsname()
    uname(&names)
    return withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
}
