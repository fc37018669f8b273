import GRDB
import ReliefDomain

/// Corrections of recorded events: the reversing entry and the register's correction, in
/// the caller's one transaction, so the books and the registers never disagree.
///
/// Entries are immutable; a correction posts the exact mirror of the original (its
/// `reverses_entry_id` names it) and puts the register back as if the event had not been
/// recorded:
/// - a loan repayment: the installment is unpaid again (a deferred row's repayment that
///   also settled its deferral's interest is reversed with that interest);
/// - an interest accrual: the installments it accrued are unaccrued;
/// - a bridge advance not yet repaid: the advance leaves the register (kept in
///   `bridge_advances_cancelled`), the fund's cash is restored;
/// - a bridge repayment: the advance is outstanding again, its fee reversed (the repayment
///   is kept in `bridge_repayments_reversed`);
/// - an entry with no register behind it: the reversal alone.
///
/// What cannot be undone safely is refused with the reason and nothing is written: a
/// repayment or accrual after which the loan was deferred, extended or renewed; a deferred
/// installment's repayment when a later one settled the deferral's interest; an accrued
/// installment repaid since; an advance already repaid (undo the repayment first); a bridge
/// repayment whose cash later advances or withdrawals spent; disbursements, deferrals,
/// extensions, renewals and capital movements. After a correction the event can be
/// recorded again (`Journal.eventKey`).
public enum Corrections {
    /// What a correction corrected.
    public enum Correction: Equatable, Sendable {
        /// An entry with no register behind it.
        case entry
        /// Installment `period` of `loan` unpaid again; `deferralInterest` is the deferral's
        /// interest that repayment had settled too.
        case repayment(loan: LoanID, period: Int, deferralInterest: Money)
        case accrual(loan: LoanID, through: CivilDate, periods: [Int])
        case advanceCancelled(AdvanceID)
        case bridgeRepaymentUndone(AdvanceID)
    }

    public struct Outcome: Equatable, Sendable {
        /// The entry corrected.
        public let original: Int64
        /// The reversing entry; a duplicate when the entry was reversed before (nothing written).
        public let reversal: Journal.Outcome
        public let correction: Correction
        /// The original entry's debits (what it moved).
        public let amount: Money
    }

    /// Reverses entry `entryID` on `date` (default: the original's date) and corrects the
    /// register holding its event; refuses (`LedgerError.rule`) what cannot be undone safely.
    public static func reverse(entryID: Int64, on date: CivilDate? = nil, reason: String, journal: inout Journal) throws -> Outcome {
        try journal.flush()
        let db = journal.db
        guard let row = try Row.fetchOne(db, sql: """
            SELECT kind, entry_date, idempotency_key, loan_id, description,
                   (SELECT coalesce(sum(amount_fen), 0) FROM postings WHERE entry_id = journal_entries.id AND amount_fen > 0) AS debits
            FROM journal_entries WHERE id = ?
            """, arguments: [entryID]) else {
            throw LedgerError.unknownEntry(entryID)
        }
        let entry = try Original(id: entryID, row: row)
        if let existing = try journal.reversal(of: entryID) {
            return Outcome(original: entryID, reversal: .duplicate(entryID: existing), correction: try entry.correctionForDisplay(db),
                           amount: entry.debits)
        }
        let date = date ?? entry.date
        let correction: Correction
        let reversal: Journal.Outcome
        switch entry.kind {
        case .manual:
            reversal = try journal.reverse(entryID: entryID, on: date, reason: reason)
            correction = .entry
        case .reversal:
            throw LedgerError.rule("entry \(entryID) is itself a reversal; record the event again instead")
        case .repayment:
            (reversal, correction) = try undoRepayment(entry, on: date, reason: reason, journal: &journal)
        case .interestAccrual:
            (reversal, correction) = try undoAccrual(entry, on: date, reason: reason, journal: &journal)
        case .advance:
            (reversal, correction) = try cancelAdvance(entry, on: date, reason: reason, journal: &journal)
        case .advanceRepayment:
            (reversal, correction) = try undoBridgeRepayment(entry, on: date, reason: reason, journal: &journal)
        case .disbursement:
            let later = try Int64.fetchOne(db, sql: """
                SELECT min(e.id) FROM journal_entries e
                WHERE e.id > ? AND (e.loan_id = ? OR EXISTS (SELECT 1 FROM postings p WHERE p.entry_id = e.id AND p.loan_id = ?))
                """, arguments: [entryID, entry.loan?.rawValue, entry.loan?.rawValue])
            throw LedgerError.rule("entry \(entryID) disburses loan \(entry.loan?.rawValue ?? "?"); a booked loan stays in the loan book, so its disbursement cannot be reversed" + (later.map { " (and later events depend on it, from entry \($0))" } ?? ""))
        case .deferral, .extension, .renewal:
            throw LedgerError.rule("entry \(entryID) records a \(entry.kind.rawValue) of loan \(entry.loan?.rawValue ?? "?"), which rescheduled its installments; a reversing entry cannot restore the schedule, so it is not corrected")
        case .fundCapital, .fundWithdrawal:
            throw LedgerError.capitalNotReversible(entryID: entryID, withdrawal: entry.kind == .fundWithdrawal)
        }
        return Outcome(original: entryID, reversal: reversal, correction: correction, amount: entry.debits)
    }

    /// The entry being corrected.
    struct Original {
        let id: Int64
        let kind: JournalEntryDraft.Kind
        let date: CivilDate
        let key: String
        let loan: LoanID?
        let description: String
        let debits: Money

        init(id: Int64, row: Row) throws {
            self.id = id
            let kindText: String = row["kind"]
            guard let kind = JournalEntryDraft.Kind(rawValue: kindText) else { throw LedgerError.rule("entry \(id) has an unknown kind '\(kindText)'") }
            self.kind = kind
            date = try StoredValues.date(row["entry_date"], "entry_date")
            key = row["idempotency_key"]
            loan = try (row["loan_id"] as String?).map(StoredValues.loanID)
            description = row["description"]
            debits = Money(fen: row["debits"])
        }

        /// The part of the event's base key after `loan:<id>:<verb>:`, or nil.
        func loanEvent(_ verb: String) -> String? {
            guard let loan else { return nil }
            let base = Journal.eventBase(of: key).base
            let prefix = EventKey.loanEventPrefix(loan.rawValue, verb)
            return base.hasPrefix(prefix) ? String(base.dropFirst(prefix.count)) : nil
        }

        /// What a reversal of this entry corrected, read back for an entry already reversed.
        func correctionForDisplay(_ db: Database) throws -> Correction {
            switch kind {
            case .repayment:
                if let loan, let period = loanEvent("repayment").flatMap({ Int($0) }) {
                    return .repayment(loan: loan, period: period, deferralInterest: .zero)
                }
            case .interestAccrual:
                if let loan, let through = loanEvent("accrual").flatMap({ try? CivilDate(parsing: $0) }) {
                    return .accrual(loan: loan, through: through, periods: LoanEvents.accruedPeriods(inDescription: description) ?? [])
                }
            case .advance:
                if let text = try String.fetchOne(db, sql: "SELECT advance_id FROM bridge_advances_cancelled WHERE entry_id = ?", arguments: [id]),
                   let advance = try? AdvanceID(validating: text) {
                    return .advanceCancelled(advance)
                }
            case .advanceRepayment:
                if let text = try String.fetchOne(db, sql: "SELECT advance_id FROM bridge_repayments_reversed WHERE entry_id = ?", arguments: [id]),
                   let advance = try? AdvanceID(validating: text) {
                    return .bridgeRepaymentUndone(advance)
                }
            default:
                break
            }
            return .entry
        }
    }

    /// Posts the reversal of `entry`, found unreversed: a duplicate would mean its key is
    /// another entry's, and the register must then not be corrected.
    static func postReversal(of entry: Original, on date: CivilDate, reason: String, journal: inout Journal) throws -> Journal.Outcome {
        let reversal = try journal.postReversal(of: entry.id, on: date, reason: reason)
        if reversal.isDuplicate {
            throw LedgerError.inconsistent("the reversal of entry \(entry.id) came back as entry \(reversal.entryID), already recorded; the register is not corrected")
        }
        return reversal
    }

    // MARK: The loan book

    /// The first deferral, extension or renewal of `loan` recorded after entry `entryID`:
    /// it rescheduled the loan with the event in place, so the event cannot be undone.
    static func laterReschedule(of loan: LoanID, after entryID: Int64, _ db: Database) throws -> (id: Int64, kind: String, date: String)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT e.id, e.kind, e.entry_date FROM journal_entries e
            WHERE e.id > ? AND e.kind IN ('deferral', 'extension', 'renewal')
              AND (e.loan_id = ? OR EXISTS (SELECT 1 FROM postings p WHERE p.entry_id = e.id AND p.loan_id = ?))
            ORDER BY e.id LIMIT 1
            """, arguments: [entryID, loan.rawValue, loan.rawValue]) else { return nil }
        return (row["id"], row["kind"], row["entry_date"])
    }

    static func refuseAfterReschedule(_ entry: Original, loan: LoanID, what: String, _ db: Database) throws {
        if let later = try laterReschedule(of: loan, after: entry.id, db) {
            let verb = later.kind == "deferral" ? "deferred" : later.kind == "extension" ? "extended" : "renewed"
            throw LedgerError.rule("loan \(loan) was \(verb) after this \(what) (entry \(later.id) on \(later.date)), with the \(what) in place; entry \(entry.id) cannot be undone")
        }
    }

    static func undoRepayment(_ entry: Original, on date: CivilDate, reason: String,
                              journal: inout Journal) throws -> (Journal.Outcome, Correction) {
        let db = journal.db
        guard let loan = entry.loan else { throw LedgerError.rule("repayment entry \(entry.id) names no loan") }
        if Journal.eventBase(of: entry.key).base == EventKey.renewalInterest(loan) {
            throw LedgerError.rule("entry \(entry.id) settles the interest of loan \(loan) at its renewal; it is part of the renewal, which cannot be undone")
        }
        guard let period = entry.loanEvent("repayment").flatMap({ Int($0) }) else {
            throw LedgerError.rule("repayment entry \(entry.id) has an unrecognised key '\(entry.key)'")
        }
        try refuseAfterReschedule(entry, loan: loan, what: "repayment", db)
        guard let row = try Row.fetchOne(db, sql: """
            SELECT principal_fen, interest_fen, deferral_id, paid_on FROM installments WHERE loan_id = ? AND period = ?
            """, arguments: [loan.rawValue, period]), row["paid_on"] as String? != nil else {
            throw LedgerError.rule("installment \(period) of loan \(loan) is not recorded as paid; entry \(entry.id) cannot be undone")
        }
        var deferralInterest = Money.zero
        if let deferralID = row["deferral_id"] as Int64? {
            let charged = Money(fen: try Int64.fetchOne(db, sql: """
                SELECT interest_on_deferred_principal_fen + compound_on_deferred_interest_fen FROM deferrals WHERE id = ?
                """, arguments: [deferralID]) ?? 0)
            let carried = entry.debits - Money(fen: row["principal_fen"]) - Money(fen: row["interest_fen"])
            if carried.isZero && !charged.isZero {
                // The deferral's interest goes with its last row repaid: if every other row is
                // paid, another repayment carried it, and this row repaid again would carry it twice.
                let othersUnpaid = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM installments WHERE deferral_id = ? AND paid_on IS NULL AND period <> ?
                    """, arguments: [deferralID, period]) ?? 0
                if othersUnpaid == 0 {
                    let carrier = try carrierOfDeferralInterest(deferralID, loan: loan, excluding: period, journal)
                    throw LedgerError.rule("the deferral's interest of \(charged.formatted(grouped: true)) on loan \(loan) was settled with the repayment of installment \(carrier.map { "\($0.period) (entry \($0.entry))" } ?? "repaid last"), after this one; undo that repayment first")
                }
            } else if carried != .zero && carried != charged {
                throw LedgerError.rule("entry \(entry.id) collected \(entry.debits), which is neither installment \(period) of loan \(loan) nor it with its deferral's interest")
            }
            deferralInterest = carried
        }
        let reversal = try postReversal(of: entry, on: date, reason: reason, journal: &journal)
        try db.execute(sql: "UPDATE installments SET paid_on = NULL WHERE loan_id = ? AND period = ?", arguments: [loan.rawValue, period])
        return (reversal, .repayment(loan: loan, period: period, deferralInterest: deferralInterest))
    }

    /// The standing repayment of another row of the deferral that also settled its interest.
    static func carrierOfDeferralInterest(_ deferralID: Int64, loan: LoanID, excluding period: Int,
                                          _ journal: Journal) throws -> (period: Int, entry: Int64)? {
        let db = journal.db
        for row in try Row.fetchAll(db, sql: """
            SELECT period, principal_fen + interest_fen AS owed FROM installments WHERE deferral_id = ? AND period <> ? ORDER BY period
            """, arguments: [deferralID, period]) {
            let other: Int = row["period"]
            guard let id = try journal.standingEntry(EventKey.repayment(loan, period: other)) else { continue }
            let collected = try Int64.fetchOne(db, sql: "SELECT sum(amount_fen) FROM postings WHERE entry_id = ? AND amount_fen > 0", arguments: [id]) ?? 0
            if collected > row["owed"] as Int64 { return (other, id) }
        }
        return nil
    }

    static func undoAccrual(_ entry: Original, on date: CivilDate, reason: String,
                            journal: inout Journal) throws -> (Journal.Outcome, Correction) {
        let db = journal.db
        guard let loan = entry.loan, let through = entry.loanEvent("accrual").flatMap({ try? CivilDate(parsing: $0) }) else {
            throw LedgerError.rule("accrual entry \(entry.id) has an unrecognised key '\(entry.key)'")
        }
        guard let periods = LoanEvents.accruedPeriods(inDescription: entry.description) else {
            throw LedgerError.rule("accrual entry \(entry.id) does not name the installments it accrued; it cannot be undone")
        }
        try refuseAfterReschedule(entry, loan: loan, what: "accrual", db)
        var total = Money.zero
        for period in periods {
            guard let row = try Row.fetchOne(db, sql: "SELECT interest_fen, accrued, paid_on FROM installments WHERE loan_id = ? AND period = ?",
                                             arguments: [loan.rawValue, period]) else {
                throw LedgerError.rule("loan \(loan) has no installment \(period), which entry \(entry.id) accrued")
            }
            if let paid = row["paid_on"] as String? {
                let repayment = try journal.standingEntry(EventKey.repayment(loan, period: period))
                throw LedgerError.rule("installment \(period) of loan \(loan), accrued by entry \(entry.id), was repaid on \(paid)\(repayment.map { " (entry \($0))" } ?? ""); undo that repayment first")
            }
            guard (row["accrued"] as Int) == 1 else {
                throw LedgerError.rule("installment \(period) of loan \(loan) is not accrued, yet entry \(entry.id) accrued it; the loan book disagrees with the journal")
            }
            total += Money(fen: row["interest_fen"])
        }
        guard total == entry.debits else {
            throw LedgerError.rule("entry \(entry.id) accrued \(entry.debits), but installments \(periods.map(String.init).joined(separator: ", ")) of loan \(loan) hold \(total) of interest")
        }
        let reversal = try postReversal(of: entry, on: date, reason: reason, journal: &journal)
        try db.execute(sql: "UPDATE installments SET accrued = 0 WHERE loan_id = ? AND period IN (\(periods.map(String.init).joined(separator: ",")))",
                       arguments: [loan.rawValue])
        return (reversal, .accrual(loan: loan, through: through, periods: periods))
    }

    // MARK: The bridge register

    static func cancelAdvance(_ entry: Original, on date: CivilDate, reason: String,
                              journal: inout Journal) throws -> (Journal.Outcome, Correction) {
        let db = journal.db
        guard let idText = try String.fetchOne(db, sql: "SELECT id FROM bridge_advances WHERE entry_id = ?", arguments: [entry.id]) else {
            throw LedgerError.rule("the advance of entry \(entry.id) is not in the bridge fund's register")
        }
        let advance = try advanceID(idText)
        if let repaid = try Row.fetchOne(db, sql: "SELECT repaid_on, entry_id FROM bridge_repayments WHERE advance_id = ?", arguments: [idText]) {
            throw LedgerError.advanceRepaid(advance: advance, repaidOn: try StoredValues.date(repaid["repaid_on"], "repaid_on"), repaymentEntry: repaid["entry_id"])
        }
        let reversal = try postReversal(of: entry, on: date, reason: reason, journal: &journal)
        try db.execute(sql: """
            INSERT INTO bridge_advances_cancelled(advance_id, enterprise_id, bank, county, loan_ref, amount_fen, advance_date, daily_rate_units,
                                                  tiers, minimum_fee_fen, max_days, commitment_fen, account, entry_id, reversal_entry_id)
            SELECT id, enterprise_id, bank, county, loan_ref, amount_fen, advance_date, daily_rate_units, tiers, minimum_fee_fen, max_days,
                   commitment_fen, account, entry_id, ? FROM bridge_advances WHERE id = ?
            """, arguments: [reversal.entryID, idText])
        try db.execute(sql: "DELETE FROM bridge_advances WHERE id = ?", arguments: [idText])
        return (reversal, .advanceCancelled(advance))
    }

    static func undoBridgeRepayment(_ entry: Original, on date: CivilDate, reason: String,
                                    journal: inout Journal) throws -> (Journal.Outcome, Correction) {
        let db = journal.db
        guard let idText = try String.fetchOne(db, sql: "SELECT advance_id FROM bridge_repayments WHERE entry_id = ?", arguments: [entry.id]) else {
            throw LedgerError.rule("the bridge repayment of entry \(entry.id) is not in the bridge fund's register")
        }
        let advance = try advanceID(idText)
        let reversal = try postReversal(of: entry, on: date, reason: reason, journal: &journal)
        try db.execute(sql: """
            INSERT INTO bridge_repayments_reversed(advance_id, repaid_on, days, fee_fen, days_over, entry_id, reversal_entry_id)
            SELECT advance_id, repaid_on, days, fee_fen, days_over, entry_id, ? FROM bridge_repayments WHERE advance_id = ?
            """, arguments: [reversal.entryID, idText])
        try db.execute(sql: "DELETE FROM bridge_repayments WHERE advance_id = ?", arguments: [idText])
        // The cash it returned may have paid for later advances or withdrawals.
        if let short = try firstNegativeCash(db) {
            throw LedgerError.rule("without this repayment the fund's cash would be \(short.balance.formatted(grouped: true)) at the end of \(short.day): later advances or withdrawals spent what it returned; correct those first")
        }
        return (reversal, .bridgeRepaymentUndone(advance))
    }

    /// The first day the register's running cash is below zero, or nil.
    static func firstNegativeCash(_ db: Database) throws -> (day: String, balance: Money)? {
        guard let row = try Row.fetchOne(db, sql: """
            WITH moves(day, amount) AS (
                SELECT movement_date, amount_fen FROM bridge_capital
                UNION ALL SELECT advance_date, -amount_fen FROM bridge_advances
                UNION ALL SELECT r.repaid_on, a.amount_fen + r.fee_fen FROM bridge_repayments r JOIN bridge_advances a ON a.id = r.advance_id),
            daily(day, amount) AS (SELECT day, sum(amount) FROM moves GROUP BY day),
            running(day, balance) AS (SELECT day, sum(amount) OVER (ORDER BY day) FROM daily)
            SELECT day, balance FROM running WHERE balance < 0 ORDER BY day LIMIT 1
            """) else { return nil }
        return (row["day"], Money(fen: row["balance"]))
    }

    static func advanceID(_ text: String) throws -> AdvanceID {
        do { return try AdvanceID(validating: text) } catch { throw LedgerError.rule("stored advance id '\(text)' is invalid") }
    }
}
