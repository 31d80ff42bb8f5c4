import Foundation

// MARK: - running the host's tools (mkfs.xfs, losetup, mount, umount)

/// The one way FsxReplay runs a program: found in PATH, run to completion, stdout returned, stderr on failure.
public enum HostTool {
    /// The executable `name` in PATH, /usr/sbin or /sbin; nil when there is none.
    public static func path(of name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        for dir in (path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]) {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `tool` with `arguments` to completion; its stdout, or an error with its exit status and stderr.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let executable = path(of: tool) else { throw FsxReplayError("\(tool) not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            let message = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw FsxReplayError("\(tool) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(message)")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
