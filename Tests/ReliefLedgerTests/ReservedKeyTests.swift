import GRDB
import ReliefDomain
@testable import ReliefLedger
import Testing

/// The keys the ledger gives its own events are reserved: a manual entry cannot take one,
/// and an event whose key another entry holds is refused rather than recorded as a
/// "duplicate" with its register updated anyway.
@Suite struct ReservedKeyTests {
    let fixture = CorrectionsTests()

    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    /// A balanced 1.00 entry of `kind` under `key` (kinds other than manual are not checked:
    /// a library caller can still misuse them, which the events below must survive).
    func foreign(_ kind: JournalEntryDraft.Kind, key: String) throws -> JournalEntryDraft {
        try JournalEntryDraft(date: try date("2020-01-20"), kind: kind, description: "foreign", idempotencyKey: key,
                              postings: [.debit(ChartOfAccounts.cash, Money(fen: 100)), .credit(ChartOfAccounts.interestIncome, Money(fen: 100))])
    }

    func paidOn(_ store: LedgerStore, _ period: Int) throws -> String? {
        try store.read { db in try String.fetchOne(db.database, sql: "SELECT paid_on FROM installments WHERE loan_id = 'C-1' AND period = ?", arguments: [period]) }
    }

    @Test func namespaces() {
        for key in ["loan:L1:repayment:3", "bridge:advance:A", "deferral:L1:p", "reverse:2", "r2:loan:L1:accrual:2020-01-01", "r17:x"] {
            #expect(Journal.reservedNamespace(of: key) != nil, "\(key)")
        }
        for key in ["manual:1", "suspense", "r:x", "rx2:loan:L1", "reversal:2", "Loan:L1", "file:ab:1:1", "bench:1"] {
            #expect(Journal.reservedNamespace(of: key) == nil, "\(key)")
        }
        #expect(throws: LedgerError.self) { _ = try foreign(.manual, key: "reverse:2") }
        #expect(throws: LedgerError.self) { _ = try foreign(.manual, key: "r3:bridge:advance:A") }
        #expect(throws: Never.self) { _ = try foreign(.manual, key: "manual:1") }
    }

    /// An entry already under installment 3's repayment key: the repayment is refused and the
    /// installment stays unpaid (it was marked paid, with the other entry as its "duplicate").
    @Test func repaymentWhoseKeyIsTakenIsRefused() throws {
        let (store, path, id) = try fixture.ledger(.interestOnly)
        defer { LedgerFixtures.remove(path) }
        try store.writeJournal { journal in _ = try journal.record(try foreign(.extension, key: "loan:C-1:repayment:3")) }
        let before = try fixture.dump(store)
        #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in _ = try LoanEvents.repay(id, period: 3, on: try date("2020-04-15"), journal: &journal) }
        }
        #expect(try paidOn(store, 3) == nil)
        #expect(try fixture.dump(store) == before)
        // The same for an accrual whose key is taken.
        try store.writeJournal { journal in _ = try journal.record(try foreign(.extension, key: "loan:C-1:accrual:2020-03-15")) }
        let accruals = try fixture.dump(store)
        #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in _ = try LoanEvents.accrueInterest(id, through: try date("2020-03-15"), journal: &journal) }
        }
        #expect(try fixture.dump(store) == accruals)
    }

    /// Another entry holds `reverse:<n>`: the correction is refused and the installment stays
    /// paid (it was made unpaid with no reversal posted).
    @Test func correctionWhoseReversalKeyIsTakenIsRefused() throws {
        let (store, path, id) = try fixture.ledger(.interestOnly)
        defer { LedgerFixtures.remove(path) }
        let repaid = try store.writeJournal { journal in try LoanEvents.repay(id, period: 1, on: try date("2020-02-15"), journal: &journal) }
        try store.writeJournal { journal in _ = try journal.record(try foreign(.extension, key: "reverse:\(repaid.outcome.entryID)")) }
        let before = try fixture.dump(store)
        #expect(throws: LedgerError.self) { _ = try fixture.correct(repaid.outcome.entryID, store) }
        #expect(try paidOn(store, 1) == "2020-02-15")
        #expect(try fixture.dump(store) == before)
    }

    /// `ledger check` wants each loan's disbursement key held by a disbursement (or renewal).
    @Test func checkWantsTheDisbursementKind() throws {
        let (store, path, _) = try fixture.ledger(.interestOnly)
        defer { LedgerFixtures.remove(path) }
        #expect(try fixture.isClean(store))
        try store.write { db in
            // A damaged file: the loan's disbursement key on an entry of another kind.
            try db.database.execute(sql: "DROP TRIGGER journal_entries_no_update")
            try db.database.execute(sql: "UPDATE journal_entries SET kind = 'manual' WHERE idempotency_key = 'loan:C-1:disbursement'")
        }
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.violations.contains { $0.contains("loan C-1 has no disbursement entry") }, "\(report.violations)")
    }
}
