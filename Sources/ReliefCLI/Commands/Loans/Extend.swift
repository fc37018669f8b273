import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger

extension LoansCommand {
    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend", abstract: "Extend a booked loan (展期) within its cumulative cap; exit 65 past it.")

        @Option(help: ArgumentHelp("Required. The loan id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The new maturity.", valueName: "date"), transform: ValueParsers.date) var to: CivilDate
        @Option(help: ArgumentHelp("When it takes effect (default: the maturity).", valueName: "date"), transform: ValueParsers.date)
        var agreed: CivilDate?
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loan = try LoansCommand.loanID(id)
            let result = try LoanWorkflow.extend(try database.open(), loan, to: to, agreed: agreed)
            StandardStreams.writeOut("Extended loan \(id) to \(result.newMaturity) (cap \(result.capMonths) months, latest \(result.latestMaturity)); \(result.extended.installments.count) installments now\n")
        }
    }
}
