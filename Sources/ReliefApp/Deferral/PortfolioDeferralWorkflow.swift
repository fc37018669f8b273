import ReliefDomain
import ReliefLedger

/// Portfolio `defer`: a relief programme applied to every eligible loan in the ledger (or to
/// those named), in one transaction; a dry run does all of it and rolls back, so its summary
/// is exactly what the deferral would do.
public enum PortfolioDeferralWorkflow {
    public struct Request: Sendable {
        public var programme: ReliefProgramme
        /// Only these loans (a loan named twice counts once); nil for the whole portfolio.
        public var loans: [LoanID]?
        public var rounding: Rounding
        /// Compute everything, write nothing.
        public var dryRun: Bool
        /// Only this bank's loans (a bank account's deferral); nil for every bank.
        public var bank: String?
        /// The account deferring (recorded on the journal entries); nil from the CLI.
        public var user: String?

        public init(programme: ReliefProgramme, loans: [LoanID]? = nil, rounding: Rounding = .halfUp, dryRun: Bool = false, bank: String? = nil, user: String? = nil) {
            self.bank = bank
            self.user = user
            self.programme = programme
            self.loans = loans
            self.rounding = rounding
            self.dryRun = dryRun
        }
    }

    /// Thrown inside the transaction of a dry run so that it rolls back.
    struct DryRunRollback: Error { let summary: PortfolioDeferral.Summary }

    /// Defers the request's loans; `progress` hears (loans done, loans in all) as it goes.
    public static func run(_ request: Request, ledger: LedgerStore, progress: ((Int, Int) -> Void)? = nil) throws -> PortfolioDeferral.Summary {
        do {
            return try ledger.writeJournal(as: request.user) { journal -> PortfolioDeferral.Summary in
                let summary = try PortfolioDeferral.apply(request.programme, to: request.loans, bank: request.bank, journal: &journal, rounding: request.rounding,
                                                          progress: progress)
                if request.dryRun { throw DryRunRollback(summary: summary) }
                return summary
            }
        } catch let rollback as DryRunRollback {
            return rollback.summary
        }
    }
}
