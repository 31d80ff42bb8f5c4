import CHostSystem
import SystemPackage

// MARK: - fallocate

extension FileDescriptor {
    /// The `mode` of `fallocate(2)`: no flag preallocates (unwritten extents) and may extend the file.
    public struct AllocateMode: OptionSet, Sendable, Hashable {
        public let rawValue: CInt
        public init(rawValue: CInt) { self.rawValue = rawValue }

        /// `FALLOC_FL_KEEP_SIZE`: the file size does not change, even when the range ends past it.
        public static var keepSize: AllocateMode { AllocateMode(rawValue: chostsystem_FALLOC_FL_KEEP_SIZE) }
        /// `FALLOC_FL_PUNCH_HOLE`: frees the range's blocks (it reads back as zeroes); needs `keepSize`.
        public static var punchHole: AllocateMode { AllocateMode(rawValue: chostsystem_FALLOC_FL_PUNCH_HOLE) }
        /// `FALLOC_FL_ZERO_RANGE`: the range reads back as zeroes, its blocks stay allocated.
        public static var zeroRange: AllocateMode { AllocateMode(rawValue: chostsystem_FALLOC_FL_ZERO_RANGE) }
        /// `FALLOC_FL_COLLAPSE_RANGE`: removes the range; what follows moves down and the file shrinks by `length`.
        public static var collapseRange: AllocateMode { AllocateMode(rawValue: chostsystem_FALLOC_FL_COLLAPSE_RANGE) }
        /// `FALLOC_FL_INSERT_RANGE`: inserts a hole at `offset`; what follows moves up and the file grows by `length`.
        public static var insertRange: AllocateMode { AllocateMode(rawValue: chostsystem_FALLOC_FL_INSERT_RANGE) }
    }

    /// `fallocate(fd, mode, offset, length)`: allocates, punches or zeroes `[offset, offset + length)`.
    public func allocate(_ mode: AllocateMode = [], offset: Int64, length: Int64) throws(Errno) {
        try nothingOrErrno { chostsystem_fallocate(rawValue, mode.rawValue, offset, length) }.get()
    }
}
