import ArgumentParser
import SpecKit

// MARK: - iomapspec list

/// `iomapspec list [--format text|json]`: every id a reader can cite, run or trace.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every section, scenario, parameter table and explore block id with its kind, § and title or summary.",
        discussion: "Text: one line per id, tab-separated: kind, id, §, title or summary. " + exitStatusHelp)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: "Package root (default: found from the current directory).") var root: String?

    func run() throws { try Self.withUsage(body) }

    private func body() throws {
        let spec = try loadSpec(root)
        let list = SpecIndexList(spec)
        print(format == .json ? list.json : list.text, terminator: "")
    }
}
