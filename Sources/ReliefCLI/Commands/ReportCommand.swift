import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefLedger
import ReliefPresentation

/// `relief report --html FILE`: the ledger's figures as a page that opens in any browser.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report (inline SVG charts, no network) of the ledger.",
        discussion: """
            Charts: bridge fund cash and advances outstanding day by day, relief by bank and by \
            month, deferred principal outstanding over time; a table beneath each chart.

            Example: relief report --html report.html --db relief.sqlite --to 2020-12-31
            """
    )

    @Option(help: ArgumentHelp("Required. The HTML file to write.", valueName: "file")) var html: String
    @Option(help: ArgumentHelp("First day (default: the first bridge fund movement, deferral or cultivation event; else --to).", valueName: "date"), transform: ValueParsers.date) var from: CivilDate?
    @Option(help: ArgumentHelp("Last day (default: today).", valueName: "date"), transform: ValueParsers.date) var to: CivilDate?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let file = try OutputFile(html, database: database.path)
        let end = try to ?? Today.resolve()
        let report = HTMLReport(try ReportWorkflow.gather(try database.open(), from: from, to: end))
        try file.write(Data(report.render().utf8))
        StandardStreams.writeOut("Wrote \(html) (\(report.from) to \(report.to))\n")
    }
}
