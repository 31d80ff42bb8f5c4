import ArgumentParser

// MARK: - The command

/// Exit statuses, shown in every subcommand's `--help` and in the README.
let exitStatusHelp = """
    Exit status: 0 everything passed; 1 a scenario, parameter table or red-when-reverted check failed, or the spec \
    has errors; 64 usage error (bad option or argument, unknown id; the subcommand's usage is printed).
    """

/// The `iomapspec` command: run, render and cite the literate spec; replay fsx logs.
@main
struct IomapSpec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iomapspec",
        abstract: "Literate reference implementation of the Linux 6.2 stale-iomap fix series.",
        discussion: exitStatusHelp,
        subcommands: [
            RunCommand.self, ReportCommand.self, ListCommand.self, CiteCommand.self, TraceCommand.self,
            ReplayCommand.self, CrosscheckCommand.self, BenchCommand.self, ExploreCommand.self,
        ]
    )
}

extension ParsableCommand {
    /// Runs `body`; a `ValidationError` prints this subcommand's usage and exits 64.
    static func withUsage(_ body: () throws -> Void) throws {
        do { try body() } catch let e as ValidationError {
            let name = Self.configuration.commandName ?? ""
            FileHandleStderr.write("Error: \(e.message)\nUsage: \(IomapSpec.usageString(for: Self.self))\n"
                                   + "  See 'iomapspec \(name) --help' for more information.\n")
            throw ExitCode.validationFailure
        }
    }
}
