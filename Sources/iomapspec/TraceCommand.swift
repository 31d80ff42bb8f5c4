import ArgumentParser
import SpecKit

/// `iomapspec trace ID`: runs one scenario and prints the engine state after every step.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run one scenario and print the engine state (pictures, counters, kernel calls) after every step.")

    @Argument(help: "Scenario id.") var id: String
    @Option(help: "Only this run: 'expect' or 'without SWITCH'.") var variant: String?
    @Option(help: "Package root (default: found from the current directory).") var root: String?

    func run() throws {
        let spec = try loadSpec(root)
        for d in spec.diagnostics { print(d) }
        guard let s = spec.scenario(named: id) else {
            throw ValidationError("unknown scenario id '\(id)'")
        }
        if let v = variant, !s.variantNames.contains(v) {
            throw ValidationError("scenario \(id) has no run '\(v)': expected one of \(s.variantNames.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let r = ScenarioRunner.run(s)
        print(r.traceText(variant: variant), terminator: "")
        print(r.passed ? "scenario \(id) passed" : "scenario \(id) failed")
        if !r.passed { throw ExitCode(1) }
    }
}
