import GRDB
import ReliefDomain
import ReliefEngine
@testable import ReliefLedger
import ReliefSamples
import Testing

/// `LoanLedger.addAll` (imports) books exactly what `LoanLedger.add` one by one books, across
/// chunk boundaries, with the same duplicates and the same refusals.
@Suite struct BulkBookingTests {
    /// 600 loans (three chunks), then the first 300 again, a loan id reused with other terms,
    /// and an enterprise's credit code under another name.
    func batch() throws -> [LoanRecord] {
        var loans = try (0..<600).map(LedgerFixtures.loan)
        loans += loans.prefix(300)
        let reused = loans[10]
        loans.append(LoanRecord(id: reused.id, enterprise: reused.enterprise, bank: reused.bank,
                                terms: try LoanTerms(principal: reused.terms.principal + Money(fen: 1), annualRate: reused.terms.annualRate,
                                                     start: reused.terms.start, termMonths: reused.terms.termMonths, method: reused.terms.method),
                                creditLine: reused.creditLine, applied: reused.applied))
        let renamed = loans[20]
        loans.append(LoanRecord(id: try LoanID(validating: "RENAMED"),
                                enterprise: EnterpriseRecord(code: renamed.enterprise.code, name: "另一家公司", size: renamed.enterprise.size,
                                                             county: renamed.enterprise.county),
                                bank: renamed.bank, terms: renamed.terms, creditLine: nil, applied: nil))
        return loans
    }

    @Test func bulkEqualsOneByOne() throws {
        let loans = try batch()
        let onePath = LedgerFixtures.temporaryPath(), bulkPath = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(onePath); LedgerFixtures.remove(bulkPath) }
        let one = try LedgerStore.create(at: onePath), bulk = try LedgerStore.create(at: bulkPath)
        var oneByOne = (added: 0, duplicates: 0, refused: [Int]())
        try one.writeJournal { journal in
            for (index, loan) in loans.enumerated() {
                do {
                    switch try LoanLedger.add(loan, journal: &journal) {
                    case .added: oneByOne.added += 1
                    case .duplicate: oneByOne.duplicates += 1
                    }
                } catch is LedgerError {
                    oneByOne.refused.append(index)
                }
            }
        }
        var refused: [Int] = []
        let outcome = try bulk.writeJournal { journal in
            try LoanLedger.addAll(loans, journal: &journal) { index, _ in refused.append(index) }
        }
        #expect(oneByOne.added == 600 && oneByOne.duplicates == 300 && oneByOne.refused == [900, 901])
        #expect(outcome.added == oneByOne.added && outcome.duplicates == oneByOne.duplicates && refused == oneByOne.refused)
        #expect(try LedgerFixtures.snapshot(bulk) == LedgerFixtures.snapshot(one))
        let enterprises = { (store: LedgerStore) in
            try store.read { db in try String.fetchAll(db.database, sql: "SELECT id || credit_code || name || size || county FROM enterprises ORDER BY id") }
        }
        #expect(try enterprises(bulk) == enterprises(one))
        #expect(try bulk.read { db in try LedgerCheck.run(db) }.isClean)
        // A second bulk run of the same loans books nothing and reports them all as duplicates.
        let again = try bulk.writeJournal { journal in
            try LoanLedger.addAll(Array(loans.prefix(600)), journal: &journal) { _, _ in }
        }
        #expect(again.added == 0 && again.duplicates == 600)
    }

    /// An enterprise first known from a bridge advance (no size) is completed by its loan.
    @Test func completesAnEnterpriseKnownFromABridgeAdvance() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        let loan = try LedgerFixtures.loan(3)
        try store.write { db in
            try db.database.execute(sql: "INSERT INTO enterprises(credit_code, name, county) VALUES (?, ?, '')",
                           arguments: [loan.enterprise.code.value, loan.enterprise.code.value])
        }
        let outcome = try store.writeJournal { journal in try LoanLedger.addAll([loan], journal: &journal) { _, error in Issue.record("\(error)") } }
        #expect(outcome.added == 1)
        let row = try store.read { db in try Row.fetchOne(db.database, sql: "SELECT name, size, county FROM enterprises") }
        #expect(row?["name"] == loan.enterprise.name && row?["size"] == loan.enterprise.size.rawValue && row?["county"] == loan.enterprise.county)
    }
}
