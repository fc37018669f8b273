import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefPresentation

/// `relief extend`: 展期, the same loan with a later maturity, within the cumulative cap.
struct ExtendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: "Extend a loan's maturity (展期) within the cumulative cap; exit 65 past it.",
        discussion: """
            Cap, counted in months of the original term: up to 12 months, at most the term; \
            over 12 and up to 60 months, at most half the term; over 60 months, at most 36 \
            months. Installments due before the agreement date (--agreed, default the \
            original maturity) stay as they were; the principal left is repaid by the \
            loan's method up to the new maturity.

            Example:
              relief extend --principal 1200000 --rate 4.35% \\
                  --start 2020-01-15 --months 12 --to 2021-07-15
            """
    )

    @OptionGroup var loan: LoanOptions

    @Option(help: ArgumentHelp("Required. The new maturity date.", valueName: "date"), transform: ValueParsers.date)
    var to: CivilDate

    @Option(help: ArgumentHelp("When the extension takes effect; on or before the original maturity (default: the maturity).",
                               valueName: "date"),
            transform: ValueParsers.date)
    var agreed: CivilDate?

    @OptionGroup var output: FormatOption

    func run() throws {
        let terms = try loan.terms()
        let result = try LoanQuoteWorkflow.extended(terms, to: to, agreed: agreed, rounding: loan.rounding)
        let report = ScheduleReport(schedule: result.extended)
        switch output.format {
        case .table:
            let header = "Extension (展期) of " + ScheduleReport.describe(terms) + "\n"
                + "Maturity \(terms.maturity) -> \(result.newMaturity), agreed \(result.agreed); cap \(result.capMonths) months for a \(terms.termMonths)-month loan (latest \(result.latestMaturity)).\n"
                + "Rows due before \(result.agreed) are unchanged.\n\n"
            StandardStreams.writeOut(header + report.table().split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n"))
        case .csv:
            StandardStreams.writeOut(report.csv())
        case .json:
            StandardStreams.writeOut(JSONValue.object([
                ("original_maturity", .string(terms.maturity.description)),
                ("new_maturity", .string(result.newMaturity.description)),
                ("agreed", .string(result.agreed.description)),
                ("cap_months", .integer(result.capMonths)),
                ("latest_maturity", .string(result.latestMaturity.description)),
            ] + report.jsonMembers()).rendered())
        }
    }
}
