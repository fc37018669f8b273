import GRDB
import ReliefDomain
import Testing
@testable import ReliefLedger

/// v11 rebuilt enterprises, loans and installments with their `IN (...)` checks written as
/// comparisons: the checks refuse what they refused, and the triggers and views that name
/// those tables are all still there.
@Suite struct SchemaChecksTests {
    @Test func theRebuiltTablesStillRefuseWhatTheyRefused() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 1)
        defer { LedgerFixtures.remove(path) }
        let loan = try store.read { db in try String.fetchOne(db.database, sql: "SELECT id FROM loans") }
        let statements = [
            "UPDATE enterprises SET size = 'huge'", "UPDATE enterprises SET has_loan_record = 2",
            "UPDATE loans SET method = 'balloon'", "UPDATE loans SET day_count = '30/365'", "UPDATE loans SET settlement = 'yearly'",
            "UPDATE loans SET schedule_stored = 2", "UPDATE loans SET rounding = 'half-up'",
            "INSERT INTO installments(loan_id, period, due_date, original_due_date, days, principal_fen, interest_fen, balance_fen, accrued) VALUES ('\(loan ?? "")', 99, '2030-01-01', '2030-01-01', 1, 1, 1, 0, 2)",
        ]
        for sql in statements {
            let refused = #expect(throws: DatabaseError.self, "\(sql)") { try store.queue.write { db in try db.execute(sql: sql) } }
            #expect(refused?.resultCode == .SQLITE_CONSTRAINT, "\(sql)")
        }
        // What they accept.
        try store.queue.write { db in
            try db.execute(sql: "UPDATE enterprises SET size = 'micro'")
            try db.execute(sql: "UPDATE loans SET rounding = 'half-even'")
        }
        let schema = try store.read { db in
            try String.fetchAll(db.database, sql: "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('trigger', 'view', 'index') ORDER BY 1")
        }
        for expected in ["index installments_deferral", "index loans_enterprise", "trigger enterprises_identified_once",
                         "trigger counsellor_assignments_in_order", "trigger cultivation_stages_in_order", "view postings"] {
            #expect(schema.contains(expected), "\(expected) missing from \(schema)")
        }
        let lists = try store.read { db in
            try String.fetchAll(db.database, sql: "SELECT name FROM sqlite_master WHERE name IN ('enterprises', 'loans', 'installments') AND sql LIKE '% IN (%'")
        }
        #expect(lists.isEmpty, "\(lists)")
    }
}

/// The users table refuses what the account rules forbid, even against raw SQL.
@Suite struct UserSchemaTests {
    @Test func theTableGuardsTheAccountRules() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        let hash = "$2b$12$" + String(repeating: "a", count: 53)
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO users(name, role, bank, password_hash, created) VALUES ('a', 'bank', '济宁银行', ?, '2020-01-01')", arguments: [hash])
        }
        for sql in [
            "INSERT INTO users(name, role, bank, password_hash, created) VALUES ('b', 'bank', NULL, '\(hash)', '2020-01-01')",       // bank without its bank
            "INSERT INTO users(name, role, bank, password_hash, created) VALUES ('c', 'bureau', 'x', '\(hash)', '2020-01-01')",       // a bank for the bureau
            "INSERT INTO users(name, role, bank, password_hash, created) VALUES ('d', 'admin', NULL, '\(hash)', '2020-01-01')",       // no such role
            "INSERT INTO users(name, role, bank, password_hash, created) VALUES ('e', 'bureau', NULL, 'secret password', '2020-01-01')",  // not a hash
            "INSERT INTO users(name, role, bank, password_hash, created) VALUES ('a', 'bureau', NULL, '\(hash)', '2020-01-01')",       // a taken name
            "UPDATE users SET disabled = 2",
            "UPDATE users SET token_sha256 = 'short'",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.queue.write { db in try db.execute(sql: sql) } }
        }
    }
}
