import GRDB
import ReliefDomain

/// Balances, trial balance and account history, as of a date (entries dated on or before it).
public enum LedgerQueries {
    /// An account's balance: `debit` minus `credit` of its postings; `normalBalance` is that
    /// amount signed so that an account on its normal side is positive.
    public struct AccountBalance: Hashable, Sendable {
        public let account: LedgerAccount
        public let debit: Money
        public let credit: Money

        public init(account: LedgerAccount, debit: Money, credit: Money) {
            self.account = account
            self.debit = debit
            self.credit = credit
        }

        public var net: Money { debit - credit }
        public var normalBalance: Money { account.isDebitNormal ? net : -net }
    }

    /// Whether the journal holds an entry recorded with idempotency key `key`.
    public static func hasEntry(withKey key: String, _ db: LedgerTransaction) throws -> Bool {
        let db = db.database
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM journal_entries WHERE idempotency_key = ?)", arguments: [key]) ?? false
    }

    /// Every account with its debit and credit totals as of `date` (all time when nil).
    public static func balances(asOf date: CivilDate? = nil, _ db: LedgerTransaction) throws -> [AccountBalance] {
        let db = db.database
        var sums: [String: (Int64, Int64)] = [:]
        let exact = try Row.fetchAll(db, sql: """
            SELECT p.account_code AS code,
                   coalesce(sum(CASE WHEN p.amount_fen > 0 THEN p.amount_fen END), 0) AS debit,
                   coalesce(sum(CASE WHEN p.amount_fen < 0 THEN -p.amount_fen END), 0) AS credit
            FROM postings p JOIN journal_entries e ON e.id = p.entry_id
            WHERE ?1 IS NULL OR e.entry_date <= ?1
            GROUP BY p.account_code
            """, arguments: [date?.description])
        for row in exact { sums[row["code"]] = (row["debit"], row["credit"]) }
        return ChartOfAccounts.all.compactMap { account in
            guard let (debit, credit) = sums[account.code] else { return nil }
            return AccountBalance(account: account, debit: Money(fen: debit), credit: Money(fen: credit))
        }
    }

    /// One posting of an account's history with the running balance on the account's normal side.
    public struct HistoryLine: Hashable, Sendable {
        public let entryID: Int64
        public let date: CivilDate
        public let kind: String
        public let description: String
        public let loanID: String?
        public let amount: Money
        public let runningBalance: Money
        /// The account that made the entry through the web application; nil at the command line.
        public let user: String?
    }

    public static func history(of account: LedgerAccount, asOf date: CivilDate? = nil, loan: LoanID? = nil,
                               _ db: LedgerTransaction) throws -> [HistoryLine] {
        let db = db.database
        var running = Money.zero
        return try Row.fetchAll(db, sql: """
            SELECT e.id, e.entry_date, e.kind, e.description, p.loan_id, e.user_name, sum(p.amount_fen) AS amount_fen
            FROM postings p JOIN journal_entries e ON e.id = p.entry_id
            WHERE p.account_code = ?1 AND (?2 IS NULL OR e.entry_date <= ?2) AND (?3 IS NULL OR p.loan_id = ?3)
            GROUP BY e.id, p.line
            ORDER BY e.entry_date, e.id, p.line
            """, arguments: [account.code, date?.description, loan?.rawValue]).map { row in
            let amount = Money(fen: row["amount_fen"])
            running += account.isDebitNormal ? amount : -amount
            return HistoryLine(entryID: row["id"], date: try StoredValues.date(row["entry_date"], "entry_date"), kind: row["kind"],
                               description: row["description"], loanID: row["loan_id"], amount: amount, runningBalance: running,
                               user: row["user_name"])
        }
    }
}
