import GRDB
import ReliefDomain
import ReliefEngine
@testable import ReliefLedger
import ReliefSamples
import Testing

/// Accrual, repayment, extension and renewal as balanced entries, checked by hand.
@Suite struct LoanEventsTests {
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
    func money(_ text: String) throws -> Money { try Money(parsing: text) }

    /// 1,200,000 interest-only at 3.6% ACT/360 from 2020-01-15 for 12 months: each row's
    /// interest is 1,200,000 x 3.6% x days / 360 = 120.00 a day.
    func ledgerWithLoan() throws -> (LedgerStore, String, LoanID) {
        let path = LedgerFixtures.temporaryPath()
        let store = try LedgerStore.create(at: path)
        let id = try LoanID(validating: "IO-1")
        let terms = try LoanTerms(principal: try money("1200000"), annualRate: Rate(parsing: "3.6%"), start: try date("2020-01-15"),
                                  termMonths: 12, method: .interestOnly)
        let loan = LoanRecord(id: id, enterprise: SamplePortfolio.enterprise(3), bank: "济宁银行", terms: terms, creditLine: nil,
                              applied: try date("2020-02-01"))
        try store.writeJournal { journal in
            _ = try LoanLedger.add(loan, journal: &journal)
        }
        return (store, path, id)
    }

    func balance(_ store: LedgerStore, _ account: LedgerAccount) throws -> Money {
        try store.read { db in try LedgerQueries.balances(db) }.first { $0.account == account }?.normalBalance ?? .zero
    }

    @Test func accrualThenRepayment() throws {
        let (store, path, id) = try ledgerWithLoan()
        defer { LedgerFixtures.remove(path) }
        // Rows due 2020-02-15 (31 days: 3,720.00) and 2020-03-15 (29 days: 3,480.00).
        let accrued = try store.writeJournal { journal in try LoanEvents.accrueInterest(id, through: try date("2020-03-15"), journal: &journal) }
        #expect(accrued?.1 == (try money("7200.00")))
        #expect(try balance(store, ChartOfAccounts.interestReceivable) == (try money("7200.00")))
        // Accruing again through the same date finds nothing new.
        #expect(try store.writeJournal { journal in try LoanEvents.accrueInterest(id, through: try date("2020-03-15"), journal: &journal) } == nil)
        let repaid = try store.writeJournal { journal in try LoanEvents.repay(id, period: 1, on: try date("2020-02-15"), journal: &journal) }
        #expect(repaid.total == (try money("3720.00")))
        #expect(try balance(store, ChartOfAccounts.interestReceivable) == (try money("3480.00")))
        // Row 3 (2020-04-15, 31 days: 3,720.00) was never accrued: its interest is income on payment.
        _ = try store.writeJournal { journal in try LoanEvents.repay(id, period: 3, on: try date("2020-04-15"), journal: &journal) }
        #expect(try balance(store, ChartOfAccounts.interestIncome) == (try money("10920.00")))
        let again = try store.writeJournal { journal in try LoanEvents.repay(id, period: 1, on: try date("2020-02-15"), journal: &journal) }
        #expect(again.outcome.isDuplicate)
        #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in _ = try LoanEvents.repay(id, period: 1, on: try date("2020-02-16"), journal: &journal) }
        }
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    /// Deferred rows are paid from the deferred accounts; the deferral's ordinary interest
    /// comes with its last row. Rows due 2020-02-15 .. 2020-06-15 are deferred to 2020-06-30.
    @Test func deferredRowsRepaidOnTheDeferralDate() throws {
        let (store, path, id) = try ledgerWithLoan()
        defer { LedgerFixtures.remove(path) }
        let summary = try store.writeJournal { journal in try PortfolioDeferral.apply(try ReliefProgramme.nationalNotice2020(), journal: &journal) }
        #expect(summary.loansDeferred == 1)
        // Interest-only: no principal deferred, so no ordinary interest on it either.
        #expect(summary.totals.deferredPrincipal == .zero)
        #expect(summary.totals.interestOnDeferredPrincipal == .zero)
        var paid = Money.zero
        for period in 1...5 {
            paid += try store.writeJournal { journal in try LoanEvents.repay(id, period: period, on: try date("2020-06-30"), journal: &journal) }.total
        }
        // 120.00 x (31 + 29 + 31 + 30 + 31) days = 18,240.00 of deferred interest, all paid.
        #expect(paid == (try money("18240.00")))
        #expect(try balance(store, ChartOfAccounts.deferredInterest) == .zero)
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    @Test func extensionReschedulesAndMovesPrincipal() throws {
        let (store, path, id) = try ledgerWithLoan()
        defer { LedgerFixtures.remove(path) }
        let result = try store.writeJournal { journal in try LoanEvents.extend(id, to: try date("2021-07-15"), agreed: nil, journal: &journal) }
        #expect(result.capMonths == 12)
        #expect(try balance(store, ChartOfAccounts.extendedPrincipal) == (try money("1200000")))
        #expect(try balance(store, ChartOfAccounts.loanPrincipal) == .zero)
        let rows = try store.read { db in try LoanLedger.installments(of: id, db) }
        #expect(rows.last?.installment.dueDate == (try date("2021-07-15")))
        #expect(rows.count == 18)
        #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in _ = try LoanEvents.extend(id, to: try date("2022-02-15"), agreed: nil, journal: &journal) }
        }
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    /// Renewal on 2020-07-01: rows due to 2020-06-15 stay; 1,200,000 moves to the new loan
    /// without cash; 16 days of interest (1,920.00) are settled in cash.
    @Test func renewalWithoutRepayingPrincipal() throws {
        let (store, path, id) = try ledgerWithLoan()
        defer { LedgerFixtures.remove(path) }
        let newID = try LoanID(validating: "IO-1-R")
        let result = try store.writeJournal { journal in
            try LoanEvents.renew(id, as: newID, on: try date("2020-07-01"), with: .init(annualRate: try Rate(parsing: "3.2%")), journal: &journal)
        }
        #expect(result.principalSettled == (try money("1200000")))
        #expect(result.accruedInterestSettled == (try money("1920.00")))
        let postings = try store.read { db in
            try Row.fetchAll(db.database, sql: "SELECT loan_id, account_code, amount_fen FROM postings WHERE loan_id IN ('IO-1', 'IO-1-R') AND account_code = '1301'")
        }
        let byLoan = Dictionary(grouping: postings, by: { $0["loan_id"] as String }).mapValues { $0.reduce(Int64(0)) { $0 + ($1["amount_fen"] as Int64) } }
        #expect(byLoan["IO-1"] == 0)
        #expect(byLoan["IO-1-R"] == 120_000_000)
        // No cash left the bank for the new loan: cash moved only by the disbursement and the interest.
        #expect(try balance(store, ChartOfAccounts.cash) == -(try money("1200000")) + (try money("1920.00")))
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }
}
