import ArgumentParser

/// `iomapspec cite`: not built yet.
struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cite", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("iomapspec cite is not built yet")
    }
}
