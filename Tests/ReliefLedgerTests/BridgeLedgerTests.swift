import GRDB
import ReliefDomain
import ReliefEngine
@testable import ReliefLedger
import ReliefSamples
import Testing

@Suite struct BridgeBookTests {
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
    func money(_ text: String) throws -> Money { try Money(parsing: text) }

    func request(_ id: String, amount: String, on day: String, enterprise: Int = 1) throws -> BridgeAdvanceRequest {
        BridgeAdvanceRequest(id: try AdvanceID(validating: id), enterprise: SamplePortfolio.creditCode(enterprise), bank: "济宁银行",
                                  county: "任城区", amount: try money(amount), date: try date(day))
    }

    func fund(_ capital: String) throws -> (LedgerStore, String) {
        let path = LedgerFixtures.temporaryPath()
        let store = try LedgerStore.create(at: path)
        try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            _ = try book.moveCapital(try money(capital), on: try date("2020-03-01"), reference: nil, journal: &journal)
        }
        return (store, path)
    }

    /// A fund of 10,000,000 with two overlapping advances of 6,000,000: the second is refused
    /// and nothing is written.
    @Test func overlappingAdvancesBeyondTheFund() throws {
        let (store, path) = try fund("10000000")
        defer { LedgerFixtures.remove(path) }
        try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            _ = try book.advance(try request("A", amount: "6000000", on: "2020-03-02"), journal: &journal)
        }
        let before = try LedgerFixtures.snapshot(store) + (try store.read { db in try String.fetchAll(db.database, sql: "SELECT id FROM bridge_advances") })
        let error = #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in
                var book = try BridgeLedger(journal.transaction)
                _ = try book.advance(try request("B", amount: "6000000", on: "2020-03-03", enterprise: 2), journal: &journal)
            }
        }
        #expect(error?.description.contains("below zero") == true)
        let after = try LedgerFixtures.snapshot(store) + (try store.read { db in try String.fetchAll(db.database, sql: "SELECT id FROM bridge_advances") })
        #expect(after == before)
        // Once A is repaid (2020-03-12, 10 days, fee 48,000.00), B fits.
        try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            let repaid = try book.repay(try AdvanceID(validating: "A"), on: try date("2020-03-12"), journal: &journal)
            #expect(repaid == BridgeLedger.RepaymentOutcome(days: 10, fee: try money("48000"), daysOver: 0, duplicate: false))
            _ = try book.advance(try request("B", amount: "6000000", on: "2020-03-12", enterprise: 2), journal: &journal)
            #expect(book.cash == (try money("4048000")))
        }
        let balances = try store.read { db in try LedgerQueries.balances(db) }
        #expect(balances.first { $0.account == ChartOfAccounts.feeIncome }?.normalBalance == (try money("48000")))
        #expect(balances.first { $0.account == ChartOfAccounts.advancesReceivable }?.normalBalance == (try money("6000000")))
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    @Test func lateRepaymentIsRecordedAndFlagged() throws {
        let (store, path) = try fund("10000000")
        defer { LedgerFixtures.remove(path) }
        let outcome = try store.writeJournal { journal -> BridgeLedger.RepaymentOutcome in
            var book = try BridgeLedger(journal.transaction)
            _ = try book.advance(try request("A", amount: "1000000", on: "2020-03-02"), journal: &journal)
            return try book.repay(try AdvanceID(validating: "A"), on: try date("2020-03-20"), journal: &journal)
        }
        // 18 days, 3 over; fee for the days used: 1,000,000 x 0.08% x 18 = 14,400.00.
        #expect(outcome == BridgeLedger.RepaymentOutcome(days: 18, fee: try money("14400"), daysOver: 3, duplicate: false))
        let again = try store.writeJournal { journal -> BridgeLedger.RepaymentOutcome in
            var book = try BridgeLedger(journal.transaction)
            return try book.repay(try AdvanceID(validating: "A"), on: try date("2020-03-20"), journal: &journal)
        }
        #expect(again.duplicate)
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    @Test func refusals() throws {
        let (store, path) = try fund("10000000")
        defer { LedgerFixtures.remove(path) }
        try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            _ = try book.advance(try request("A", amount: "1000000", on: "2020-03-05"), journal: &journal)
        }
        func refused(_ body: (inout BridgeLedger, inout Journal) throws -> Void) throws -> String? {
            let error = #expect(throws: LedgerError.self) {
                try store.writeJournal { journal in
                    var book = try BridgeLedger(journal.transaction)
                    try body(&book, &journal)
                }
            }
            return error?.description
        }
        #expect(try refused { book, journal in _ = try book.advance(try request("B", amount: "1000", on: "2020-03-04"), journal: &journal) }?
            .contains("date order") == true)
        #expect(try refused { book, journal in _ = try book.repay(try AdvanceID(validating: "A"), on: try date("2020-03-04"), journal: &journal) }?
            .contains("before advance") == true)
        #expect(try refused { book, journal in _ = try book.repay(try AdvanceID(validating: "Z"), on: try date("2020-03-06"), journal: &journal) }?
            .contains("no bridge advance") == true)
        #expect(try refused { book, journal in _ = try book.advance(try request("A", amount: "2000000", on: "2020-03-05"), journal: &journal) }?
            .contains("other figures") == true)
        #expect(try refused { book, journal in
            _ = try book.moveCapital(-(try money("9000000.01")), on: try date("2020-03-06"), reference: nil, journal: &journal)
        }?.contains("below zero") == true)
        let duplicate = try store.writeJournal { journal -> Journal.Outcome in
            var book = try BridgeLedger(journal.transaction)
            return try book.advance(try request("A", amount: "1000000", on: "2020-03-05"), journal: &journal)
        }
        #expect(duplicate.isDuplicate)
    }

    @Test func termsAreStoredAndAdvancesKeepTheirOwn() throws {
        let (store, path) = try fund("10000000")
        defer { LedgerFixtures.remove(path) }
        try store.writeJournal { journal in
            try BridgeFund.store(try BridgeTerms(tiers: try BridgeTerms.Tier.parseList("5:0.02%,*:0.04%")), journal.transaction)
            var book = try BridgeLedger(journal.transaction)
            _ = try book.advance(try request("A", amount: "1000000", on: "2020-03-02"), journal: &journal)
            try BridgeFund.store(.seed(), journal.transaction)
        }
        let outcome = try store.writeJournal { journal -> BridgeLedger.RepaymentOutcome in
            var book = try BridgeLedger(journal.transaction)
            return try book.repay(try AdvanceID(validating: "A"), on: try date("2020-03-09"), journal: &journal)
        }
        // The tiers it was made under: 1,800.00 for 7 days, not 0.08% x 7 = 5,600.00.
        #expect(outcome.fee == (try money("1800")))
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }
}
