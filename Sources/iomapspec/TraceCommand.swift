import ArgumentParser
import SpecKit

// MARK: - iomapspec trace

/// `iomapspec trace ID`: runs one scenario and prints the engine state after every step.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run one scenario and print the engine state (pictures, counters, kernel calls) after every step.",
        discussion: "--format json prints the same per-step state as fields (schema: Docs/schemas/run.schema.json, $defs/scenario). " + exitStatusHelp)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Scenario id (or a former id).") var id: String
    @Option(help: "Only this run: 'expect' or 'without SWITCH'.") var variant: String?
    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: "Package root (default: found from the current directory).") var root: String?

    func run() throws { try Self.withUsage(body) }

    private func body() throws {
        let spec = try loadSpec(root)
        guard let s = spec.scenario(named: id) else {
            if let t = spec.lookup(id) {
                var hint = "`iomapspec cite \(id)` shows where it is"
                if case .parameters = t { hint = "`iomapspec run --id \(t.id)` checks it row by row" }
                throw ValidationError("'\(id)' is a \(spec.kindDescription(t)), not a scenario; trace runs scenarios; \(hint)")
            }
            throw unknownId(id, in: spec, what: "scenario id")
        }
        if let v = variant, !s.variantNames.contains(v) {
            throw ValidationError("scenario \(id) has no run '\(v)': expected one of \(s.variantNames.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let r = ScenarioRunner.run(s)
        switch format {
        case .text:
            for d in spec.diagnostics { print(d) }
            print(r.traceText(variant: variant), terminator: "")
            print(r.passed ? "scenario \(id) passed" : "scenario \(id) failed")
        case .json:
            print(r.traceJSON(variant: variant), terminator: "")
        }
        if !r.passed { throw ExitCode(1) }
    }
}
