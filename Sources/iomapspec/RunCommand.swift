import ArgumentParser

/// `iomapspec run`: not built yet.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("iomapspec run is not built yet")
    }
}
