import ReliefDomain
import ReliefEngine
import ReliefLedger

/// One loan's life in the ledger for every front end: booking, listing and showing it, and
/// its events (interest accrued, installments repaid, an extension, a renewal), each one
/// transaction.
public enum LoanWorkflow {
    /// Books `loan` with its schedule (at `rounding`) and its disbursement.
    public static func add(_ ledger: LedgerStore, _ loan: LoanRecord, rounding: Rounding) throws -> LoanLedger.AddOutcome {
        try ledger.writeJournal { journal in try LoanLedger.add(loan, rounding: rounding, journal: &journal) }
    }

    /// Every booked loan, by id.
    public static func list(_ ledger: LedgerStore) throws -> [LoanRecord] {
        try ledger.read { db in try LoanLedger.fetchRecords(nil, db) }
    }

    /// Loans shown a page at a time (the web's `/loans`).
    public static let pageSize = 50

    /// Page `page` (from 1) of the loans of `bank` (all banks when nil) matching `query` (in
    /// the id, the borrower's name or the credit code), with how many match in all.
    public static func page(_ ledger: LedgerStore, bank: String?, query: String?, page: Int) throws -> (loans: [LoanRecord], total: Int) {
        guard page >= 1, page <= 1_000_000 else { throw WorkflowError.invalidRequest("page \(page) is not a page number (1 and up)") }
        return try LedgerListings.loanPage(ledger, bank: bank, query: query, offset: (page - 1) * pageSize, limit: pageSize)
    }

    /// A loan as `loans show` presents it.
    public struct Detail: Sendable {
        public let record: LoanRecord
        /// Its current schedule, each row with its original due date and deferral status.
        public let installments: [StoredInstallment]
        public let deferrals: [StoredDeferral]
        /// The import run that booked it, when one did.
        public let importedBy: ImportLog.Batch?

        public var schedule: Schedule { Schedule(terms: record.terms, installments: installments.map(\.installment)) }
    }

    /// The loan `id`; `LedgerError.unknownLoan` when the ledger has none.
    public static func show(_ ledger: LedgerStore, _ id: LoanID) throws -> Detail {
        try ledger.read { db in
            guard let record = try LoanLedger.fetchRecord(id, db) else { throw LedgerError.unknownLoan(id) }
            return Detail(record: record, installments: try LoanLedger.installments(of: id, db), deferrals: try LoanLedger.deferrals(of: id, db),
                          importedBy: try ImportLog.batch(ofLoan: id, db))
        }
    }

    /// Accrues the loan's interest through `date`; nil when nothing is due to accrue.
    public static func accrue(_ ledger: LedgerStore, _ id: LoanID, through date: CivilDate) throws -> (Journal.Outcome, Money)? {
        try ledger.writeJournal { journal in try LoanEvents.accrueInterest(id, through: date, journal: &journal) }
    }

    /// Repays installment `period` of the loan in full on `date`.
    public static func repay(_ ledger: LedgerStore, _ id: LoanID, period: Int, on date: CivilDate) throws -> LoanEvents.Repayment {
        try ledger.writeJournal { journal in try LoanEvents.repay(id, period: period, on: date, journal: &journal) }
    }

    /// Extends the loan (展期) to `maturity`, agreed on `agreed` (default: its maturity).
    public static func extend(_ ledger: LedgerStore, _ id: LoanID, to maturity: CivilDate, agreed: CivilDate?) throws -> ExtensionResult {
        try ledger.writeJournal { journal in try LoanEvents.extend(id, to: maturity, agreed: agreed, journal: &journal) }
    }

    /// Renews the loan (无还本续贷) on `date` by `newID` lending the principal still owed.
    public static func renew(_ ledger: LedgerStore, _ id: LoanID, as newID: LoanID, on date: CivilDate,
                             with changes: RenewalCalculator.NewTerms) throws -> RenewalResult {
        try ledger.writeJournal { journal in try LoanEvents.renew(id, as: newID, on: date, with: changes, journal: &journal) }
    }
}
