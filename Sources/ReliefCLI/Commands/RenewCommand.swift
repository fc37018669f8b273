import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefPresentation

/// `relief renew`: 无还本续贷, a new loan settles the old one; no principal leaves the borrower.
struct RenewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew a loan without repaying principal (无还本续贷).",
        discussion: """
            On the renewal date (by the maturity date) the new loan's proceeds settle the old \
            loan's outstanding principal, so no money leaves the firm for it; the interest \
            accrued since the last due date is settled as usual. The new loan keeps the old \
            terms unless --new-rate, --new-months, --new-method or --new-day-count change them.

            Example:
              relief renew --principal 1200000 --rate 3.6% --start 2020-01-15 \\
                  --months 12 --method interest-only --on 2021-01-10 --new-rate 3.2%
            """
    )

    @OptionGroup var loan: LoanOptions

    @Option(help: ArgumentHelp("Required. The renewal date, on or before the maturity.", valueName: "date"), transform: ValueParsers.date)
    var on: CivilDate

    @Option(name: .customLong("new-rate"), help: ArgumentHelp("The new loan's annual rate.", valueName: "rate"), transform: ValueParsers.rate)
    var newRate: Rate?

    @Option(name: .customLong("new-months"), help: ArgumentHelp("The new loan's term in months.", valueName: "n"), transform: ValueParsers.count)
    var newMonths: Int?

    @Option(name: .customLong("new-method"), help: ArgumentHelp("The new loan's repayment method.", valueName: "method"),
            transform: ValueParsers.method)
    var newMethod: RepaymentMethod?

    @Option(name: .customLong("new-day-count"), help: ArgumentHelp("The new loan's day count.", valueName: "convention"),
            transform: ValueParsers.dayCount)
    var newDayCount: DayCount?

    @OptionGroup var output: FormatOption

    func run() throws {
        let changes = RenewalCalculator.NewTerms(annualRate: newRate, termMonths: newMonths, method: newMethod, dayCount: newDayCount)
        let terms = try loan.terms()
        let result = try LoanQuoteWorkflow.renewed(terms, on: on, with: changes, rounding: loan.rounding)
        let newLoan = ScheduleReport(schedule: result.newLoan)
        switch output.format {
        case .table:
            var settlement = TextTable([.init(title: "Old loan on \(result.renewedOn)", alignment: .left), .init(title: "CNY", alignment: .right)])
            settlement.add(["Principal settled by the new loan (no cash leaves the firm)", result.principalSettled.formatted(grouped: true)])
            settlement.add(["Interest accrued over \(result.accrualDays) days, settled now", result.accruedInterestSettled.formatted(grouped: true)])
            StandardStreams.writeOut("Renewal without repaying principal (无还本续贷)\nOld loan: " + ScheduleReport.describe(terms) + "\n\n"
                                     + settlement.render() + "\nNew loan: " + newLoan.table())
        case .csv:
            StandardStreams.writeOut(newLoan.csv())
        case .json:
            StandardStreams.writeOut(JSONValue.object([
                ("renewed_on", .string(result.renewedOn.description)),
                ("principal_settled", .string(result.principalSettled.description)),
                ("accrued_interest_settled", .string(result.accruedInterestSettled.description)),
                ("new_loan", newLoan.json()),
            ]).rendered())
        }
    }
}
