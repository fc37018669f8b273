import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// `relief loans add|list|show`: the loan book in the ledger.
struct LoansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loans",
        abstract: "Book, list and show loans; accrue, repay, extend and renew them in the ledger.",
        subcommands: [AddLoan.self, ListLoans.self, ShowLoan.self, Accrue.self, RepayInstallment.self, Extend.self, Renew.self]
    )

    /// A loan id given on the command line (a malformed one is a usage error).
    static func loanID(_ text: String) throws -> LoanID {
        do { return try LoanID(validating: text) } catch { throw CommandFailure(.usage, error.description) }
    }
}

