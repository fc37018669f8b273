import GRDB
import ReliefDomain
import ReliefEngine

/// Applies a relief programme to the loans in the ledger (SPEC.md portfolio `defer`).
///
/// For each loan: eligibility from the stored enterprise and loan (size, credit line,
/// application); the programme applied to the loan's current schedule by the engine; the
/// deferred rows moved to the deferral date; the relief stored; and one entry posted:
/// Dr deferred principal / Cr loans: principal, and Dr deferred interest / Cr interest income
/// for the deferred interest plus the ordinary interest charged on the deferred principal.
/// A loan already deferred under the programme is left alone, so applying it twice defers
/// nothing twice.
public enum PortfolioDeferral {
    public struct Refusal: Hashable, Sendable {
        public let loanID: LoanID
        public let reason: String
    }

    public struct Summary: Sendable {
        public var loansConsidered = 0
        public var loansDeferred = 0
        public var refusals: [Refusal] = []
        /// Eligible loans with no installment due in the window.
        public var loansWithNothingInWindow = 0
        /// Loans this programme had already deferred (left unchanged).
        public var loansAlreadyDeferred = 0
        /// Sums over the loans deferred now.
        public var totals = DeferralTotals()
    }

    /// With `bank`, only that bank's loans are considered (a bank account's deferral).
    public static func apply(_ programme: ReliefProgramme, to ids: [LoanID]? = nil, bank: String? = nil, journal: inout Journal,
                             rounding: Rounding = .halfUp, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        let db = journal.db
        // A loan named twice is considered once.
        var named: Set<LoanID> = []
        var loans = try LoanLedger.fetchRecords(ids?.filter { named.insert($0).inserted }, LedgerTransaction(db))
        if let bank { loans.removeAll { $0.bank != bank } }
        let calculator = DeferralCalculator(programme: programme, rounding: rounding)
        let probe = try LoanProbe(db, programme: programme.name, wholeLedger: ids == nil && bank == nil)
        let schedules = try LoanLedger.ScheduleReader(LedgerTransaction(db))
        var summary = Summary()
        // The run's parameters, stored once when it first defers something.
        var runID: Int64?
        var pricers = DeferralCalculator.Memo()  // day rates shared by the loans at one rate
        for (index, loan) in loans.enumerated() {
            progress?(index, loans.count)
            summary.loansConsidered += 1
            // Rows already deferred (by another programme) or repaid are not deferred again:
            // their principal has left the loans account, and deferring it twice would count it twice.
            func currentRows() throws -> [StoredInstallment] {
                try probe.keepsRows(loan.id)
                    ? schedules.installments(of: loan)
                    : LoanLedger.standardSchedule(of: loan).installments.map(StoredInstallment.init(standard:))
            }
            // A programme scoped by maturity (2022-11) looks at the loan's current maturity, which
            // an extension (展期) moves: the latest original due date of its current schedule.
            var stored: [StoredInstallment]? = programme.eligibility.maturing == nil ? nil : try currentRows()
            let maturity = stored.flatMap { $0.map(\.originalDueDate).max() } ?? loan.terms.maturity
            let applicant = ReliefProgramme.Applicant(size: loan.enterprise.size, creditLine: loan.creditLine, applied: loan.applied,
                                                     maturity: maturity)
            if let reason = programme.refusalReason(for: applicant) {
                summary.refusals.append(Refusal(loanID: loan.id, reason: reason))
                continue
            }
            if try probe.isDeferred(loan.id) {
                summary.loansAlreadyDeferred += 1
                continue
            }
            if stored == nil { stored = try currentRows() }
            guard let stored else { continue }
            let current = Schedule(terms: loan.terms, installments: stored.map(\.installment))
            let pricer = calculator.pricer(for: loan.terms, memo: &pricers)
            var totals = DeferralTotals()
            let rows = stored.map { row -> DeferredInstallment in
                if row.isDeferred || row.isPaid { return LoanDeferralPricer.untouched(row.installment) }
                let deferred = pricer.apply(to: row.installment)
                totals.add(deferred)
                return deferred
            }
            let result = DeferralResult(programme: programme, schedule: current, installments: rows, totals: totals)
            guard result.deferredAnything else {
                summary.loansWithNothingInWindow += 1
                continue
            }
            let run = try runID ?? ProgrammeRun.store(ProgrammeRun(programme: programme, rounding: rounding), db)
            runID = run
            try store(result, of: loan, run: run, originalDueDates: stored.map(\.originalDueDate), journal: &journal)
            summary.loansDeferred += 1
            summary.totals.add(result.totals)
        }
        progress?(loans.count, loans.count)
        return summary
    }

    /// Stores the deferral under programme run `run`, its entry and the deferred rows
    /// (`originalDueDates`: of every row of `result`, in order).
    static func store(_ result: DeferralResult, of loan: LoanRecord, run: Int64, originalDueDates: [CivilDate], journal: inout Journal) throws {
        let db = journal.db
        let totals = result.totals
        let firstDeferred = result.installments.first(where: \.isDeferred).map(\.original.dueDate) ?? result.deferralDate
        let interestBooked = totals.deferredInterest + totals.interestOnDeferredPrincipal + totals.compoundOnDeferredInterest
        var entryID: Int64?
        if !(totals.deferredPrincipal.isZero && interestBooked.isZero) {
            let draft = try JournalEntryDraft(
                date: firstDeferred, kind: .deferral,
                description: "Deferral of loan \(loan.id) under programme \(result.programme.name) to \(result.deferralDate)",
                idempotencyKey: EventKey.deferral(loan.id, programme: result.programme.name), loanID: loan.id,
                postings: [.debit(ChartOfAccounts.deferredPrincipal, totals.deferredPrincipal, loan: loan.id),
                           .credit(ChartOfAccounts.loanPrincipal, totals.deferredPrincipal, loan: loan.id),
                           .debit(ChartOfAccounts.deferredInterest, interestBooked, loan: loan.id),
                           .credit(ChartOfAccounts.interestIncome, interestBooked, loan: loan.id)])
            entryID = try journal.recordEvent(draft)
        }
        let insert = try FastStatement(db, """
            INSERT INTO deferrals(loan_id, programme, deferral_date, installments, deferred_principal_fen, deferred_interest_fen,
                                  interest_on_deferred_principal_fen, compound_on_deferred_interest_fen, penalty_without_relief_fen,
                                  compound_without_relief_fen, relief_fen, entry_id, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let values: [Int64] = [Int64(totals.deferredInstallments), totals.deferredPrincipal.fen, totals.deferredInterest.fen,
                               totals.interestOnDeferredPrincipal.fen, totals.compoundOnDeferredInterest.fen,
                               totals.penaltyInterestWithoutRelief.fen, totals.compoundInterestWithoutRelief.fen, totals.relief.fen]
        insert.bind(1, loan.id.rawValue)
        insert.bind(2, result.programme.name)
        insert.bind(3, result.deferralDate.description)
        for (offset, value) in values.enumerated() { insert.bind(Int32(4 + offset), value) }
        insert.bind(12, entryID)
        insert.bind(13, run)
        try insert.execute()
        let deferralID = db.lastInsertedRowID
        // The deferred rows, kept whether or not the loan keeps its whole schedule: inserted
        // when only its terms hold them, moved when stored (one statement per loan, so one
        // statement journal, not one per row).
        let moved = result.installments.indices.filter { result.installments[$0].isDeferred }
        let fullyDeferred = moved.allSatisfy { result.installments[$0].dueDate == result.deferralDate }
        try deferredRowsUpsert.insert(db, count: moved.count) { statement, index, first in
            let offset = moved[index]
            let row = result.installments[offset].original
            statement.bind(first, loan.id.rawValue)
            statement.bind(first + 1, row.period)
            statement.bind(first + 2, (fullyDeferred ? result.deferralDate : row.dueDate).description)
            statement.bind(first + 3, originalDueDates[offset].description)
            statement.bind(first + 4, row.days)
            statement.bind(first + 5, row.principal.fen)
            statement.bind(first + 6, row.interest.fen)
            statement.bind(first + 7, row.balance.fen)
            statement.bind(first + 8, deferralID)
        }
    }

    static let deferredRowsUpsert = BatchInsert("""
        INSERT INTO installments(loan_id, period, due_date, original_due_date, days, principal_fen, interest_fen, balance_fen, deferral_id) VALUES
        """, columns: 9, suffix: "ON CONFLICT(loan_id, period) DO UPDATE SET due_date = excluded.due_date, deferral_id = excluded.deferral_id")

    /// Which loans the programme already deferred and which keep installment rows (the others
    /// are on their terms' standard schedule). For the whole ledger both are read once into
    /// sets (one query, not one per loan); for named loans they are probed per loan, so that
    /// replaying deferrals one loan at a time does not read every deferral each time.
    struct LoanProbe {
        let deferred: Set<String>?
        let keeping: Set<String>?
        let deferredProbe: FastStatement
        let keepingProbe: FastStatement
        let programme: String

        init(_ db: Database, programme: String, wholeLedger: Bool) throws {
            self.programme = programme
            deferred = wholeLedger
                ? Set(try String.fetchAll(db, sql: "SELECT loan_id FROM deferrals WHERE programme = ?", arguments: [programme])) : nil
            keeping = wholeLedger ? Set(try String.fetchAll(db, sql: "SELECT DISTINCT loan_id FROM installments")) : nil
            deferredProbe = try FastStatement(db, "SELECT 1 FROM deferrals WHERE loan_id = ? AND programme = ?")
            keepingProbe = try FastStatement(db, "SELECT 1 FROM installments WHERE loan_id = ? LIMIT 1")
        }

        func isDeferred(_ id: LoanID) throws -> Bool {
            if let deferred { return deferred.contains(id.rawValue) }
            deferredProbe.bind(1, id.rawValue)
            deferredProbe.bind(2, programme)
            return try deferredProbe.fetchInt64() != nil
        }

        func keepsRows(_ id: LoanID) throws -> Bool {
            if let keeping { return keeping.contains(id.rawValue) }
            keepingProbe.bind(1, id.rawValue)
            return try keepingProbe.fetchInt64() != nil
        }
    }
}
