import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger

extension LoansCommand {
    struct Accrue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accrue", abstract: "Accrue the interest of a loan's installments due by a date (Dr interest receivable, Cr income).")

        @Option(help: ArgumentHelp("Required. The loan id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. Accrue installments due on or before this date.", valueName: "date"),
                transform: ValueParsers.date)
        var through: CivilDate
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loan = try LoansCommand.loanID(id)
            let result = try LoanWorkflow.accrue(try database.open(), loan, through: through)
            guard let (outcome, amount) = result else {
                StandardStreams.writeOut("Nothing to accrue on loan \(id) through \(through)\n")
                return
            }
            if outcome.isDuplicate {
                StandardStreams.writeError("relief: this accrual is already recorded (entry \(outcome.entryID)); nothing changed (duplicate)\n")
            } else {
                StandardStreams.writeOut("Accrued \(amount.formatted(grouped: true)) of interest on loan \(id) through \(through) (entry \(outcome.entryID))\n")
            }
        }
    }
}
