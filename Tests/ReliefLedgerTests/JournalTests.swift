import Foundation
import GRDB
import ReliefDomain
import ReliefEngine
@testable import ReliefLedger
import Testing

@Suite struct JournalTests {
    func money(_ text: String) throws -> Money { try Money(parsing: text) }
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    @Test func disbursementBalancesAndBalancesAtADate() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 3)
        defer { LedgerFixtures.remove(path) }
        let loans = try (0..<3).map(LedgerFixtures.loan)
        let total = loans.reduce(Money.zero) { $0 + $1.terms.principal }
        let all = try store.read { db in try LedgerQueries.balances(db) }
        #expect(all.first { $0.account == ChartOfAccounts.loanPrincipal }?.normalBalance == total)
        #expect(all.first { $0.account == ChartOfAccounts.cash }?.net == -total)
        // As of the day before the second loan's start only the first is disbursed.
        let starts = loans.map(\.terms.start).sorted()
        let early = try store.read { db in try LedgerQueries.balances(asOf: starts[1].adding(days: -1), db) }
        let firstPrincipal = loans.first { $0.terms.start == starts[0] }?.terms.principal
        #expect(early.first { $0.account == ChartOfAccounts.loanPrincipal }?.normalBalance == firstPrincipal)
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    @Test func unbalancedDraftsAreRefused() throws {
        #expect(throws: LedgerError.self) {
            try JournalEntryDraft(date: try date("2020-01-01"), kind: .disbursement, description: "bad", idempotencyKey: "k",
                                  postings: [.debit(ChartOfAccounts.cash, try money("1.00")), .credit(ChartOfAccounts.loanPrincipal, try money("0.99"))])
        }
        #expect(throws: LedgerError.self) {
            try JournalEntryDraft(date: try date("2020-01-01"), kind: .disbursement, description: "one line", idempotencyKey: "k",
                                  postings: [.debit(ChartOfAccounts.cash, try money("1.00"))])
        }
        // Only 0.00 postings: balanced, but it moves nothing, and it says so.
        let empty = #expect(throws: LedgerError.self) {
            try JournalEntryDraft(date: try date("2020-01-01"), kind: .manual, description: "x", idempotencyKey: "k",
                                  postings: [.debit(ChartOfAccounts.cash, .zero), .credit(ChartOfAccounts.loanPrincipal, .zero)])
        }
        #expect(empty?.description.contains("moves nothing") == true, "\(String(describing: empty))")
    }

    /// SQLite itself refuses what the Swift code would never write: the guards hold even
    /// against raw SQL.
    @Test func theDatabaseGuardsTheJournal() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 1)
        defer { LedgerFixtures.remove(path) }
        let update = #expect(throws: DatabaseError.self) { try store.queue.write { db in try db.execute(sql: "UPDATE transfers SET amount_fen = 1") } }
        #expect(update?.message?.contains("immutable") == true)
        let delete = #expect(throws: DatabaseError.self) { try store.queue.write { db in try db.execute(sql: "DELETE FROM transfers") } }
        #expect(delete?.message?.contains("immutable") == true)
        #expect(throws: DatabaseError.self) { try store.queue.write { db in try db.execute(sql: "UPDATE journal_entries SET description = 'x'") } }
        #expect(throws: DatabaseError.self) { try store.queue.write { db in try db.execute(sql: "DELETE FROM journal_entries") } }
        // The postings are a view of the transfers: they cannot be written at all.
        #expect(throws: DatabaseError.self) {
            try store.queue.write { db in try db.execute(sql: "INSERT INTO postings(entry_id, line, account_code, amount_fen) VALUES (1, 9, '1001', 5)") }
        }
        let entry = "INSERT INTO journal_entries(id, entry_date, kind, description, idempotency_key, transfer_count) VALUES (99, '2020-01-01', 'x', 'x', 'x', 1)"
        // A transfer moves one positive amount from its credit to its debit: no amount can
        // be unbalanced, and a zero or negative one is refused.
        for amount in [0, -100] {
            let unbalanced = #expect(throws: DatabaseError.self) {
                try store.queue.write { db in
                    try db.execute(sql: entry)
                    try db.execute(sql: "INSERT INTO transfers(entry_id, transfer_count, number, debit_line, credit_line, debit_account, credit_account, amount_fen) VALUES (99, 1, 1, 1, 2, '1001', '1301', ?)",
                                   arguments: [amount])
                }
            }
            #expect(unbalanced?.message?.contains("amount_fen > 0") == true)
        }
        // Transfers with no entry at all cannot commit.
        let orphans = #expect(throws: DatabaseError.self) {
            try store.queue.write { db in
                try db.execute(sql: "INSERT INTO transfers(entry_id, transfer_count, number, debit_line, credit_line, debit_account, credit_account, amount_fen) VALUES (98, 1, 1, 1, 2, '1001', '1301', 100)")
            }
        }
        #expect(orphans?.resultCode == .SQLITE_CONSTRAINT)
        // No transfer can be slipped into an entry already recorded: entry 1 states one
        // transfer, which holds line 1; line 2 is beyond the count, and a count of 2 is not
        // the entry's.
        let count = try store.read { db in try Int.fetchOne(db.database, sql: "SELECT transfer_count FROM journal_entries WHERE id = 1") }
        #expect(count == 1)
        for (stated, line) in [(1, 1), (1, 2), (2, 2)] {
            #expect(throws: DatabaseError.self) {
                try store.queue.write { db in
                    try db.execute(sql: "INSERT INTO transfers(entry_id, transfer_count, number, debit_line, credit_line, debit_account, credit_account, amount_fen) VALUES (1, ?, ?, 1, 2, '1001', '1301', 5)",
                                   arguments: [stated, line])
                }
            }
        }
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    /// A key is a duplicate whether its entry is still buffered, written earlier in the same
    /// transaction, or in the journal before it; in a fresh journal and in one with entries.
    @Test func aKeyRecordedTwiceIsADuplicateWherever() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        func draft(_ key: String, _ fen: Int64 = 100) throws -> JournalEntryDraft {
            try JournalEntryDraft(date: try date("2020-03-02"), kind: .manual, description: key, idempotencyKey: key,
                                  postings: [.debit(ChartOfAccounts.cash, Money(fen: fen)), .credit(ChartOfAccounts.interestIncome, Money(fen: fen))])
        }
        for round in 0..<2 {
            // Round 0 starts from an empty journal, round 1 from one holding round 0's entries.
            try store.writeJournal { journal in
                let first = try journal.record(try draft("k:\(round):a"))
                #expect(!first.isDuplicate)
                #expect(try journal.record(try draft("k:\(round):a", 999)) == .duplicate(entryID: first.entryID))
                #expect(try journal.entry(withKey: "k:\(round):a") == first.entryID)
                // Enough entries to write the buffer out at least twice.
                for index in 0..<(3 * 128) { #expect(!(try journal.record(try draft("k:\(round):\(index)"))).isDuplicate) }
                #expect(try journal.record(try draft("k:\(round):a")) == .duplicate(entryID: first.entryID))
                #expect(try journal.record(try draft("k:\(round):7")).isDuplicate)
                if round == 1 { #expect(try journal.record(try draft("k:0:a")).isDuplicate) }
            }
        }
        let counts = try store.read { db in
            (try Int.fetchOne(db.database, sql: "SELECT count(*) FROM journal_entries"), try Int.fetchOne(db.database, sql: "SELECT sum(amount_fen) FROM transfers"))
        }
        #expect(counts.0 == 2 * (1 + 3 * 128))
        #expect(counts.1 == 2 * (1 + 3 * 128) * 100)
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    @Test func reversalMirrorsTheEntryOnce() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 1)
        defer { LedgerFixtures.remove(path) }
        // A register-free entry (a library caller's own event): 500.00 of cash booked as income.
        let manual = try store.writeJournal { journal -> Journal.Outcome in
            try journal.record(try JournalEntryDraft(date: try date("2020-06-01"), kind: .manual, description: "fee booked twice",
                                                     idempotencyKey: "manual:1",
                                                     postings: [.debit(ChartOfAccounts.cash, try money("500")), .credit(ChartOfAccounts.interestIncome, try money("500"))]))
        }
        let first = try store.writeJournal { journal -> Journal.Outcome in
            try journal.reverse(entryID: manual.entryID, on: try date("2021-01-01"), reason: "booked twice")
        }
        #expect(!first.isDuplicate)
        let again = try store.writeJournal { journal -> Journal.Outcome in
            try journal.reverse(entryID: manual.entryID, on: try date("2021-01-01"), reason: "again")
        }
        #expect(again == .duplicate(entryID: first.entryID))
        let income = { (asOf: CivilDate?) throws -> Money in
            try store.read { db in try LedgerQueries.balances(asOf: asOf, db) }.first { $0.account == ChartOfAccounts.interestIncome }?.normalBalance ?? .zero
        }
        #expect(try income(nil) == .zero)
        // Before the reversal's date the entry still counts.
        #expect(try income(try date("2020-12-31")) == (try money("500")))
        #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in _ = try journal.reverse(entryID: first.entryID, on: try date("2021-01-02"), reason: "reverse a reversal") }
        }
        // The disbursement is held by the loan book too: reversing its posting alone is refused.
        let refused = #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in _ = try journal.reverse(entryID: 1, on: try date("2021-01-01"), reason: "no") }
        }
        #expect(refused?.description.contains("loan book") == true)
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    /// The check catches books that disagree with the registers (written behind the tool's back).
    @Test func checkCatchesBooksThatDisagreeWithTheRegisters() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 1)
        defer { LedgerFixtures.remove(path) }
        try store.writeJournal { journal in
            _ = try journal.record(try JournalEntryDraft(date: try date("2020-06-01"), kind: .manual, description: "stray", idempotencyKey: "stray",
                                                         postings: [.debit(ChartOfAccounts.cash, try money("1")),
                                                                    .credit(ChartOfAccounts.loanPrincipal, try money("1"), loan: try LoanID(validating: "L0"))]))
        }
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.violations.contains { $0.contains("loan L0: the books hold") })
    }

    @Test func theSameBatchTwiceChangesNothing() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 20)
        defer { LedgerFixtures.remove(path) }
        let before = try LedgerFixtures.snapshot(store)
        let outcomes = try store.writeJournal { journal -> [LoanLedger.AddOutcome] in
            return try (0..<20).map { index in
                let record = try LedgerFixtures.loan(index)
                return try LoanLedger.add(record, journal: &journal)
            }
        }
        #expect(outcomes.allSatisfy { $0 == .duplicate })
        #expect(try LedgerFixtures.snapshot(store) == before)
    }

    /// A bad record in the middle of a batch: the transaction rolls back whole.
    @Test func aBadRecordInTheMiddleWritesNothing() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 5)
        defer { LedgerFixtures.remove(path) }
        let before = try LedgerFixtures.snapshot(store)
        #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in
                for index in 5..<10 {
                    let record = try LedgerFixtures.loan(index)
                    _ = try LoanLedger.add(record, journal: &journal)
                }
                // Loan L2 again but with other terms: refused.
                let original = try LedgerFixtures.loan(2)
                let changed = LoanRecord(id: original.id, enterprise: original.enterprise, bank: "另一家银行", terms: original.terms,
                                         creditLine: original.creditLine, applied: original.applied)
                _ = try LoanLedger.add(changed, journal: &journal)
            }
        }
        #expect(try LedgerFixtures.snapshot(store) == before)
    }

    @Test func openingRefusesWhatIsNotALedger() throws {
        let missing = LedgerFixtures.temporaryPath()
        #expect(throws: LedgerError.missingDatabase(path: missing)) { try LedgerStore.open(at: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let garbage = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(garbage) }
        try Data("not a database at all, just text".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: LedgerError.self) { try LedgerStore.open(at: garbage) }
    }
}

/// Every entry records the account that made it through the web application (SPEC.md); an
/// entry made at the command line records none, and an account the ledger does not hold is
/// refused by its foreign key.
@Suite struct EntryUserTests {
    @Test func anEntryRecordsItsAccount() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 0)
        defer { LedgerFixtures.remove(path) }
        let hash = "$2b$12$" + String(repeating: "a", count: 53)
        try store.write { db in try UserLedger.add(name: "zhang", role: .bureau, bank: nil, passwordHash: hash, on: try CivilDate(parsing: "2020-01-01"), db) }
        try store.writeJournal(as: "zhang") { journal in _ = try LoanLedger.add(try LedgerFixtures.loan(0), journal: &journal) }
        try store.writeJournal { journal in _ = try LoanLedger.add(try LedgerFixtures.loan(1), journal: &journal) }
        let users = try store.read { db in try LedgerQueries.history(of: ChartOfAccounts.loanPrincipal, db) }.map(\.user)
        #expect(users == ["zhang", nil])
        #expect(throws: LedgerError.self) {
            try store.writeJournal(as: "nobody") { journal in _ = try LoanLedger.add(try LedgerFixtures.loan(2), journal: &journal) }
        }
    }
}
