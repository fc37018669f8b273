import GRDB
import ReliefDomain
import ReliefEngine

/// Proves the invariants of SPEC.md on the whole database and names every row that breaks one.
public enum LedgerCheck {
    public struct Report: Sendable {
        /// Each invariant checked, in order, with the number of rows it examined.
        public var checked: [(invariant: String, rows: Int)] = []
        /// Every violation found, naming the row and the values.
        public var violations: [String] = []
        public var isClean: Bool { violations.isEmpty }
    }

    /// At most this many violations are listed per invariant, so that a damaged database
    /// still gives a readable report.
    public static let violationsListedMax = 20

    public static func run(_ db: LedgerTransaction) throws -> Report {
        let db = db.database
        var report = Report()
        func check(_ invariant: String, counting countSQL: String, violations sql: String, _ describe: (Row) -> String) throws {
            let rows = try Int.fetchOne(db, sql: countSQL) ?? 0
            report.checked.append((invariant, rows))
            for row in try Row.fetchAll(db, sql: sql + " LIMIT \(violationsListedMax + 1)").prefix(violationsListedMax + 1).enumerated() {
                report.violations.append(row.offset == violationsListedMax ? "\(invariant): more violations not listed" : "\(invariant): \(describe(row.element))")
            }
        }
        let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
        report.checked.append(("SQLite file integrity", 1))
        if integrity != ["ok"] { report.violations += integrity.map { "SQLite file integrity: \($0)" } }
        let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        report.checked.append(("foreign keys", foreignKeys.count))
        report.violations += foreignKeys.map { "foreign keys: table \($0[0] as String) row \($0[1] as Int64? ?? -1) refers to a missing \($0[2] as String) row" }

        // Entries are stored as transfers (`LedgerSchema.v9Transfers`): one debit and one credit
        // of the same positive amount each, so an entry that holds all its transfers balances.
        // Each transfer's line is within its entry's count and unique (CHECK and key), and refers
        // to its entry's count (foreign key, checked above), so an entry holds at most the
        // transfers it states: every entry holds all of them exactly when the totals agree, two
        // scans; the entries are named one by one only when they do not.
        let entriesWhole = try Row.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM transfers) = (SELECT coalesce(sum(transfer_count), 0) FROM journal_entries)
               AND NOT EXISTS (SELECT 1 FROM journal_entries WHERE transfer_count < 1)
               AND NOT EXISTS (SELECT 1 FROM transfers WHERE amount_fen <= 0 OR number NOT BETWEEN 1 AND transfer_count) AS whole
            """)?["whole"] as Bool? ?? false
        try check("every journal entry balances: it holds the transfers it states, each a debit and a credit of one positive amount",
                  counting: "SELECT count(*) FROM journal_entries",
                  violations: entriesWhole ? "SELECT 1 WHERE 0" : """
                    SELECT e.id, e.transfer_count AS stated, count(t.number) AS held, coalesce(min(t.amount_fen), 1) AS smallest, NULL AS line
                    FROM journal_entries e LEFT JOIN transfers t ON t.entry_id = e.id
                    GROUP BY e.id HAVING held <> stated OR held < 1 OR smallest <= 0
                    UNION ALL
                    SELECT entry_id, transfer_count, NULL, amount_fen, number FROM transfers WHERE number NOT BETWEEN 1 AND transfer_count
                    """) { row in
            if let line = row["line"] as Int? {
                return "entry \(row["id"] as Int64) has a transfer numbered \(line), outside its \(row["stated"] as Int) transfers"
            }
            let held: Int = row["held"], smallest = Money(fen: row["smallest"])
            return "entry \(row["id"] as Int64) states \(row["stated"] as Int) transfers and holds \(held)\(smallest.fen <= 0 ? ", one of \(smallest)" : "")"
        }
        try check("every transfer belongs to a recorded entry",
                  counting: "SELECT count(*) FROM transfers",
                  violations: "SELECT t.entry_id, t.number FROM transfers t LEFT JOIN journal_entries e ON e.id = t.entry_id WHERE e.id IS NULL") {
            "transfer \($0["number"] as Int) refers to missing entry \($0["entry_id"] as Int64)"
        }
        try check("total debits equal total credits (trial balance)",
                  counting: "SELECT 2 * count(*) FROM transfers",
                  violations: "SELECT sum(amount_fen) AS total FROM postings HAVING total <> 0") {
            "debits exceed credits by \(Money(fen: $0["total"]))"
        }
        try check("no loan's principal accounts go below zero",
                  counting: "SELECT count(*) FROM loans",
                  violations: """
                    SELECT loan_id, sum(amount_fen) AS total FROM postings
                    WHERE account_code IN ('1301', '1302', '1303') AND loan_id IS NOT NULL
                    GROUP BY loan_id HAVING total < 0
                    """) { "loan \($0["loan_id"] as String) has principal balance \(Money(fen: $0["total"]))" }
        try check("every loan's disbursement is posted",
                  counting: "SELECT count(*) FROM loans",
                  violations: """
                    SELECT l.id FROM loans l WHERE NOT EXISTS
                      (SELECT 1 FROM journal_entries e WHERE e.idempotency_key = 'loan:' || l.id || ':disbursement' AND e.kind IN ('disbursement', 'renewal'))
                    """) { "loan \($0["id"] as String) has no disbursement entry" }
        try check("a kept schedule's principal parts sum to the loan principal",
                  counting: "SELECT count(*) FROM loans WHERE schedule_stored = 1",
                  violations: """
                    SELECT l.id, l.principal_fen, coalesce(sum(i.principal_fen), 0) AS parts
                    FROM loans l LEFT JOIN installments i ON i.loan_id = l.id
                    WHERE l.schedule_stored = 1
                    GROUP BY l.id HAVING parts <> l.principal_fen
                    """) { "loan \($0["id"] as String): parts sum to \(Money(fen: $0["parts"])), principal is \(Money(fen: $0["principal_fen"]))" }
        try check("each installment's balance is the principal less the parts repaid so far",
                  counting: "SELECT count(*) FROM installments i JOIN loans l ON l.id = i.loan_id WHERE l.schedule_stored = 1",
                  violations: """
                    SELECT loan_id, period, balance_fen, expected FROM (
                      SELECT i.loan_id, i.period, i.balance_fen,
                             l.principal_fen - sum(i.principal_fen) OVER (PARTITION BY i.loan_id ORDER BY i.period) AS expected
                      FROM installments i JOIN loans l ON l.id = i.loan_id WHERE l.schedule_stored = 1)
                    WHERE balance_fen <> expected
                    """) { "loan \($0["loan_id"] as String) period \($0["period"] as Int) shows balance \(Money(fen: $0["balance_fen"])), expected \(Money(fen: $0["expected"]))" }
        try check("due dates strictly increase in the original order",
                  counting: "SELECT count(*) FROM installments",
                  violations: """
                    SELECT a.loan_id, b.period, a.original_due_date AS earlier, b.original_due_date AS later
                    FROM installments a JOIN installments b ON b.loan_id = a.loan_id AND b.period = a.period + 1
                    WHERE b.original_due_date <= a.original_due_date
                    """) { "loan \($0["loan_id"] as String) period \($0["period"] as Int) is due \($0["later"] as String), not after \($0["earlier"] as String)" }
        try check("relief is never negative and equals penalty + compound - interest charged",
                  counting: "SELECT count(*) FROM deferrals",
                  violations: """
                    SELECT loan_id, programme, relief_fen FROM deferrals
                    WHERE relief_fen < 0 OR relief_fen <> penalty_without_relief_fen + compound_without_relief_fen
                          - interest_on_deferred_principal_fen - compound_on_deferred_interest_fen
                    """) { "loan \($0["loan_id"] as String) under \($0["programme"] as String): relief \(Money(fen: $0["relief_fen"])) does not add up" }
        try check("a deferral never changes total principal",
                  counting: "SELECT count(*) FROM deferrals",
                  violations: """
                    SELECT d.loan_id, d.programme, d.deferred_principal_fen AS moved,
                           coalesce((SELECT sum(i.principal_fen) FROM installments i WHERE i.deferral_id = d.id), 0) AS rows
                    FROM deferrals d WHERE d.deferred_principal_fen > rows
                    """) { "loan \($0["loan_id"] as String) under \($0["programme"] as String) moved \(Money(fen: $0["moved"])) but its deferred rows hold \(Money(fen: $0["rows"]))" }
        try check("the bridge fund's cash never goes below zero",
                  counting: "SELECT count(*) FROM bridge_advances",
                  violations: """
                    WITH moves(day, amount) AS (
                        SELECT movement_date, amount_fen FROM bridge_capital
                        UNION ALL SELECT advance_date, -amount_fen FROM bridge_advances
                        UNION ALL SELECT r.repaid_on, a.amount_fen + r.fee_fen FROM bridge_repayments r JOIN bridge_advances a ON a.id = r.advance_id),
                    daily(day, amount) AS (SELECT day, sum(amount) FROM moves GROUP BY day),
                    running(day, balance) AS (SELECT day, sum(amount) OVER (ORDER BY day) FROM daily)
                    SELECT day, balance FROM running WHERE balance < 0
                    """) { "at the end of \($0["day"] as String) the fund's cash is \(Money(fen: $0["balance"]))" }
        try check("each loan's principal in the books equals what its schedule still owes",
                  counting: "SELECT count(*) FROM loans",
                  violations: """
                    WITH held AS (SELECT loan_id, sum(amount_fen) AS fen FROM postings
                                  WHERE account_code IN ('1301', '1302', '1303') AND loan_id IS NOT NULL GROUP BY loan_id),
                         paid AS (SELECT loan_id, sum(principal_fen) AS fen FROM installments WHERE paid_on IS NOT NULL GROUP BY loan_id),
                         owed AS (SELECT l.id AS loan_id, l.principal_fen - coalesce(p.fen, 0) AS fen
                                  FROM loans l LEFT JOIN paid p ON p.loan_id = l.id)
                    SELECT o.loan_id, o.fen AS owed, coalesce(h.fen, 0) AS held FROM owed o LEFT JOIN held h ON h.loan_id = o.loan_id
                    WHERE coalesce(h.fen, 0) <> o.fen
                    """) { "loan \($0["loan_id"] as String): the books hold \(Money(fen: $0["held"])) of principal, the schedule owes \(Money(fen: $0["owed"]))" }
        try check("the bridge fund's accounts equal its register (cash, advances, fees, capital)",
                  counting: "SELECT count(*) FROM bridge_capital",
                  violations: """
                    WITH register AS (
                        SELECT (SELECT coalesce(sum(amount_fen), 0) FROM bridge_capital) AS capital,
                               (SELECT coalesce(sum(a.amount_fen), 0) FROM bridge_advances a
                                WHERE NOT EXISTS (SELECT 1 FROM bridge_repayments r WHERE r.advance_id = a.id)) AS outstanding,
                               (SELECT coalesce(sum(fee_fen), 0) FROM bridge_repayments) AS fees),
                    books AS (
                        SELECT coalesce(-sum(CASE account_code WHEN '4001' THEN amount_fen END), 0) AS capital,
                               coalesce(sum(CASE account_code WHEN '1221' THEN amount_fen END), 0) AS outstanding,
                               coalesce(-sum(CASE account_code WHEN '6021' THEN amount_fen END), 0) AS fees,
                               coalesce(sum(CASE account_code WHEN '1201' THEN amount_fen END), 0) AS cash
                        FROM postings WHERE account_code IN ('4001', '1221', '6021', '1201'))
                    SELECT r.capital AS rc, r.outstanding AS ro, r.fees AS rf, b.capital AS bc, b.outstanding AS bo, b.fees AS bf, b.cash AS cash
                    FROM register r, books b
                    WHERE r.capital <> b.capital OR r.outstanding <> b.outstanding OR r.fees <> b.fees
                       OR b.cash <> r.capital - r.outstanding + r.fees
                    """) { row in
            "register capital \(Money(fen: row["rc"])), outstanding \(Money(fen: row["ro"])), fees \(Money(fen: row["rf"])); books capital \(Money(fen: row["bc"])), advances receivable \(Money(fen: row["bo"])), fee income \(Money(fen: row["bf"])), fund cash \(Money(fen: row["cash"]))"
        }
        try check("each reversal posts the exact mirror of the entry it reverses",
                  counting: "SELECT count(*) FROM journal_entries WHERE reverses_entry_id IS NOT NULL",
                  violations: """
                    SELECT r.id, r.reverses_entry_id AS original, p.account_code, sum(p.amount_fen) AS net
                    FROM journal_entries r JOIN postings p ON p.entry_id IN (r.id, r.reverses_entry_id)
                    WHERE r.reverses_entry_id IS NOT NULL
                    GROUP BY r.id, p.account_code, coalesce(p.loan_id, '') HAVING net <> 0
                    """) { "reversal \($0["id"] as Int64) of entry \($0["original"] as Int64) leaves \(Money(fen: $0["net"])) on account \($0["account_code"] as String)" }
        try check("an installment is paid while its latest repayment stands, and unpaid once it is reversed",
                  counting: "SELECT count(*) FROM journal_entries WHERE kind = 'repayment'",
                  violations: """
                    WITH repayments AS (
                        SELECT e.id, e.loan_id,
                               CAST(substr(e.idempotency_key, instr(e.idempotency_key, 'loan:' || e.loan_id || ':repayment:')
                                           + length('loan:' || e.loan_id || ':repayment:')) AS INTEGER) AS period,
                               EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = e.id) AS reversed
                        FROM journal_entries e
                        WHERE e.kind = 'repayment' AND instr(e.idempotency_key, 'loan:' || e.loan_id || ':repayment:') > 0),
                    latest AS (SELECT max(id) AS id FROM repayments GROUP BY loan_id, period)
                    SELECT r.id, r.loan_id, r.period, r.reversed, i.paid_on
                    FROM latest l JOIN repayments r ON r.id = l.id
                    LEFT JOIN installments i ON i.loan_id = r.loan_id AND i.period = r.period
                    WHERE (r.reversed = 0 AND i.paid_on IS NULL)
                       OR (r.reversed = 1 AND i.paid_on IS NOT NULL AND NOT EXISTS (
                             SELECT 1 FROM journal_entries x JOIN postings p ON p.entry_id = x.id
                             WHERE x.kind = 'renewal' AND x.id > r.id AND p.loan_id = r.loan_id))
                    """) { row in
            let reversed = (row["reversed"] as Int) == 1
            return "loan \(row["loan_id"] as String) installment \(row["period"] as Int): repayment entry \(row["id"] as Int64) \(reversed ? "is reversed but the installment is paid" : "stands but the installment is not paid")"
        }
        try check("a bridge advance or repayment stands in the register until reversed, and moves to its history with its reversal",
                  counting: "SELECT (SELECT count(*) FROM bridge_advances_cancelled) + (SELECT count(*) FROM bridge_repayments_reversed)",
                  violations: """
                    SELECT 'advance ' || a.id || ' stands, but its entry ' || a.entry_id || ' is reversed' AS problem
                    FROM bridge_advances a WHERE EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = a.entry_id)
                    UNION ALL
                    SELECT 'repayment of advance ' || b.advance_id || ' stands, but its entry ' || b.entry_id || ' is reversed'
                    FROM bridge_repayments b WHERE EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = b.entry_id)
                    UNION ALL
                    SELECT 'cancelled advance ' || c.advance_id || ' is not reversed by entry ' || c.reversal_entry_id
                    FROM bridge_advances_cancelled c
                    WHERE NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.id = c.reversal_entry_id AND r.reverses_entry_id = c.entry_id)
                    UNION ALL
                    SELECT 'undone repayment of advance ' || c.advance_id || ' is not reversed by entry ' || c.reversal_entry_id
                    FROM bridge_repayments_reversed c
                    WHERE NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.id = c.reversal_entry_id AND r.reverses_entry_id = c.entry_id)
                    UNION ALL
                    SELECT 'entry ' || e.id || ' (' || e.kind || ') is reversed by entry ' || r.id || ' but the register keeps no record of it'
                    FROM journal_entries r JOIN journal_entries e ON e.id = r.reverses_entry_id
                    WHERE (e.kind = 'advance' AND NOT EXISTS (SELECT 1 FROM bridge_advances_cancelled c WHERE c.entry_id = e.id))
                       OR (e.kind = 'advance-repayment' AND NOT EXISTS (SELECT 1 FROM bridge_repayments_reversed c WHERE c.entry_id = e.id))
                    """) { $0["problem"] as String }
        try checkKeptRows(db, &report)
        try checkBridgeFees(db, &report)
        return report
    }

    /// A loan on its standard schedule keeps only rows a deferral moved: each must equal the
    /// standard schedule's row of its period but for its due date (not earlier) and deferral.
    static func checkKeptRows(_ db: Database, _ report: inout Report) throws {
        let loanIDs = try String.fetchAll(db, sql: """
            SELECT DISTINCT i.loan_id FROM installments i JOIN loans l ON l.id = i.loan_id WHERE l.schedule_stored = 0 ORDER BY i.loan_id
            """)
        report.checked.append(("rows kept for a loan on its standard schedule differ from it only by a deferral", loanIDs.count))
        let reader = try LoanLedger.ScheduleReader(LedgerTransaction(db))
        var listed = 0
        for text in loanIDs where listed < violationsListedMax {
            func violation(_ message: String) {
                report.violations.append("rows kept for a loan on its standard schedule differ from it only by a deferral: loan \(text) \(message)")
                listed += 1
            }
            guard let id = try? LoanID(validating: text), let loan = try LoanLedger.fetchRecord(id, LedgerTransaction(db)) else {
                violation("cannot be read")
                continue
            }
            let standard: Schedule
            do { standard = try LoanLedger.standardSchedule(of: loan) } catch {
                violation("has terms that give no schedule")
                continue
            }
            for kept in try reader.keptInstallments(of: id) {
                let period = kept.installment.period
                guard standard.installments.indices.contains(period - 1) else {
                    violation("keeps period \(period), beyond its \(standard.installments.count) installments")
                    break
                }
                let expected = standard.installments[period - 1]
                let row = kept.installment
                if kept.originalDueDate != expected.dueDate || row.days != expected.days || row.principal != expected.principal
                    || row.interest != expected.interest || row.balance != expected.balance {
                    violation("period \(period) keeps \(row.principal) + \(row.interest) due \(kept.originalDueDate), the terms give \(expected.principal) + \(expected.interest) due \(expected.dueDate)")
                    break
                }
                if !kept.isDeferred || kept.isPaid || row.dueDate < kept.originalDueDate {
                    violation("period \(period) is kept but \(kept.isPaid ? "paid" : kept.isDeferred ? "due before its original date" : "not deferred")")
                    break
                }
            }
        }
    }

    /// Every recorded fee equals the fee engine's for the advance's own terms and days, so it
    /// never exceeds max(amount x cap x days, the minimum fee).
    static func checkBridgeFees(_ db: Database, _ report: inout Report) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.id, a.amount_fen, a.advance_date, a.daily_rate_units, a.tiers, a.minimum_fee_fen, a.max_days,
                   r.repaid_on, r.days, r.fee_fen
            FROM bridge_repayments r JOIN bridge_advances a ON a.id = r.advance_id
            """)
        report.checked.append(("each bridge fee is the engine's fee for its advance's terms and days", rows.count))
        var listed = 0
        for row in rows where listed < violationsListedMax {
            let id: String = row["id"]
            let tiersText: String = row["tiers"]
            let minimumFee: Int64? = row["minimum_fee_fen"]
            guard let advanced = try? CivilDate(parsing: row["advance_date"]), let repaid = try? CivilDate(parsing: row["repaid_on"]),
                  let tiers = try? (tiersText.isEmpty ? [] : BridgeTerms.Tier.parseList(tiersText)),
                  let terms = try? BridgeTerms(maximumDays: row["max_days"], dailyRateCap: BridgeTerms.dailyRateCapLimit, tiers: tiers,
                                               minimumFee: minimumFee.map(Money.init(fen:))),
                  let days = BridgeFeeCalculator.days(from: advanced, to: repaid) else {
                report.violations.append("bridge advance \(id): stored dates or terms do not parse")
                listed += 1
                continue
            }
            let expected = BridgeFeeCalculator(terms: terms).fee(amount: Money(fen: row["amount_fen"]), days: days,
                                                                 dailyRate: Rate(units: row["daily_rate_units"]))
            if days != row["days"] || expected.fen != row["fee_fen"] {
                report.violations.append("bridge advance \(id): recorded \(row["days"] as Int) days and fee \(Money(fen: row["fee_fen"])), expected \(days) days and \(expected)")
                listed += 1
            }
        }
    }
}
