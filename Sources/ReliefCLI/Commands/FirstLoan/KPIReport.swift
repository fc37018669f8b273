import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand {
    struct KPIReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report", abstract: "First-loan KPIs for a period, optionally by bank, county or counsellor.",
            discussion: """
                Period [--from, --to], both inclusive; default from the first recorded event to \
                today. under_cultivation = firms identified by --to and not withdrawn or \
                declined before --from; first_loan_borrowers = those whose first loan was \
                disbursed in the period; first_loan_rate = first_loan_borrowers / \
                under_cultivation; new_borrowers = firms whose first loan in the ledger falls in \
                the period; first_loan_share_of_new_borrowers = first-loan borrowers among all \
                firms / new_borrowers. Ratios half-up to 4 decimals, "0.0000" when the \
                denominator is 0. Also the median days from identification to first loan and \
                the funnel (firms that reached each stage by --to).

                --by bank: the bank of the firm's first loan, else of its latest transition \
                that names a bank; --by counsellor: the one assigned when the first loan was \
                disbursed, else the latest.
                """)

        @Option(help: ArgumentHelp("First day of the period.", valueName: "date"), transform: ValueParsers.date) var from: CivilDate?
        @Option(help: ArgumentHelp("Last day of the period (default today).", valueName: "date"), transform: ValueParsers.date) var to: CivilDate?
        @Option(help: ArgumentHelp("Group by bank, county or counsellor.", valueName: "group"), transform: FirstLoanCommand.grouping)
        var by: FirstLoanReport.Grouping?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let report = try FirstLoanWorkflow.report(try database.open(), from: from, to: try to ?? Today.resolve(), by: by)
            StandardStreams.writeOut(FirstLoanReportOutput(report: report).render(output.format))
        }
    }
}
