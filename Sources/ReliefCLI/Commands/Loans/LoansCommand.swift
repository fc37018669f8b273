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

    /// A loan as JSON members: amounts and rates as decimal strings, the term as a number,
    /// absent optional values as null.
    /// A loan id given on the command line (a malformed one is a usage error).
    static func loanID(_ text: String) throws -> LoanID {
        do { return try LoanID(validating: text) } catch { throw CommandFailure(.usage, error.description) }
    }

    static func jsonMembers(_ loan: LoanRecord) -> [(String, JSONValue)] {
        let terms = loan.terms
        return [("loan_id", .string(loan.id.rawValue)), ("borrower", .string(loan.enterprise.name)),
                ("credit_code", .string(loan.enterprise.code.value)), ("size", .string(loan.enterprise.size.rawValue)),
                ("county", .string(loan.enterprise.county)), ("bank", .string(loan.bank)), ("principal", .string(terms.principal.description)),
                ("rate", .string(terms.annualRate.fractionString())), ("start", .string(terms.start.description)),
                ("months", .integer(terms.termMonths)), ("method", .string(terms.method.rawValue)), ("day_count", .string(terms.dayCount.rawValue)),
                ("credit_line", loan.creditLine.map { .string($0.description) } ?? .null),
                ("applied", loan.applied.map { .string($0.description) } ?? .null)]
    }

    static func fields(_ loan: LoanRecord) -> [String] {
        let terms = loan.terms
        return [loan.id.rawValue, loan.enterprise.name, loan.enterprise.code.value, loan.enterprise.size.rawValue, loan.enterprise.county,
                loan.bank, terms.principal.description, terms.annualRate.percentString(), terms.start.description, String(terms.termMonths),
                terms.method.rawValue, terms.dayCount.rawValue, loan.creditLine?.description ?? "", loan.applied?.description ?? ""]
    }
}

