import Foundation

// MARK: - reading inputs

/// Whole contents of a file, or an error naming it.
func readWholeFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw FsxReplayError("\(path): cannot read file")
    }
    return [UInt8](data)
}

/// A replay failure with a one-line message for the command line.
public struct FsxReplayError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
