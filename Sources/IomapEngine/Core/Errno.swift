// MARK: - Errno

/// The Linux error numbers the model returns or a scenario may name.
///
/// From include/uapi/asm-generic/errno-base.h and errno.h; kernel code returns them negated.
public enum Errno: Int32, Error, CaseIterable, CustomStringConvertible {
    case EPERM = 1, ENOENT = 2, EIO = 5, ENXIO = 6, EAGAIN = 11, ENOMEM = 12, EFAULT = 14, EBUSY = 16, EINVAL = 22
    case EFBIG = 27, ENOSPC = 28, EDEADLK = 35, EOPNOTSUPP = 95
    /// XFS's `EFSCORRUPTED` (fs/xfs/xfs_linux.h: `#define EFSCORRUPTED EUCLEAN`, 117).
    case EFSCORRUPTED = 117

    /// The symbolic name, "EIO".
    public var name: String {
        switch self {
        case .EPERM: return "EPERM"
        case .ENOENT: return "ENOENT"
        case .EIO: return "EIO"
        case .ENXIO: return "ENXIO"
        case .EAGAIN: return "EAGAIN"
        case .ENOMEM: return "ENOMEM"
        case .EFAULT: return "EFAULT"
        case .EBUSY: return "EBUSY"
        case .EINVAL: return "EINVAL"
        case .EFBIG: return "EFBIG"
        case .ENOSPC: return "ENOSPC"
        case .EDEADLK: return "EDEADLK"
        case .EOPNOTSUPP: return "EOPNOTSUPP"
        case .EFSCORRUPTED: return "EFSCORRUPTED"
        }
    }

    /// Looks an error up by its symbolic name ("ENOSPC"); nil for names the model does not know.
    public init?(name: String) {
        guard let e = Errno.allCases.first(where: { $0.name == name }) else { return nil }
        self = e
    }

    public var description: String { name }
}
