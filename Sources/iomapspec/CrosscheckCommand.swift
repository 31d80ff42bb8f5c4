import ArgumentParser

/// `iomapspec crosscheck`: not built yet.
struct CrosscheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "crosscheck", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("iomapspec crosscheck is not built yet")
    }
}
