import ReliefDomain
import ReliefLedger

/// The books themselves for every front end: balances, the trial balance's figures, an
/// account's history, the invariant check, and corrections by reversal.
public enum LedgerWorkflow {
    /// Every account's debit and credit totals as of `date` (all time when nil).
    public static func balances(_ ledger: LedgerStore, asOf date: CivilDate?) throws -> [LedgerQueries.AccountBalance] {
        try ledger.read { db in try LedgerQueries.balances(asOf: date, db) }
    }

    /// The postings of `account` (of one loan when given) with the running balance.
    public static func history(_ ledger: LedgerStore, of account: LedgerAccount, asOf date: CivilDate?, loan: LoanID?) throws -> [LedgerQueries.HistoryLine] {
        try ledger.read { db in try LedgerQueries.history(of: account, asOf: date, loan: loan, db) }
    }

    /// Proves the ledger's invariants on the whole database.
    public static func check(_ ledger: LedgerStore) throws -> LedgerCheck.Report {
        try ledger.read { db in try LedgerCheck.run(db) }
    }

    /// Reverses journal entry `entryID` on `date` (default: its own date) for `reason`, and
    /// undoes what it recorded in the registers (a repayment, an accrual, an advance).
    public static func reverse(_ ledger: LedgerStore, entryID: Int64, on date: CivilDate?, reason: String) throws -> Corrections.Outcome {
        try ledger.writeJournal { journal in try Corrections.reverse(entryID: entryID, on: date, reason: reason, journal: &journal) }
    }
}
