import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension LoansCommand {
    struct ShowLoan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one loan: terms, current schedule, deferrals.")

        @Argument(help: "The loan id.") var id: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let loanID: LoanID
            do { loanID = try LoanID(validating: id) } catch { throw CommandFailure(.usage, error.description) }
            let detail = try LoanWorkflow.show(try database.open(), loanID)
            StandardStreams.writeOut(LoanDetailReport(detail: detail).render(output.format))
        }
    }
}
