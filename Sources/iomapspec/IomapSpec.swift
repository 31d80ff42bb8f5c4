import ArgumentParser

/// The `iomapspec` command: run, render and cite the literate spec; replay fsx logs.
@main
struct IomapSpec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iomapspec",
        abstract: "Literate reference implementation of the Linux 6.2 stale-iomap fix series.",
        subcommands: [
            RunCommand.self, ReportCommand.self, CiteCommand.self, TraceCommand.self,
            ReplayCommand.self, CrosscheckCommand.self, BenchCommand.self, ExploreCommand.self,
        ]
    )
}
