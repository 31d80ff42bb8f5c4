import Glibc

// MARK: - getpid, getuid

/// `getpid(2)`: this process's id, for names of temporary files that must not collide between runs.
public func processID() -> Int32 { Glibc.getpid() }

/// `getuid(2)`: the real user id of this process (0 for root).
public func userID() -> UInt32 { Glibc.getuid() }
