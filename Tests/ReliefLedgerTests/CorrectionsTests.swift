import GRDB
import ReliefDomain
import ReliefEngine
@testable import ReliefLedger
import ReliefSamples
import Testing

/// Corrections of register-linked events: each posts the exact mirror of its entry and puts
/// the register right in one transaction; refusals write nothing. Amounts by hand.
@Suite struct CorrectionsTests {
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
    func money(_ text: String) throws -> Money { try Money(parsing: text) }

    /// A ledger with one loan of `method`: 1,200,000 at 3.6% from 2020-01-15 for 12 months.
    /// Interest-only (ACT/360): 120.00 of interest a day. Equal principal (30/360): 100,000.00
    /// of principal a month and 0.3% of the balance as interest.
    func ledger(_ method: RepaymentMethod) throws -> (LedgerStore, String, LoanID) {
        let path = LedgerFixtures.temporaryPath()
        let store = try LedgerStore.create(at: path)
        let id = try LoanID(validating: "C-1")
        let terms = try LoanTerms(principal: try money("1200000"), annualRate: Rate(parsing: "3.6%"), start: try date("2020-01-15"),
                                  termMonths: 12, method: method)
        let loan = LoanRecord(id: id, enterprise: SamplePortfolio.enterprise(3), bank: "济宁银行", terms: terms, creditLine: nil,
                              applied: try date("2020-02-01"))
        try store.writeJournal { journal in _ = try LoanLedger.add(loan, journal: &journal) }
        return (store, path, id)
    }

    func balance(_ store: LedgerStore, _ account: LedgerAccount) throws -> Money {
        try store.read { db in try LedgerQueries.balances(db) }.first { $0.account == account }?.normalBalance ?? .zero
    }

    /// Every row of every table: what a refusal must leave exactly as it was.
    func dump(_ store: LedgerStore) throws -> [String] {
        try store.read { db in
            let tables = try String.fetchAll(db.database, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            return try tables.flatMap { table in
                try Row.fetchAll(db.database, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }
            }
        }
    }

    /// What an entry moves on each account, as "account:fen" (the lines of one account
    /// summed: the journal pairs a compound entry's lines into transfers).
    func postings(of entry: Int64, _ store: LedgerStore) throws -> [String] {
        try store.read { db in
            try Row.fetchAll(db.database, sql: "SELECT account_code, sum(amount_fen) AS amount_fen FROM postings WHERE entry_id = ? GROUP BY account_code ORDER BY account_code",
                             arguments: [entry])
                .map { "\($0["account_code"] as String):\($0["amount_fen"] as Int64)" }
        }
    }

    func reverses(_ entry: Int64, _ store: LedgerStore) throws -> Int64? {
        try store.read { db in try Int64.fetchOne(db.database, sql: "SELECT reverses_entry_id FROM journal_entries WHERE id = ?", arguments: [entry]) }
    }

    func isClean(_ store: LedgerStore) throws -> Bool {
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.violations.isEmpty, "\(report.violations)")
        return report.isClean
    }

    func correct(_ entry: Int64, _ store: LedgerStore, on day: String? = nil) throws -> Corrections.Outcome {
        try store.writeJournal { journal in
            try Corrections.reverse(entryID: entry, on: try day.map { try date($0) }, reason: "booked in error", journal: &journal)
        }
    }

    /// A refused correction: a ledger error naming `words`, and not a byte of any table changed.
    func expectRefused(_ entry: Int64, _ store: LedgerStore, mentioning words: String) throws {
        let before = try dump(store)
        do {
            _ = try correct(entry, store)
            Issue.record("entry \(entry) was corrected; expected a refusal mentioning '\(words)'")
        } catch let error as LedgerError {
            #expect(error.description.contains(words), "\(error)")
        }
        #expect(try dump(store) == before)
    }

    @Test func undoneRepaymentIsOwedAgainAndCanBeRecordedAgain() throws {
        let (store, path, id) = try ledger(.interestOnly)
        defer { LedgerFixtures.remove(path) }
        // Rows due 2020-02-15 (31 days: 3,720.00) and 2020-03-15 (29 days: 3,480.00) accrued.
        _ = try store.writeJournal { journal in try LoanEvents.accrueInterest(id, through: try date("2020-03-15"), journal: &journal) }
        let repaid = try store.writeJournal { journal in try LoanEvents.repay(id, period: 1, on: try date("2020-02-15"), journal: &journal) }
        #expect(try postings(of: repaid.outcome.entryID, store) == ["1001:372000", "1132:-372000"])
        let undone = try correct(repaid.outcome.entryID, store, on: "2020-02-20")
        #expect(!undone.reversal.isDuplicate)
        #expect(undone.correction == .repayment(loan: id, period: 1, deferralInterest: .zero))
        #expect(undone.amount == (try money("3720.00")))
        #expect(try postings(of: undone.reversal.entryID, store) == ["1001:-372000", "1132:372000"])
        #expect(try reverses(undone.reversal.entryID, store) == repaid.outcome.entryID)
        #expect(try store.read { db in try LoanLedger.installments(of: id, db) }.first?.isPaid == false)
        #expect(try balance(store, ChartOfAccounts.interestReceivable) == (try money("7200.00")))
        #expect(try balance(store, ChartOfAccounts.cash) == (try money("-1200000.00")))
        #expect(try isClean(store))
        // Correcting it twice changes nothing.
        let again = try correct(repaid.outcome.entryID, store)
        #expect(again.reversal == .duplicate(entryID: undone.reversal.entryID))
        // The repayment recorded again (the right date) is a new entry; the same again is a duplicate.
        let redone = try store.writeJournal { journal in try LoanEvents.repay(id, period: 1, on: try date("2020-02-16"), journal: &journal) }
        #expect(!redone.outcome.isDuplicate)
        #expect(redone.total == (try money("3720.00")))
        let key = try store.read { db in
            try String.fetchOne(db.database, sql: "SELECT idempotency_key FROM journal_entries WHERE id = ?", arguments: [redone.outcome.entryID])
        }
        #expect(key == "r2:loan:C-1:repayment:1")
        let twice = try store.writeJournal { journal in try LoanEvents.repay(id, period: 1, on: try date("2020-02-16"), journal: &journal) }
        #expect(twice.outcome == .duplicate(entryID: redone.outcome.entryID))
        #expect(try balance(store, ChartOfAccounts.interestReceivable) == (try money("3480.00")))
        #expect(try isClean(store))
    }

    @Test func undoneAccrualUnaccruesItsRows() throws {
        let (store, path, id) = try ledger(.interestOnly)
        defer { LedgerFixtures.remove(path) }
        let accrued = try #require(try store.writeJournal { journal in
            try LoanEvents.accrueInterest(id, through: try date("2020-03-15"), journal: &journal)
        })
        #expect(try postings(of: accrued.0.entryID, store) == ["1132:720000", "6011:-720000"])
        let undone = try correct(accrued.0.entryID, store)
        #expect(undone.correction == .accrual(loan: id, through: try date("2020-03-15"), periods: [1, 2]))
        #expect(try postings(of: undone.reversal.entryID, store) == ["1132:-720000", "6011:720000"])
        // Dated the accrual's own date by default.
        #expect(try store.read { db in
            try String.fetchOne(db.database, sql: "SELECT entry_date FROM journal_entries WHERE id = ?", arguments: [undone.reversal.entryID])
        } == "2020-03-15")
        #expect(try store.read { db in try Int.fetchAll(db.database, sql: "SELECT accrued FROM installments WHERE loan_id = 'C-1' ORDER BY period LIMIT 3") }
                == [0, 0, 0])
        #expect(try balance(store, ChartOfAccounts.interestReceivable) == .zero)
        #expect(try isClean(store))
        // Accrued again through the same date: a new entry of the same 7,200.00.
        let redone = try #require(try store.writeJournal { journal in
            try LoanEvents.accrueInterest(id, through: try date("2020-03-15"), journal: &journal)
        })
        #expect(!redone.0.isDuplicate)
        #expect(redone.1 == (try money("7200.00")))
        // Once one of its rows is repaid, the accrual cannot be undone (the repayment took the receivable).
        let repaid = try store.writeJournal { journal in try LoanEvents.repay(id, period: 2, on: try date("2020-03-15"), journal: &journal) }
        try expectRefused(redone.0.entryID, store, mentioning: "undo that repayment first")
        _ = try correct(repaid.outcome.entryID, store)
        _ = try correct(redone.0.entryID, store)
        #expect(try balance(store, ChartOfAccounts.interestReceivable) == .zero)
        #expect(try balance(store, ChartOfAccounts.interestIncome) == .zero)
        #expect(try isClean(store))
    }

    /// Equal principal, deferred by the 2020 programme: rows 1-5 (due 15 Feb to 15 Jun) move to
    /// 30 Jun. Ordinary interest on each 100,000.00 of deferred principal at 3.6% / 360 for
    /// 136, 107, 76, 46 and 15 days: 1,360 + 1,070 + 760 + 460 + 150 = 3,800.00, paid with the
    /// last deferred row repaid.
    @Test func deferredRowsRepaymentWithTheDeferralInterest() throws {
        let (store, path, id) = try ledger(.equalPrincipal)
        defer { LedgerFixtures.remove(path) }
        let summary = try store.writeJournal { journal in try PortfolioDeferral.apply(try ReliefProgramme.nationalNotice2020(), journal: &journal) }
        #expect(summary.totals.interestOnDeferredPrincipal == (try money("3800.00")))
        var entries: [Int64] = []
        for period in 1...5 {
            entries.append(try store.writeJournal { journal in
                try LoanEvents.repay(id, period: period, on: try date("2020-06-30"), journal: &journal)
            }.outcome.entryID)
        }
        // Row 5: 100,000.00 of principal, 2,400.00 of interest (0.3% of the 800,000.00 owed before it) and the 3,800.00,
        // both of them deferred interest: 6,200.00 on 1133.
        #expect(try postings(of: entries[4], store) == ["1001:10620000", "1133:-620000", "1302:-10000000"])
        // Row 3 did not carry the deferral's interest, row 5 did: undoing row 3 alone would charge it twice.
        try expectRefused(entries[2], store, mentioning: "installment 5")
        let undone = try correct(entries[4], store)
        #expect(undone.correction == .repayment(loan: id, period: 5, deferralInterest: try money("3800.00")))
        #expect(try postings(of: undone.reversal.entryID, store) == ["1001:-10620000", "1133:620000", "1302:10000000"])
        #expect(try balance(store, ChartOfAccounts.deferredInterest) == (try money("6200.00")))
        #expect(try balance(store, ChartOfAccounts.deferredPrincipal) == (try money("100000.00")))
        #expect(try isClean(store))
        // Now row 3 can be undone too; repaying both again charges the deferral's interest once.
        _ = try correct(entries[2], store)
        var total = Money.zero
        for period in [3, 5] {
            total += try store.writeJournal { journal in try LoanEvents.repay(id, period: period, on: try date("2020-07-01"), journal: &journal) }.total
        }
        // Row 3: 100,000.00 + 3,000.00 (0.3% of 1,000,000); row 5: 106,200.00 with the 3,800.00.
        #expect(total == (try money("209200.00")))
        #expect(try balance(store, ChartOfAccounts.deferredInterest) == .zero)
        #expect(try isClean(store))
    }

    @Test func refusedCorrectionsWriteNothing() throws {
        let (store, path, id) = try ledger(.interestOnly)
        defer { LedgerFixtures.remove(path) }
        let repaid = try store.writeJournal { journal in try LoanEvents.repay(id, period: 1, on: try date("2020-02-15"), journal: &journal) }
        // The deferral after it rescheduled the loan with row 1 paid.
        _ = try store.writeJournal { journal in try PortfolioDeferral.apply(try ReliefProgramme.nationalNotice2020(), journal: &journal) }
        try expectRefused(repaid.outcome.entryID, store, mentioning: "was deferred after this repayment")
        let disbursement: Int64 = 1
        try expectRefused(disbursement, store, mentioning: "disbursement cannot be reversed")
        let deferral = try #require(try store.read { db in try Int64.fetchOne(db.database, sql: "SELECT id FROM journal_entries WHERE kind = 'deferral'") })
        try expectRefused(deferral, store, mentioning: "rescheduled")
        // A reversal is not reversed; a date before the entry is refused.
        _ = try store.writeJournal { journal in try LoanEvents.repay(id, period: 7, on: try date("2020-08-15"), journal: &journal) }
        let seventh = try #require(try store.read { db in try Int64.fetchOne(db.database, sql: "SELECT max(id) FROM journal_entries") })
        let before = try dump(store)
        #expect(throws: LedgerError.self) { _ = try correct(seventh, store, on: "2020-08-14") }
        #expect(try dump(store) == before)
        let undone = try correct(seventh, store)
        try expectRefused(undone.reversal.entryID, store, mentioning: "itself a reversal")
        #expect(try isClean(store))
    }

    /// The fund: 10,000,000.00 in on 1 Mar; A advances 6,000,000.00 on 2 Mar, repaid on 6 Mar
    /// (4 days x 0.08% = 19,200.00 fee); B advances 10,000,000.00 on 7 Mar, leaving 19,200.00.
    @Test func bridgeAdvanceCancelledAndRepaymentUndone() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        let code = try CreditCode(validating: "91350100M000100Y43")
        let a = try AdvanceID(validating: "A"), b = try AdvanceID(validating: "B")
        func advance(_ id: AdvanceID, _ amount: String, _ day: String) throws -> Int64 {
            try store.writeJournal { journal in
                var book = try BridgeLedger(journal.transaction)
                return try book.advance(.init(id: id, enterprise: code, bank: "济宁银行", amount: try money(amount), date: try date(day)),
                                        journal: &journal).entryID
            }
        }
        func repay(_ id: AdvanceID, _ day: String) throws -> BridgeLedger.RepaymentOutcome {
            try store.writeJournal { journal in
                var book = try BridgeLedger(journal.transaction)
                return try book.repay(id, on: try date(day), journal: &journal)
            }
        }
        func cash() throws -> Money { try store.read { db in try BridgeLedger(db) }.cash }
        _ = try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            return try book.moveCapital(try money("10000000"), on: try date("2020-03-01"), reference: nil, journal: &journal)
        }
        let advanceA = try advance(a, "6000000", "2020-03-02")
        _ = try repay(a, "2020-03-06")
        let repaymentA = try #require(try store.read { db in
            try Int64.fetchOne(db.database, sql: "SELECT id FROM journal_entries WHERE idempotency_key = 'bridge:repayment:A'")
        })
        let advanceB = try advance(b, "10000000", "2020-03-07")
        #expect(try cash() == (try money("19200.00")))

        // Without A's repayment the cash at the end of 7 Mar would be 10,000,000 - 6,000,000 - 10,000,000.
        try expectRefused(repaymentA, store, mentioning: "-6,000,000.00 at the end of 2020-03-07")
        try expectRefused(advanceA, store, mentioning: "undo the repayment first")

        let cancelB = try correct(advanceB, store)
        #expect(cancelB.correction == .advanceCancelled(b))
        #expect(try postings(of: cancelB.reversal.entryID, store) == ["1201:1000000000", "1221:-1000000000"])
        #expect(try cash() == (try money("10019200.00")))
        let undoA = try correct(repaymentA, store)
        #expect(undoA.correction == .bridgeRepaymentUndone(a))
        #expect(try postings(of: undoA.reversal.entryID, store) == ["1201:-601920000", "1221:600000000", "6021:1920000"])
        #expect(try cash() == (try money("4000000.00")))
        #expect(try balance(store, ChartOfAccounts.advancesReceivable) == (try money("6000000.00")))
        #expect(try isClean(store))
        let cancelA = try correct(advanceA, store)
        #expect(cancelA.correction == .advanceCancelled(a))
        #expect(try cash() == (try money("10000000.00")))
        let register = try store.read { db in try BridgeLedger.register(db) }
        #expect(register.advances.isEmpty)
        #expect(try store.read { db in
            try String.fetchAll(db.database, sql: "SELECT advance_id || ':' || amount_fen FROM bridge_advances_cancelled ORDER BY id")
        } == ["B:1000000000", "A:600000000"])
        #expect(try isClean(store))

        // A recorded again with the right figures: 5,000,000.00 on 8 Mar, repaid on 10 Mar (2 days: 8,000.00).
        let redone = try advance(a, "5000000", "2020-03-08")
        #expect(redone != advanceA)
        #expect(try advance(a, "5000000", "2020-03-08") == redone)  // the same again: a duplicate
        let repaidAgain = try repay(a, "2020-03-10")
        #expect(!repaidAgain.duplicate)
        #expect(repaidAgain.fee == (try money("8000.00")))
        #expect(try cash() == (try money("10008000.00")))
        #expect(try isClean(store))
    }

    @Test func capitalMovementsAreRefusedWithTheWayOut() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        let entry = try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            return try book.moveCapital(try money("1000"), on: try date("2020-03-01"), reference: nil, journal: &journal).entryID
        }
        try expectRefused(entry, store, mentioning: "record the opposite movement instead")
        #expect(throws: LedgerError.capitalNotReversible(entryID: entry, withdrawal: false)) { _ = try correct(entry, store) }
    }
}
