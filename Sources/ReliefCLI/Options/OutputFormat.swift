import ArgumentParser
import ReliefPresentation

extension OutputFormat: ExpressibleByArgument {}

/// `--format table|csv|json`.
struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table (for people), csv or json (amounts as \"1234.50\" strings).")
    var format: OutputFormat = .table
}
