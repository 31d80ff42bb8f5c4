import ArgumentParser
import Foundation
import Testing
@testable import iomapspec

// MARK: - The CLI's exit statuses (0 pass, 1 failures or spec errors, 64 usage), in process

/// Package root, from this file's path (Tests/iomapspecTests/ExitStatusTests.swift).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Parses and runs `arguments` as `iomapspec` would; the exit status it would end with.
func exitStatus(_ arguments: [String]) -> Int32 {
    do {
        var command = try IomapSpec.parseAsRoot(arguments)
        try command.run()
        return 0
    } catch {
        return IomapSpec.exitCode(for: error).rawValue
    }
}

@Test func passingSelectionsExitZero() {
    #expect(exitStatus(["run", "--id", "overview/buffered-write-read-back", "--root", packageRoot]) == 0)
    #expect(exitStatus(["cite", "validity-cookies/xfs-559-race", "--root", packageRoot]) == 0)
    #expect(exitStatus(["cite", "validity-cookie/xfs-559-race", "--root", packageRoot]) == 0)  // an alias
    #expect(exitStatus(["cite", "§5.2", "--root", packageRoot]) == 0)
    #expect(exitStatus(["list", "--root", packageRoot]) == 0)
}

@Test func usageErrorsExit64() {
    #expect(exitStatus(["cite", "validity-cookies/xfs-559-rac", "--root", packageRoot]) == 64)   // unknown id
    #expect(exitStatus(["run", "--chapter", "99", "--root", packageRoot]) == 64)               // no such chapter
    #expect(exitStatus(["run", "--id", "validity-cookies", "--root", packageRoot]) == 64)       // a section, not a scenario
    #expect(exitStatus(["run", "--no-such-option"]) == 64)
    #expect(exitStatus(["run", "--check", "sometimes"]) == 64)
    #expect(exitStatus(["no-such-command"]) == 64)
}

@Test func failingRunsExitOne() throws {
    let root = NSTemporaryDirectory() + "/iomapspec-exit-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: root + "/Spec", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    FileManager.default.createFile(atPath: root + "/Package.swift", contents: Data())
    let failing = """
    # T

    ```scenario t/wrong
    | step | actor | action | expect |
    |---|---|---|---|
    | 1 | - | pwrite 0 4k data=A | ret=4096; file 0 4k = B*4k |
    ```

    """
    try failing.write(toFile: root + "/Spec/01-t.md", atomically: true, encoding: .utf8)
    #expect(exitStatus(["run", "--root", root]) == 1)
    try failing.replacingOccurrences(of: "pwrite 0 4k", with: "pwrite 0").write(toFile: root + "/Spec/01-t.md", atomically: true, encoding: .utf8)
    #expect(exitStatus(["run", "--root", root]) == 1)   // a spec error
}

@Test func runSelectsAnExploreBlockById() {
    #expect(exitStatus(["run", "--id", "errortag-removal/explore-drop-writes", "--root", packageRoot]) == 0)
    #expect(exitStatus(["cite", "errortag-removal/explore-drop-writes", "--root", packageRoot]) == 0)
}
