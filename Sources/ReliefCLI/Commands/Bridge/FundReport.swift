import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension BridgeCommand {
    struct FundReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report", abstract: "The fund's figures for a period: balance, utilisation, turnover, breaches, by bank and county.",
            discussion: """
                Period [--from, --to], both inclusive; default from the fund's first movement to \
                today. Utilisation = principal outstanding summed over the period's days / \
                capital summed over the same days; turnover = amount advanced in the period / \
                capital at its end; average days over advances repaid in the period.
                """)

        @Option(help: ArgumentHelp("First day of the period.", valueName: "date"), transform: ValueParsers.date) var from: CivilDate?
        @Option(help: ArgumentHelp("Last day of the period (default today).", valueName: "date"), transform: ValueParsers.date) var to: CivilDate?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let report = try BridgeFundWorkflow.report(try database.open(), from: from, to: try to ?? Today.resolve())
            StandardStreams.writeOut(BridgeReportOutput(report: report).render(output.format))
        }
    }
}
