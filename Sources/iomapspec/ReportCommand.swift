import ArgumentParser

/// `iomapspec report`: not built yet.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("iomapspec report is not built yet")
    }
}
