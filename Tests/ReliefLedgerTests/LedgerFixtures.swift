import Foundation
import GRDB
import ReliefDomain
import ReliefEngine
@testable import ReliefLedger
import ReliefSamples

/// Temporary ledgers and generated loans for the ledger tests.
enum LedgerFixtures {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("relief-ledger-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Loan `index` of a generated portfolio: sizes, credit lines, applications and terms vary
    /// so that every eligibility rule and method is exercised.
    static func loan(_ index: Int) throws -> LoanRecord {
        let sizes: [EnterpriseSize] = [.micro, .small, .medium, .large]
        let methods: [RepaymentMethod] = [.annuity, .equalPrincipal, .interestOnly, .bullet]
        let start = try CivilDate(parsing: "2019-06-01").adding(days: (index * 37) % 365)
        let terms = try LoanTerms(principal: Money(fen: Int64(5_000_000 + (index * 7_919) % 500_000_000)),
                                  annualRate: Rate(units: Int64(350_000_000 + (index % 7) * 25_000_000)),
                                  start: start, termMonths: [6, 12, 24, 36][index % 4], method: methods[(index / 4) % 4])
        let enterprise = EnterpriseRecord(code: SamplePortfolio.creditCode(index), name: "测试企业\(index)号有限公司", size: sizes[index % sizes.count],
                                          county: ["任城区", "兖州区", "曲阜市"][index % 3])
        return LoanRecord(id: try LoanID(validating: "L\(index)"), enterprise: enterprise, bank: ["济宁银行", "农商银行"][index % 2],
                          terms: terms, creditLine: index % 5 == 0 ? Money(yuan: 12_000_000) : Money(yuan: 2_000_000),
                          applied: index % 6 == 5 ? nil : try CivilDate(parsing: "2020-02-10"))
    }

    /// A new ledger holding `count` generated loans.
    static func ledger(loans count: Int) throws -> (LedgerStore, String) {
        let path = temporaryPath()
        let store = try LedgerStore.create(at: path)
        try store.writeJournal { journal in
            for index in 0..<count {
                let record = try loan(index)
                _ = try LoanLedger.add(record, journal: &journal)
            }
        }
        return (store, path)
    }

    /// Everything the invariants cover, as comparable values: loans, schedules, entries, balances.
    static func snapshot(_ store: LedgerStore) throws -> [String] {
        try store.readDatabase { db in
            try String.fetchAll(db, sql: "SELECT id || ',' || principal_fen FROM loans ORDER BY id")
                + String.fetchAll(db, sql: "SELECT loan_id || ',' || period || ',' || due_date || ',' || principal_fen || ',' || interest_fen FROM installments ORDER BY loan_id, period")
                + String.fetchAll(db, sql: "SELECT id || ',' || idempotency_key FROM journal_entries ORDER BY id")
                + String.fetchAll(db, sql: "SELECT entry_id || ',' || account_code || ',' || sum(amount_fen) FROM postings GROUP BY entry_id, line ORDER BY entry_id, line")
                + String.fetchAll(db, sql: "SELECT loan_id || ',' || programme || ',' || relief_fen FROM deferrals ORDER BY id")
        }
    }
}
