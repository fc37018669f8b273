import GRDB
import ReliefDomain
import ReliefEngine

/// A loan's life after disbursement as balanced entries: interest accrual, repayment of an
/// installment, extension (展期) and renewal without repaying principal (无还本续贷).
///
/// Entries:
/// - accrual: Dr interest receivable / Cr interest income, for installments due by the date;
/// - repayment: Dr cash / Cr the account holding the principal (loans, deferred or extended
///   principal) and Cr interest receivable (accrued), deferred interest (deferred rows, plus
///   the deferral's own interest with its last row) or interest income (not yet accrued);
/// - extension: the principal still owed moves to extended principal and the rows from the
///   agreement date are rescheduled;
/// - renewal: the new loan's principal settles the old one's (Dr loans: principal of the new
///   loan, Cr the old loan's principal account), no cash moves; the old loan's remaining rows
///   become one settlement row on the renewal date, its accrued interest paid in cash.
public enum LoanEvents {
    // MARK: Accrual

    /// Accrues the interest of the loan's rows due on or before `date` that are neither
    /// accrued, deferred (their interest was booked at deferral) nor paid. Nil when none is.
    public static func accrueInterest(_ id: LoanID, through date: CivilDate, journal: inout Journal) throws -> (Journal.Outcome, Money)? {
        let db = journal.db
        guard let loan = try LoanLedger.fetchRecord(id, LedgerTransaction(db)) else { throw LedgerError.unknownLoan(id) }
        try LoanLedger.keepWholeSchedule(of: loan, db)
        let rows = try Row.fetchAll(db, sql: """
            SELECT period, interest_fen FROM installments
            WHERE loan_id = ? AND accrued = 0 AND deferral_id IS NULL AND paid_on IS NULL AND due_date <= ? ORDER BY period
            """, arguments: [id.rawValue, date.description])
        let total = rows.reduce(Money.zero) { $0 + Money(fen: $1["interest_fen"]) }
        guard !total.isZero else { return nil }
        let periods: [Int] = rows.map { $0["period"] }
        let key = try journal.eventKey(EventKey.accrual(id, through: date))
        if let standing = try journal.entry(withKey: key) {
            // Only after a correction: an earlier accrual was undone, and this date's accrual stands.
            throw LedgerError.rule("an accrual of loan \(id) through \(date) is already recorded (entry \(standing)), yet installments \(periods.map(String.init).joined(separator: ", ")) are not accrued (a correction undid them): accrue them through another date")
        }
        let draft = try JournalEntryDraft(
            date: date, kind: .interestAccrual, description: accrualDescription(id, through: date, periods: periods),
            idempotencyKey: key, loanID: id,
            postings: [.debit(ChartOfAccounts.interestReceivable, total, loan: id), .credit(ChartOfAccounts.interestIncome, total, loan: id)])
        let entryID = try journal.recordEvent(draft)
        try db.execute(sql: "UPDATE installments SET accrued = 1 WHERE loan_id = ? AND period IN (\(periods.map(String.init).joined(separator: ",")))",
                       arguments: [id.rawValue])
        return (.recorded(entryID: entryID), total)
    }

    /// The description of an accrual entry; it names the periods accrued, which is how a
    /// correction finds the rows to unaccrue (`accruedPeriods(inDescription:)`).
    static func accrualDescription(_ id: LoanID, through date: CivilDate, periods: [Int]) -> String {
        "Interest accrued on loan \(id) through \(date) (periods \(periods.map(String.init).joined(separator: ", ")))"
    }

    /// The periods an accrual entry's description names, or nil when it names none.
    static func accruedPeriods(inDescription description: String) -> [Int]? {
        let marker = " (periods "
        guard description.hasSuffix(")") else { return nil }
        var start = description.endIndex
        repeat {
            guard start > description.startIndex else { return nil }
            start = description.index(before: start)
        } while !description[start...].hasPrefix(marker)
        let list = description[description.index(start, offsetBy: marker.count)..<description.index(before: description.endIndex)]
        let periods = list.split(separator: ",").map { Int($0.filter { $0 != " " }) }
        guard !periods.isEmpty, periods.allSatisfy({ $0 != nil }) else { return nil }
        return periods.compactMap { $0 }
    }

    // MARK: Repayment

    public struct Repayment: Equatable, Sendable {
        public let outcome: Journal.Outcome
        public let principal: Money
        public let interest: Money
        /// The deferral's ordinary (and compound) interest, paid with its last deferred row.
        public let deferralInterest: Money
        public var total: Money { principal + interest + deferralInterest }
    }

    /// Repays installment `period` of the loan in full on `date`.
    public static func repay(_ id: LoanID, period: Int, on date: CivilDate, journal: inout Journal) throws -> Repayment {
        // The principal account is read from the loan's postings: write any still buffered.
        try journal.flush(ifPendingFor: id)
        let db = journal.db
        guard let loan = try LoanLedger.fetchRecord(id, LedgerTransaction(db)) else { throw LedgerError.unknownLoan(id) }
        try LoanLedger.keepWholeSchedule(of: loan, db)
        guard let row = try Row.fetchOne(db, sql: """
            SELECT principal_fen, interest_fen, deferral_id, accrued, paid_on FROM installments WHERE loan_id = ? AND period = ?
            """, arguments: [id.rawValue, period]) else {
            throw LedgerError.unknownInstallment(loan: id, period: period)
        }
        let key = try journal.eventKey(EventKey.repayment(id, period: period))
        let principal = Money(fen: row["principal_fen"])
        let interest = Money(fen: row["interest_fen"])
        if let paid = row["paid_on"] as String? {
            let existing = try journal.entry(withKey: key)
            guard let existing, paid == date.description else {
                throw LedgerError.rule("installment \(period) of loan \(id) was already settled on \(paid)")
            }
            return Repayment(outcome: .duplicate(entryID: existing), principal: principal, interest: interest, deferralInterest: .zero)
        }
        // Nothing is repaid before it was lent: the entry would put income in a period the loan
        // did not exist. (After the duplicate check: such a repayment stored before this rule
        // still reads as a duplicate when its file or loan book is imported again.)
        guard date >= loan.terms.start else {
            throw LedgerError.rule("a repayment on \(date) is before loan \(id) was disbursed (\(loan.terms.start))")
        }
        let deferralID: Int64? = row["deferral_id"]
        let accrued: Int = row["accrued"]
        var postings: [JournalEntryDraft.Posting] = []
        var deferralInterest = Money.zero
        if let deferralID {
            postings.append(.credit(ChartOfAccounts.deferredPrincipal, principal, loan: id))
            postings.append(.credit(ChartOfAccounts.deferredInterest, interest, loan: id))
            let othersUnpaid = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM installments WHERE deferral_id = ? AND paid_on IS NULL AND period <> ?
                """, arguments: [deferralID, period]) ?? 0
            if othersUnpaid == 0 {
                let charged = try Int64.fetchOne(db, sql: """
                    SELECT interest_on_deferred_principal_fen + compound_on_deferred_interest_fen FROM deferrals WHERE id = ?
                    """, arguments: [deferralID]) ?? 0
                deferralInterest = Money(fen: charged)
                postings.append(.credit(ChartOfAccounts.deferredInterest, deferralInterest, loan: id))
            }
        } else {
            postings.append(.credit(try principalAccount(of: id, db), principal, loan: id))
            postings.append(.credit(accrued == 1 ? ChartOfAccounts.interestReceivable : ChartOfAccounts.interestIncome, interest, loan: id))
        }
        let total = principal + interest + deferralInterest
        guard !total.isZero else { throw LedgerError.rule("installment \(period) of loan \(id) is 0.00: nothing to repay") }
        postings.insert(.debit(ChartOfAccounts.cash, total, loan: id), at: 0)
        // The installment is unpaid: an entry already under its key is not its repayment.
        let entryID = try journal.recordEvent(try JournalEntryDraft(
            date: date, kind: .repayment, description: "Repayment of installment \(period) of loan \(id)", idempotencyKey: key, loanID: id,
            postings: postings))
        try db.execute(sql: "UPDATE installments SET paid_on = ? WHERE loan_id = ? AND period = ?", arguments: [date.description, id.rawValue, period])
        return Repayment(outcome: .recorded(entryID: entryID), principal: principal, interest: interest, deferralInterest: deferralInterest)
    }

    /// The account holding the loan's undeferred principal: extended principal once extended.
    static func principalAccount(of id: LoanID, _ db: Database) throws -> LedgerAccount {
        let extended = try Int64.fetchOne(db, sql: """
            SELECT coalesce(sum(amount_fen), 0) FROM postings WHERE loan_id = ? AND account_code = ?
            """, arguments: [id.rawValue, ChartOfAccounts.extendedPrincipal.code]) ?? 0
        return extended > 0 ? ChartOfAccounts.extendedPrincipal : ChartOfAccounts.loanPrincipal
    }

    /// The loan's current schedule, refusing when rows from `date` on are deferred or paid
    /// (they cannot be rescheduled or settled again).
    static func reschedulable(_ loan: LoanRecord, from date: CivilDate, _ db: Database) throws -> Schedule {
        let stored = try LoanLedger.installments(of: loan, LedgerTransaction(db))
        let paid = try Set(Int.fetchAll(db, sql: "SELECT period FROM installments WHERE loan_id = ? AND paid_on IS NOT NULL", arguments: [loan.id.rawValue]))
        if let blocked = stored.first(where: { $0.installment.dueDate >= date && ($0.isDeferred || paid.contains($0.installment.period)) }) {
            throw LedgerError.rule("installment \(blocked.installment.period) of loan \(loan.id), due \(blocked.installment.dueDate), is \(blocked.isDeferred ? "deferred" : "already paid"): it cannot be rescheduled")
        }
        return Schedule(terms: loan.terms, installments: stored.map(\.installment))
    }

    // MARK: Extension

    /// Extends the loan to `newMaturity` (cap checked against the original term).
    public static func extend(_ id: LoanID, to newMaturity: CivilDate, agreed: CivilDate?, journal: inout Journal,
                              rounding: Rounding = .halfUp) throws -> ExtensionResult {
        // What moves is read from the loan's postings: write any still buffered.
        try journal.flush(ifPendingFor: id)
        let db = journal.db
        guard let loan = try LoanLedger.fetchRecord(id, LedgerTransaction(db)) else { throw LedgerError.unknownLoan(id) }
        try LoanLedger.keepWholeSchedule(of: loan, db)
        let current = try reschedulable(loan, from: agreed ?? loan.terms.maturity, db)
        let result: ExtensionResult
        do {
            result = try ExtensionCalculator(rounding: rounding).extend(current, to: newMaturity, agreed: agreed)
        } catch {
            throw LedgerError.rule(error.message)
        }
        let kept = result.extended.installments.prefix { $0.dueDate < result.agreed }.count
        try db.execute(sql: "DELETE FROM installments WHERE loan_id = ? AND period > ?", arguments: [id.rawValue, kept])
        try LoanLedger.insertInstallments(Array(result.extended.installments.dropFirst(kept)), of: id, db)
        // What the loan still owes on its ordinary principal account (deferred principal stays put).
        let undeferred = try Int64.fetchOne(db, sql: """
            SELECT coalesce(sum(amount_fen), 0) FROM postings WHERE loan_id = ? AND account_code = ?
            """, arguments: [id.rawValue, ChartOfAccounts.loanPrincipal.code]) ?? 0
        let moved = Money(fen: max(0, undeferred))
        if !moved.isZero {
            _ = try journal.record(try JournalEntryDraft(
                date: result.agreed, kind: .extension,
                description: "Extension of loan \(id) from \(loan.terms.maturity) to \(newMaturity)",
                idempotencyKey: EventKey.extensionTo(id, maturity: newMaturity), loanID: id,
                postings: [.debit(ChartOfAccounts.extendedPrincipal, moved, loan: id), .credit(ChartOfAccounts.loanPrincipal, moved, loan: id)]))
        }
        return result
    }

    // MARK: Renewal

    /// Renews loan `id` on `date` with a new loan `newID` (same borrower and bank) that lends
    /// exactly the principal still owed.
    public static func renew(_ id: LoanID, as newID: LoanID, on date: CivilDate, with changes: RenewalCalculator.NewTerms,
                             journal: inout Journal, rounding: Rounding = .halfUp) throws -> RenewalResult {
        try journal.flush(ifPendingFor: id)
        let db = journal.db
        guard let loan = try LoanLedger.fetchRecord(id, LedgerTransaction(db)) else { throw LedgerError.unknownLoan(id) }
        guard try LoanLedger.fetchRecord(newID, LedgerTransaction(db)) == nil else { throw LedgerError.rule("loan \(newID) already exists") }
        try LoanLedger.keepWholeSchedule(of: loan, db)
        let current = try reschedulable(loan, from: date, db)
        let result: RenewalResult
        do {
            result = try RenewalCalculator(rounding: rounding).renew(current, on: date, with: changes)
        } catch {
            throw LedgerError.rule(error.message)
        }
        let account = try principalAccount(of: id, db)
        // The old loan: its remaining rows become one settlement row on the renewal date.
        let kept = result.installmentsBefore.count
        try db.execute(sql: "DELETE FROM installments WHERE loan_id = ? AND period > ?", arguments: [id.rawValue, kept])
        try db.execute(sql: """
            INSERT INTO installments(loan_id, period, due_date, original_due_date, days, principal_fen, interest_fen, balance_fen, accrued, paid_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?)
            """, arguments: [id.rawValue, kept + 1, date.description, date.description, result.accrualDays, result.principalSettled.fen,
                             result.accruedInterestSettled.fen, date.description])
        let newLoan = LoanRecord(id: newID, enterprise: loan.enterprise, bank: loan.bank, terms: result.newLoan.terms,
                                 creditLine: loan.creditLine, applied: nil)
        try LoanLedger.insert(newLoan, schedule: result.newLoan, db)
        _ = try journal.recordEvent(try JournalEntryDraft(
            date: date, kind: .renewal,
            description: "Renewal of loan \(id) by loan \(newID) without repaying principal (无还本续贷)",
            idempotencyKey: EventKey.disbursement(newID), loanID: newID,
            postings: [.debit(ChartOfAccounts.loanPrincipal, result.principalSettled, loan: newID),
                       .credit(account, result.principalSettled, loan: id)]))
        if !result.accruedInterestSettled.isZero {
            _ = try journal.recordEvent(try JournalEntryDraft(
                date: date, kind: .repayment, description: "Interest of loan \(id) settled at its renewal",
                idempotencyKey: EventKey.renewalInterest(id), loanID: id,
                postings: [.debit(ChartOfAccounts.cash, result.accruedInterestSettled, loan: id),
                           .credit(ChartOfAccounts.interestIncome, result.accruedInterestSettled, loan: id)]))
        }
        return result
    }
}
