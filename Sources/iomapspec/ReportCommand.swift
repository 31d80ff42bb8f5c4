import ArgumentParser
import Foundation
import SpecKit

/// `iomapspec report`: runs the whole spec and writes the self-contained HTML report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run the whole spec and write the HTML report (index + one page per chapter); print its path.",
        discussion: "Writes even when scenarios fail. " + exitStatusHelp)

    @Option(help: "Output directory.") var out: String = "Docs/report"
    @Option(help: "Package root (default: found from the current directory).") var root: String?

    func run() throws { try Self.withUsage(body) }

    private func body() throws {
        let spec = try loadSpec(root)
        let result = SpecRun.run(spec)
        let dir = out.hasPrefix("/") ? out : spec.root + "/" + out
        let path: String
        do { path = try HTMLReport(run: result).write(to: dir) } catch {
            FileHandleStderr.write("Error: \(error)\n")
            throw ExitCode(1)
        }
        print(result.summary)
        print(URL(fileURLWithPath: path).standardizedFileURL.path)
        if !result.succeeded { throw ExitCode(1) }
    }
}
