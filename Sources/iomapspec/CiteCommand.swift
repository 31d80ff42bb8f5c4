import ArgumentParser
import SpecKit

// MARK: - iomapspec cite

/// `iomapspec cite ID`: where a section, scenario or parameter table lives, for code review.
struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Print a spec id's section number and title, Spec/file.md:line and report permalink.",
        discussion: "ID may also be a section number: §5.2 or 5.2. An unknown id suggests the closest ids. " + exitStatusHelp)

    @Argument(help: "A section id (chapter-slug/heading-slug or explicit {#id}), §N.M, scenario id or parameter table id.")
    var id: String
    @Option(help: "Package root (default: found from the current directory).") var root: String?

    func run() throws { try Self.withUsage(body) }

    private func body() throws {
        let spec = try loadSpec(root)
        guard let target = spec.lookup(id) else { throw unknownId(id, in: spec) }
        print(spec.citation(target))
    }
}

/// `unknown spec id 'X'; did you mean: A, B` (a usage error: exit 64 with the usage).
func unknownId(_ id: String, in spec: Spec, what: String = "spec id") -> ValidationError {
    let near = spec.suggestions(for: id)
    return ValidationError("unknown \(what) '\(id)'" + (near.isEmpty ? "; `iomapspec list` prints every id" : "; did you mean: " + near.joined(separator: ", ")))
}
