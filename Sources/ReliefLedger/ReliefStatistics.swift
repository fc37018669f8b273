import GRDB
import ReliefDomain

/// Aggregates of the ledger's deferrals for the report: relief by bank and by month, the
/// deferred principal outstanding over time.
public enum ReliefStatistics {
    /// Loans deferred, their deferred principal and relief, in one group (a bank or a month).
    public struct Group: Hashable, Sendable {
        public let name: String
        public let loans: Int
        public let deferredPrincipal: Money
        public let relief: Money
    }

    /// The day the first deferral was recorded (its entry's date, or its deferral date when it
    /// posted nothing), or nil without deferrals.
    public static func firstDeferralDate(_ transaction: LedgerTransaction) throws -> CivilDate? {
        let db = transaction.database
        return try String.fetchOne(db, sql: """
            SELECT min(coalesce(e.entry_date, d.deferral_date)) FROM deferrals d LEFT JOIN journal_entries e ON e.id = d.entry_id
            """).flatMap { try? CivilDate(parsing: $0) }
    }

    /// Deferrals recorded in [from, to], grouped by the loan's bank, by bank name.
    public static func reliefByBank(_ transaction: LedgerTransaction, from: CivilDate, to: CivilDate) throws -> [Group] {
        try groups(transaction, from: from, to: to, sql: """
            SELECT l.bank AS name, count(*) AS loans, sum(d.deferred_principal_fen) AS principal, sum(d.relief_fen) AS relief
            FROM deferrals d JOIN loans l ON l.id = d.loan_id LEFT JOIN journal_entries e ON e.id = d.entry_id
            WHERE coalesce(e.entry_date, d.deferral_date) BETWEEN ? AND ? GROUP BY l.bank ORDER BY l.bank
            """)
    }

    /// Deferrals recorded in [from, to], grouped by the month recorded (`YYYY-MM`).
    public static func reliefByMonth(_ transaction: LedgerTransaction, from: CivilDate, to: CivilDate) throws -> [Group] {
        try groups(transaction, from: from, to: to, sql: """
            SELECT substr(coalesce(e.entry_date, d.deferral_date), 1, 7) AS name, count(*) AS loans,
                   sum(d.deferred_principal_fen) AS principal, sum(d.relief_fen) AS relief
            FROM deferrals d LEFT JOIN journal_entries e ON e.id = d.entry_id
            WHERE coalesce(e.entry_date, d.deferral_date) BETWEEN ? AND ? GROUP BY name ORDER BY name
            """)
    }

    /// The deferred-principal account's balance at the end of each day it moved, through `to`.
    public static func deferredPrincipalBalances(_ transaction: LedgerTransaction, through to: CivilDate) throws -> [(date: CivilDate, balance: Money)] {
        let db = transaction.database
        var balance = Money.zero
        var days: [(date: CivilDate, balance: Money)] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT e.entry_date AS day, sum(p.amount_fen) AS change FROM postings p JOIN journal_entries e ON e.id = p.entry_id
            WHERE p.account_code = ? AND e.entry_date <= ? GROUP BY e.entry_date ORDER BY e.entry_date
            """, arguments: [ChartOfAccounts.deferredPrincipal.code, to.description]) {
            balance += Money(fen: row["change"])
            if let day = try? CivilDate(parsing: row["day"]) { days.append((day, balance)) }
        }
        return days
    }

    static func groups(_ transaction: LedgerTransaction, from: CivilDate, to: CivilDate, sql: String) throws -> [Group] {
        let db = transaction.database
        return try Row.fetchAll(db, sql: sql, arguments: [from.description, to.description]).map {
            Group(name: $0["name"], loans: $0["loans"], deferredPrincipal: Money(fen: $0["principal"]), relief: Money(fen: $0["relief"]))
        }
    }
}
