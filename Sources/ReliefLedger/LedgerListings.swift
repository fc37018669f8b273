import GRDB
import ReliefDomain

/// Read models of the ledger for the CSV exports: each a plain value per line, read in the
/// order the export writes them, without a GRDB type in sight of the caller.
public enum LedgerListings {
    /// A standing installment repayment (one reversed by a correction is left out; one recorded
    /// again after its correction is in), in journal order so a deferral's last row stays last.
    public struct Repayment: Hashable, Sendable {
        public let loan: String
        public let period: Int
        public let date: String
        /// What left the principal accounts.
        public let principal: Money
        /// The cash received.
        public let amount: Money
    }

    /// An enterprise as the ledger knows it (its size may be unknown).
    public struct Enterprise: Hashable, Sendable {
        public let code: String
        public let name: String
        public let size: String?
        public let county: String
    }

    /// A bridge advance with its repayment's days and fee, when repaid.
    public struct Advance: Hashable, Sendable {
        public let id: String
        public let creditCode: String
        public let enterpriseName: String
        public let bank: String
        public let county: String
        public let amount: Money
        public let advanceDate: String
        public let repaidOn: String?
        public let loanReference: String?
        public let account: String?
        public let dailyRate: Rate
        public let commitment: Money?
        public let days: Int?
        public let fee: Money?
    }

    /// One posting of a journal entry, with its entry's date, kind and description; `amount`
    /// is positive on the debit side.
    public struct JournalLine: Hashable, Sendable {
        public let entry: Int64
        public let date: String
        public let kind: String
        public let description: String
        public let account: String
        public let loan: String?
        public let amount: Money
    }

    public static func repayments(_ store: LedgerStore) throws -> [Repayment] {
        try store.readDatabase { db in
            var lines: [Repayment] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT e.loan_id, e.idempotency_key, e.entry_date,
                       sum(CASE WHEN p.account_code IN (?, ?, ?) THEN -p.amount_fen ELSE 0 END) AS principal_fen,
                       sum(CASE WHEN p.account_code = ? THEN p.amount_fen ELSE 0 END) AS amount_fen
                FROM journal_entries e JOIN postings p ON p.entry_id = e.id
                WHERE e.kind = ? AND (e.idempotency_key LIKE 'loan:%:repayment:%' OR e.idempotency_key LIKE 'r%:loan:%:repayment:%')
                  AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = e.id)
                GROUP BY e.id ORDER BY e.id
                """, arguments: [ChartOfAccounts.loanPrincipal.code, ChartOfAccounts.deferredPrincipal.code, ChartOfAccounts.extendedPrincipal.code,
                                 ChartOfAccounts.cash.code, JournalEntryDraft.Kind.repayment.rawValue]) {
                let loan: String = row["loan_id"], key: String = row["idempotency_key"]
                let base = Journal.eventBase(of: key).base, prefix = EventKey.loanEventPrefix(loan, "repayment")
                guard base.hasPrefix(prefix), let period = Int(base.dropFirst(prefix.count)) else { continue }
                lines.append(Repayment(loan: loan, period: period, date: row["entry_date"], principal: Money(fen: row["principal_fen"]),
                                       amount: Money(fen: row["amount_fen"])))
            }
            return lines
        }
    }

    /// Every enterprise by credit code.
    public static func enterprises(_ store: LedgerStore) throws -> [Enterprise] {
        try store.readDatabase { db in
            try Row.fetchAll(db, sql: "SELECT credit_code, name, size, county FROM enterprises ORDER BY credit_code").map { row in
                Enterprise(code: row["credit_code"], name: row["name"], size: row["size"], county: row["county"])
            }
        }
    }

    /// Every bridge advance by advance date, then id.
    public static func advances(_ store: LedgerStore) throws -> [Advance] {
        try store.readDatabase { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, e.credit_code, e.name, a.bank, a.county, a.amount_fen, a.advance_date, r.repaid_on, a.loan_ref, a.account,
                       a.daily_rate_units, a.commitment_fen, r.days, r.fee_fen
                FROM bridge_advances a JOIN enterprises e ON e.id = a.enterprise_id LEFT JOIN bridge_repayments r ON r.advance_id = a.id
                ORDER BY a.advance_date, a.id
                """).map { row in
                let commitment: Int64? = row["commitment_fen"], fee: Int64? = row["fee_fen"]
                return Advance(id: row["id"], creditCode: row["credit_code"], enterpriseName: row["name"], bank: row["bank"], county: row["county"],
                               amount: Money(fen: row["amount_fen"]), advanceDate: row["advance_date"], repaidOn: row["repaid_on"],
                               loanReference: row["loan_ref"], account: row["account"], dailyRate: Rate(units: row["daily_rate_units"]),
                               commitment: commitment.map(Money.init(fen:)), days: row["days"], fee: fee.map(Money.init(fen:)))
            }
        }
    }

    /// Every posting in entry order, then line order, passed to `body` as it is read (a
    /// journal of millions of postings is never held at once).
    public static func journal(_ store: LedgerStore, _ body: (JournalLine) throws -> Void) throws {
        try store.readDatabase { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT e.id, e.entry_date, e.kind, e.description, p.account_code, p.loan_id, sum(p.amount_fen) AS amount_fen
                FROM postings p JOIN journal_entries e ON e.id = p.entry_id GROUP BY e.id, p.line ORDER BY e.id, p.line
                """)
            while let row = try rows.next() {
                try body(JournalLine(entry: row["id"], date: row["entry_date"], kind: row["kind"], description: row["description"],
                                     account: row["account_code"], loan: row["loan_id"], amount: Money(fen: row["amount_fen"])))
            }
        }
    }

    /// Every booked loan in id order with the roundings of those booked with another than
    /// half-up (by loan id).
    public static func loans(_ store: LedgerStore) throws -> (loans: [LoanRecord], otherRoundings: [String: Rounding]) {
        try store.readDatabase { db in (try LoanLedger.fetchRecords(nil, LedgerTransaction(db)), try LoanLedger.otherRoundings(LedgerTransaction(db))) }
    }

    /// Every booked loan in id order with its current schedule, from one snapshot.
    public static func schedules(_ store: LedgerStore, _ body: (LoanRecord, [StoredInstallment]) throws -> Void) throws {
        try store.readDatabase { db in
            // Loans on their standard schedule keep no rows: each loan's current schedule is read.
            let schedules = try LoanLedger.ScheduleReader(LedgerTransaction(db))
            for loan in try LoanLedger.fetchRecords(nil, LedgerTransaction(db)) { try body(loan, try schedules.installments(of: loan)) }
        }
    }

    /// How many journal entries and postings the ledger holds.
    public static func journalSize(_ store: LedgerStore) throws -> (entries: Int, postings: Int) {
        try store.readDatabase { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM journal_entries") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM postings GROUP BY entry_id, line)") ?? 0)
        }
    }

    /// One page of the loans, by id: those of `bank` only when given, and those whose id,
    /// borrower or credit code contains `query` when given; with the number of such loans.
    public static func loanPage(_ store: LedgerStore, bank: String?, query: String?, offset: Int, limit: Int) throws -> (loans: [LoanRecord], total: Int) {
        try store.readDatabase { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let bank {
                conditions.append("l.bank = ?")
                arguments.append(bank)
            }
            if let query, !query.isEmpty {
                // instr: the text as typed, no LIKE wildcards to escape.
                conditions.append("(instr(l.id, ?) > 0 OR instr(e.name, ?) > 0 OR instr(e.credit_code, ?) > 0)")
                arguments += [query, query, query]
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM loans l JOIN enterprises e ON e.id = l.enterprise_id" + filter,
                                         arguments: StatementArguments(arguments)) ?? 0
            let page = try FastStatement(db, LoanLedger.recordQuery + filter + " ORDER BY l.id LIMIT ? OFFSET ?")
            var index: Int32 = 1
            for argument in arguments {
                if let text = argument as? String { page.bind(index, text) }
                index += 1
            }
            page.bind(index, limit)
            page.bind(index + 1, offset)
            return (try LoanLedger.decodeAll(page), total)
        }
    }
}
