// MARK: - SeekWhence

/// `SEEK_DATA` / `SEEK_HOLE` (include/uapi/linux/fs.h).
public enum SeekWhence: Hashable {
    case data, hole
}
