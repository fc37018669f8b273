import ArgumentParser

/// `--format table|csv|json`: tables for people, CSV and JSON for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table (for people), csv or json (amounts as \"1234.50\" strings).")
    var format: OutputFormat = .table
}
