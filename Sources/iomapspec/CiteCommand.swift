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
        print(citation(spec, target))
    }
}

/// Three lines: `§N.M Title`, `Spec/file.md:line`, `Docs/report/page.html#id`.
func citation(_ spec: Spec, _ t: Spec.Target) -> String {
    func enclosing(_ sectionId: String, _ c: Chapter) -> Section? { c.sections.first { $0.id == sectionId } }
    switch t {
    case .section(let s, let c):
        return "§\(s.number) \(s.title)\n\(s.location.file):\(s.location.line)\nDocs/report/\(c.page)#\(s.id)"
    case .scenario(let s, let c):
        let sec = enclosing(s.sectionId, c)
        return "§\(sec?.number ?? String(c.number)) \(sec?.title ?? c.title), scenario \(s.id)\n\(s.location.file):\(s.location.line)\nDocs/report/\(c.page)#\(s.id)"
    case .parameters(let p, let c):
        let sec = enclosing(p.sectionId, c)
        return "§\(sec?.number ?? String(c.number)) \(sec?.title ?? c.title), parameter table \(p.id)\n\(p.location.file):\(p.location.line)\nDocs/report/\(c.page)#\(p.id)"
    }
}
