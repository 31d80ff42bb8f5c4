import ArgumentParser

/// `iomapspec replay`: not built yet.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("iomapspec replay is not built yet")
    }
}
