import GRDB
import ReliefDomain
@testable import ReliefLedger
import ReliefSamples
import Testing

/// Storing statements and reconciling them against a bridge fund register whose numbers are
/// worked by hand: capital 10,000,000 on 2020-03-01; advance A 6,000,000 on 03-02, B
/// 1,000,000 on 03-03, C 500,000 on 03-04; A repaid on 03-06 after 4 days at 0.08% a day:
/// fee 6,000,000 x 0.0008 x 4 = 19,200.00, so 6,019,200.00 comes back.
@Suite struct ReconciliationTests {
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    func cny(_ text: String) throws -> ExactAmount { try ExactAmount(parsing: text, currency: "CNY") }

    func register() throws -> (LedgerStore, String) {
        let path = LedgerFixtures.temporaryPath()
        let store = try LedgerStore.create(at: path)
        try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            _ = try book.moveCapital(Money(yuan: 10_000_000), on: try date("2020-03-01"), reference: nil, journal: &journal)
            for (id, amount, day, enterprise, account) in [("A", 6_000_000, "2020-03-02", 1, "6222000000000001"),
                                                          ("B", 1_000_000, "2020-03-03", 2, "6222000000000002"),
                                                          ("C", 500_000, "2020-03-04", 3, "6222000000000003")] {
                _ = try book.advance(BridgeAdvanceRequest(
                    id: try AdvanceID(validating: id), enterprise: SamplePortfolio.creditCode(enterprise), enterpriseName: "企业\(id)",
                    bank: "济宁银行", amount: Money(yuan: Int64(amount)), date: try date(day), account: account), journal: &journal)
            }
            _ = try book.repay(try AdvanceID(validating: "A"), on: try date("2020-03-06"), journal: &journal)
        }
        return (store, path)
    }

    func statement() throws -> [StatementEntry] {
        [
            StatementEntry(account: "FUND", entryNumber: 1, bookingDate: try date("2020-03-02"), amount: try cny("6000000.00"),
                           direction: .debit, accountServicerReference: "R1", endToEndID: "A", line: 10),
            StatementEntry(account: "FUND", entryNumber: 2, bookingDate: try date("2020-03-04"), amount: try cny("1000000"),
                           direction: .debit, accountServicerReference: "R2", endToEndID: "NOTPROVIDED",
                           counterpartyAccount: "6222 0000 0000 0002", line: 20),
            StatementEntry(account: "FUND", entryNumber: 3, bookingDate: try date("2020-03-06"), amount: try cny("6019000.00"),
                           direction: .credit, accountServicerReference: "R3", endToEndID: "A", line: 30),
            StatementEntry(account: "FUND", entryNumber: 4, bookingDate: try date("2020-02-29"), amount: try cny("10000000.00"),
                           direction: .credit, accountServicerReference: "R4", line: 40),
            StatementEntry(account: "FUND", entryNumber: 5, bookingDate: try date("2020-03-05"),
                           amount: try ExactAmount(parsing: "123.45", currency: "EUR"), direction: .credit, line: 50),
            StatementEntry(account: "FUND", entryNumber: 6, bookingDate: try date("2020-03-05"), amount: try cny("999.00"),
                           direction: .debit, accountServicerReference: "R6", line: 60),
        ]
    }

    static let digest = String(repeating: "ab", count: 32)

    @Test func matchesMismatchesAndLeftovers() throws {
        let (store, path) = try register()
        defer { LedgerFixtures.remove(path) }
        let entries = try statement()
        let (stored, report) = try store.write { db in
            let stored = try StatementLedger.store(entries, source: "s.xml", digest: Self.digest, messageDefinition: "camt.053.001.02",
                                                 messageID: "M", db)
            return (stored, try Reconciliation.reconcile(entryIDs: stored.entryIDs, db))
        }
        #expect(stored.imported == 6 && stored.duplicates == 0)
        #expect(report.matched.map(\.entry.line).sorted() == [10, 20, 40])
        let byLine = Dictionary(uniqueKeysWithValues: report.matched.map { ($0.entry.line, $0) })
        #expect(byLine[10]?.event.kind == .advance && byLine[10]?.event.label == "A" && byLine[10]?.method == .endToEnd)
        #expect(byLine[20]?.event.label == "B" && byLine[20]?.method == .amountDateCounterparty)
        #expect(byLine[40]?.event.kind == .capital && byLine[40]?.method == .amountDate)
        try #require(report.mismatched.count == 1)
        #expect(report.mismatched[0].event.kind == .advanceRepayment)
        #expect(report.mismatched[0].event.amount == Money(fen: 601_920_000))
        #expect(report.mismatched[0].difference == Money(fen: -20_000))
        #expect(report.notReconcilable.map(\.line) == [50])
        #expect(report.unmatchedEntries.map(\.entry.line) == [60])
        #expect(report.unmatchedEvents.map(\.label) == ["C"])
        #expect(report.alreadyMatched.isEmpty)

        // Again: nothing stored, nothing matched twice.
        let (again, second) = try store.write { db in
            let stored = try StatementLedger.store(entries, source: "s.xml", digest: Self.digest, messageDefinition: "camt.053.001.02",
                                                 messageID: "M", db)
            return (stored, try Reconciliation.reconcile(entryIDs: stored.entryIDs, db))
        }
        #expect(again.imported == 0 && again.duplicates == 6)
        #expect(again.entryIDs == stored.entryIDs)
        #expect(second.matched.isEmpty && second.mismatched.isEmpty)
        #expect(second.alreadyMatched.count == 4)
        #expect(second.unmatchedEntries.map(\.entry.line) == [60])
        #expect(second.unmatchedEvents.map(\.label) == ["C"])
        let counts = try store.read { db in
            (try Int.fetchOne(db.database, sql: "SELECT count(*) FROM statement_entries"), try Int.fetchOne(db.database, sql: "SELECT count(*) FROM statement_matches"),
             try Int.fetchOne(db.database, sql: "SELECT count(*) FROM statements"))
        }
        #expect(counts.0 == 6 && counts.1 == 4 && counts.2 == 1)
    }

    /// Amounts stay exact in the database: five decimals, scale and currency come back as written.
    @Test func amountsAreStoredExactly() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        let amount = try ExactAmount(parsing: "1234.56789", currency: "EUR")
        let entry = StatementEntry(account: "X", entryNumber: 1, bookingDate: nil, amount: amount, direction: .credit, line: 3)
        let ids = try store.write { db in
            try StatementLedger.store([entry, entry], source: "e.xml", digest: Self.digest, messageDefinition: "camt.053.001.04", messageID: nil, db).entryIDs
        }
        // Without a bank reference an entry is keyed by the file and its position: the same
        // position given twice is one movement.
        #expect(ids.count == 2 && ids[0] == ids[1])
        let back = try store.read { db in try StatementLedger.entries([ids[0]], db) }
        #expect(back.first?.amount == amount)
        // The tables refuse changes: entries are what the bank reported.
        #expect(throws: DatabaseError.self) {
            try store.queue.write { db in try db.execute(sql: "UPDATE statement_entries SET amount_mantissa = 1") }
        }
    }

    /// A new database runs the migrations in the order they landed.
    @Test func migrationsInOrder() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        _ = try LedgerStore.create(at: path)
        let queue = try DatabaseQueue(path: path)
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
        #expect(Array(applied) == ["v1-ledger-and-loans", "v2-bridge-fund", "v3-first-loans", "v4-statements", "v5-schedule-storage", "v6-programme-runs", "v7-corrections", "v8-programme-run-scope", "v9-transfers", "v10-loan-rounding", "v11-checks-without-lists", "v12-users", "v13-entry-users"])
    }
}
