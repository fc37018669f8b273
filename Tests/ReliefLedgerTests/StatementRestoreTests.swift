import GRDB
import ReliefDomain
@testable import ReliefLedger
import Testing

/// Statements, entries and matches stored again as written in a loan book: idempotent on the
/// digest, the entry key and each side of a match; a match to something else refused; a
/// capital movement's reference carried by its journal key and found again.
@Suite struct StatementRestoreTests {
    static let digest = String(repeating: "cd", count: 32)

    func entry(_ number: Int, _ amount: String, currency: String = "CNY") throws -> StatementEntry {
        StatementEntry(account: "FUND", entryNumber: number, bookingDate: try CivilDate(parsing: "2020-03-02"),
                       amount: try ExactAmount(parsing: amount, currency: currency), direction: .debit, line: 10 * number)
    }

    @Test func restoringTwiceStoresNothingTwice() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        try store.write { db in
            let first = try StatementLedger.restoreStatement(source: "s.xml", digest: Self.digest, messageDefinition: "camt.053.001.02", messageID: nil,
                                                           entries: 2, db)
            let again = try StatementLedger.restoreStatement(source: "other.xml", digest: Self.digest, messageDefinition: "bank-csv", messageID: "M",
                                                           entries: 9, db)
            #expect(!first.isDuplicate && again.isDuplicate && again.statementID == first.statementID)
            // The key is kept as given, not recomputed (this one is not what `store` would make).
            #expect(try StatementLedger.restoreEntry(try entry(1, "1.00001", currency: "USD"), key: "K1", statementID: first.statementID, db))
            #expect(!(try StatementLedger.restoreEntry(try entry(1, "1.00001", currency: "USD"), key: "K1", statementID: first.statementID, db)))
            // The same key with another amount is a contradiction, not a duplicate.
            #expect(throws: LedgerError.self) { try StatementLedger.restoreEntry(try entry(1, "2.00"), key: "K1", statementID: first.statementID, db) }
            #expect(try StatementLedger.restoreEntry(try entry(2, "6000000.00"), key: "K2", statementID: first.statementID, db))
            let row = try #require(try Row.fetchOne(db.database, sql: "SELECT amount_mantissa, amount_scale, currency, source_line FROM statement_entries WHERE entry_key = 'K1'"))
            #expect(row["amount_mantissa"] as Int64 == 100_001 && row["amount_scale"] as Int == 5 && row["currency"] as String == "USD"
                    && row["source_line"] as Int == 10)

            #expect(try Reconciliation.restoreMatch(entryKey: "K2", kind: .advance, reference: "A", method: .endToEnd, differenceFen: -100, events: try Reconciliation.EventIndex(db), db))
            #expect(!(try Reconciliation.restoreMatch(entryKey: "K2", kind: .advance, reference: "A", method: .endToEnd, differenceFen: -100, events: try Reconciliation.EventIndex(db), db)))
            // Either side matched to something else: refused.
            #expect(throws: LedgerError.self) {
                try Reconciliation.restoreMatch(entryKey: "K2", kind: .advance, reference: "B", method: .endToEnd, differenceFen: 0, events: try Reconciliation.EventIndex(db), db)
            }
            #expect(throws: LedgerError.self) {
                try Reconciliation.restoreMatch(entryKey: "K1", kind: .advance, reference: "A", method: .amountDate, differenceFen: 0, events: try Reconciliation.EventIndex(db), db)
            }
            #expect(throws: LedgerError.unknownStatementEntry("with key 'K9'")) {
                try Reconciliation.restoreMatch(entryKey: "K9", kind: .capital, reference: "capital:1", method: .amountDate, differenceFen: 0, events: try Reconciliation.EventIndex(db), db)
            }
            #expect(try Int.fetchOne(db.database, sql: "SELECT count(*) FROM statements") == 1)
            #expect(try Int.fetchOne(db.database, sql: "SELECT count(*) FROM statement_entries") == 2)
            #expect(try Int.fetchOne(db.database, sql: "SELECT count(*) FROM statement_matches") == 1)
        }
    }

    @Test func aCapitalMovementTravelsByItsJournalKey() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            _ = try book.moveCapital(Money(yuan: 10_000_000), on: try CivilDate(parsing: "2020-03-01"), reference: nil, journal: &journal)
            // Found while its entry may still be buffered in the journal.
            #expect(try Reconciliation.ledgerReference(kind: .capital, transferReference: "bridge:capital:2020-03-01:1000000000", journal: journal)
                    == "capital:1")
            #expect(try Reconciliation.ledgerReference(kind: .capital, transferReference: "bridge:capital:2020-03-02:1", journal: journal) == nil)
            #expect(try Reconciliation.ledgerReference(kind: .loanRepayment, transferReference: "loan:X:repayment:1", journal: journal) == nil)
            #expect(try Reconciliation.ledgerReference(kind: .advance, transferReference: "BR-9", journal: journal) == "BR-9")
        }
        // A match's difference is the entry's amount less the event's: 10,000,000.50 against the
        // 10,000,000.00 capital is 0.50, and a book saying 0.00 is refused.
        try store.write { db in
            let statement = try StatementLedger.restoreStatement(source: "s.xml", digest: Self.digest, messageDefinition: "camt.053.001.02", messageID: nil,
                                                               entries: 1, db).statementID
            var capital = try entry(1, "10000000.50")
            capital.direction = .credit
            #expect(try StatementLedger.restoreEntry(capital, key: "C1", statementID: statement, db))
            let events = try Reconciliation.EventIndex(db)
            #expect(throws: LedgerError.self) {
                try Reconciliation.restoreMatch(entryKey: "C1", kind: .capital, reference: "capital:1", method: .amountDate, differenceFen: 0, events: events, db)
            }
            #expect(try Reconciliation.restoreMatch(entryKey: "C1", kind: .capital, reference: "capital:1", method: .amountDate, differenceFen: 50,
                                                    events: events, db))
        }
        let key = try store.read { db in try Reconciliation.transferReference(kind: .capital, reference: "capital:1", db) }
        #expect(key == "bridge:capital:2020-03-01:1000000000")
        #expect(throws: LedgerError.self) { try store.read { db in try Reconciliation.transferReference(kind: .loanRepayment, reference: "entry:99", db) } }
    }
}
