import Glibc
import SystemPackage

// MARK: - calling the C library

/// Runs a C call that returns -1 and sets `errno` on failure, again while a signal interrupts it (EINTR).
///
/// The same retry as swift-system's own calls make by default.
func valueOrErrno<I: FixedWidthInteger>(_ call: () -> I) -> Result<I, Errno> {
    while true {
        let result = call()
        if result != -1 { return .success(result) }
        let error = Errno(rawValue: Glibc.errno)
        if error != .interrupted { return .failure(error) }
    }
}

/// `valueOrErrno` for a call whose only result is success or failure.
func nothingOrErrno<I: FixedWidthInteger>(_ call: () -> I) -> Result<Void, Errno> {
    valueOrErrno(call).map { _ in () }
}
