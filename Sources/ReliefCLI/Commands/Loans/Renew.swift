import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger

extension LoansCommand {
    struct Renew: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "renew", abstract: "Renew a booked loan with a new one without repaying principal (无还本续贷).")

        @Option(help: ArgumentHelp("Required. The loan renewed.", valueName: "id")) var id: String
        @Option(name: .customLong("new-id"), help: ArgumentHelp("Required. The new loan's id.", valueName: "id")) var newID: String
        @Option(help: ArgumentHelp("Required. The renewal date, by the maturity.", valueName: "date"), transform: ValueParsers.date) var on: CivilDate
        @Option(name: .customLong("new-rate"), help: ArgumentHelp("The new loan's annual rate.", valueName: "rate"), transform: ValueParsers.rate)
        var newRate: Rate?
        @Option(name: .customLong("new-months"), help: ArgumentHelp("The new loan's term.", valueName: "n"), transform: ValueParsers.count)
        var newMonths: Int?
        @Option(name: .customLong("new-method"), help: ArgumentHelp("The new loan's method.", valueName: "method"), transform: ValueParsers.method)
        var newMethod: RepaymentMethod?
        @Option(name: .customLong("new-day-count"), help: ArgumentHelp("The new loan's day count.", valueName: "convention"),
                transform: ValueParsers.dayCount)
        var newDayCount: DayCount?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let old = try LoansCommand.loanID(id)
            let new = try LoansCommand.loanID(newID)
            let changes = RenewalCalculator.NewTerms(annualRate: newRate, termMonths: newMonths, method: newMethod, dayCount: newDayCount)
            let result = try LoanWorkflow.renew(try database.open(), old, as: new, on: on, with: changes)
            StandardStreams.writeOut("Renewed loan \(id) by \(newID) on \(on): \(result.principalSettled.formatted(grouped: true)) settled without leaving the firm; \(result.accruedInterestSettled.formatted(grouped: true)) of accrued interest settled\n")
        }
    }
}
