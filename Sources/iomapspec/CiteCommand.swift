import ArgumentParser
import SpecKit

/// `iomapspec cite ID`: where a section, scenario or parameter table lives, for code review.
struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Print a spec id's section number and title, Spec/file.md:line and report permalink.")

    @Argument(help: "A section id (chapter-slug/heading-slug or explicit {#id}), scenario id or parameter table id.")
    var id: String
    @Option(help: "Package root (default: found from the current directory).") var root: String?

    func run() throws {
        let spec = try loadSpec(root)
        guard let target = spec.resolve(id) else {
            let near = (spec.sections.map(\.id) + spec.scenarios.map(\.id) + spec.parameterTables.map(\.id)).filter { $0.contains(id) }
            throw ValidationError("unknown spec id '\(id)'" + (near.isEmpty ? "" : "; did you mean: " + near.prefix(5).joined(separator: ", ")))
        }
        print(spec.citation(target))
    }
}
