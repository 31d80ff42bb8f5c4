import ArgumentParser
import Foundation
import IomapEngine
import SpecKit

/// `iomapspec run`: parses every chapter, runs the selected scenarios and parameter tables, reports failures.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the spec's scenarios and parameter tables; exit 1 on any failure or spec error.",
        discussion: "--format json: Docs/schemas/run.schema.json; --format junit: Docs/schemas/junit.xsd. " + exitStatusHelp)

    enum Format: String, ExpressibleByArgument { case text, json, junit }

    @Option(help: "Only this chapter (number or slug).") var chapter: String?
    @Option(help: "Only the scenario, parameter table or explore block with this id.") var id: String?
    @Option(help: "Only scenarios with this tag.") var tag: String?
    @Option(help: "Output format: text, json or junit.") var format: Format = .text
    @Option(help: "Invariant checks after each micro-step: incremental (default: what each step touched), full (the whole state every time) or off; every scenario ends with a full sweep.")
    var check: InvariantCheck = .incremental
    @Option(help: ArgumentHelp("Break the engine on purpose (the mutation check): every scenario and the series side of every explore block run on the broken engine; the failures show what notices the break.", valueName: "NAME"))
    var mutation: [EngineMutation] = []
    @Option(help: "Package root (default: found from the current directory).") var root: String?

    func run() throws { try Self.withUsage(body) }

    private func body() throws {
        let spec = try loadSpec(root)
        if let key = chapter, spec.chapter(key) == nil {
            throw ValidationError("no chapter '\(key)': expected one of \(spec.chapters.map { "\($0.number) (\($0.slug))" }.joined(separator: ", "))")
        }
        if let id {
            switch spec.lookup(id) {
            case .scenario?, .parameters?, .exploration?: break
            case let t?:
                throw ValidationError("'\(id)' is a \(spec.kindDescription(t)), not a scenario, parameter table or explore block; run --chapter \(t.chapter.number) runs its chapter")
            case nil:
                throw unknownId(id, in: spec, what: "scenario, parameter table or explore block id")
            }
        }
        let result = SpecRun.run(spec, selection: Selection(chapter: chapter, id: id, tag: tag), check: check,
                                 mutations: Set(mutation))
        if result.scenarios.isEmpty && result.parameters.isEmpty && result.explorations.isEmpty
            && (chapter != nil || id != nil || tag != nil) && result.diagnostics.isEmpty {
            throw ValidationError("the selection matches no scenario, parameter table or explore block; nothing ran")
        }
        switch format {
        case .text: print(result.text, terminator: "")
        case .json: print(result.json, terminator: "")
        case .junit: print(result.junit, terminator: "")
        }
        if !result.succeeded { throw ExitCode(1) }
    }
}

/// Loads the spec from `root` or the package found from the current directory.
func loadSpec(_ root: String?) throws -> Spec {
    let cwd = FileManager.default.currentDirectoryPath
    guard let dir = root ?? findSpecRoot(from: cwd) else {
        throw ValidationError("no Spec/ directory with a Package.swift at or above \(cwd); run inside the iomapspec checkout or pass --root")
    }
    return SpecLoader.load(root: dir)
}
