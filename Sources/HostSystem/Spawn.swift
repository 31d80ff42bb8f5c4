import Glibc
import SystemPackage

// MARK: - posix_spawn + wait4

/// How a child process ended and what it used.
public struct ChildUsage: Sendable {
    /// The exit status (`WEXITSTATUS`), or 128 + the signal that ended it.
    public var status: Int32
    /// Peak resident set size, KiB (`ru_maxrss` from wait4).
    public var maxResidentKiB: Int
}

/// `posix_spawn(2)` of `path` with `arguments` (argv[1...]), standard output to `stdoutPath`, then `wait4(2)`.
public func spawnAndWait(_ path: String, _ arguments: [String], stdoutPath: String = "/dev/null") throws(Errno) -> ChildUsage {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let r = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard r == 0 else { throw Errno(rawValue: r) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard Glibc.errno == EINTR else { throw Errno(rawValue: Glibc.errno) }
    }
    let exited = (status & 0x7f) == 0
    return ChildUsage(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), maxResidentKiB: usage.ru_maxrss)
}
