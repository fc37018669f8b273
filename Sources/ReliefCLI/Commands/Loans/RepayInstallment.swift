import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger

extension LoansCommand {
    struct RepayInstallment: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repay", abstract: "Record the repayment of one installment in full.",
            discussion: "A deferred installment is paid on its deferral date; with its deferral's last row the ordinary interest charged on the deferred principal is paid too.")

        @Option(help: ArgumentHelp("Required. The loan id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The installment (period) repaid.", valueName: "n"), transform: ValueParsers.count) var period: Int
        @Option(help: ArgumentHelp("Required. The repayment date.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let loan = try LoansCommand.loanID(id)
            let repayment = try LoanWorkflow.repay(try database.open(), loan, period: period, on: date)
            if repayment.outcome.isDuplicate {
                StandardStreams.writeError("relief: installment \(period) of loan \(id) is already repaid; nothing changed (duplicate)\n")
            } else {
                StandardStreams.writeOut("Repaid installment \(period) of loan \(id) on \(date): \(repayment.total.formatted(grouped: true)) (principal \(repayment.principal.formatted(grouped: true)), interest \((repayment.interest + repayment.deferralInterest).formatted(grouped: true))); entry \(repayment.outcome.entryID)\n")
            }
        }
    }
}
