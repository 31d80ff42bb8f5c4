import Foundation

/// File-system questions SpecKit asks (kept in one place).
enum FileManagerShim {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
