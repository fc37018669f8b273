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

    public static func apply(_ programme: ReliefProgramme, to ids: [LoanID]? = nil, journal: inout Journal,
                             rounding: Rounding = .halfUp, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        let db = journal.db
        let loans = try LoanBook.fetchRecords(ids, db)
        let calculator = DeferralCalculator(programme: programme, rounding: rounding)
        let alreadyDeferred = try FastStatement(db, "SELECT 1 FROM deferrals WHERE loan_id = ? AND programme = ?")
        var summary = Summary()
        var pricers = DeferralCalculator.Memo()  // day rates shared by the loans at one rate
        for (index, loan) in loans.enumerated() {
            progress?(index, loans.count)
            summary.loansConsidered += 1
            let applicant = ReliefProgramme.Applicant(size: loan.enterprise.size, creditLine: loan.creditLine, applied: loan.applied)
            if let reason = programme.refusalReason(for: applicant) {
                summary.refusals.append(Refusal(loanID: loan.id, reason: reason))
                continue
            }
            alreadyDeferred.bind(1, loan.id.rawValue)
            alreadyDeferred.bind(2, programme.name)
            if try alreadyDeferred.fetchInt64() != nil {
                summary.loansAlreadyDeferred += 1
                continue
            }
            // Rows already deferred (by another programme) or repaid are not deferred again:
            // their principal has left the loans account, and deferring it twice would count it twice.
            let stored = try LoanBook.installments(of: loan.id, db)
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
            try store(result, of: loan, journal: &journal)
            summary.loansDeferred += 1
            summary.totals.add(result.totals)
        }
        progress?(loans.count, loans.count)
        return summary
    }

    static func store(_ result: DeferralResult, of loan: LoanRecord, journal: inout Journal) throws {
        let db = journal.db
        let totals = result.totals
        let firstDeferred = result.installments.first(where: \.isDeferred).map(\.original.dueDate) ?? result.deferralDate
        let interestBooked = totals.deferredInterest + totals.interestOnDeferredPrincipal + totals.compoundOnDeferredInterest
        var entryID: Int64?
        if !(totals.deferredPrincipal.isZero && interestBooked.isZero) {
            let draft = try JournalEntryDraft(
                date: firstDeferred, kind: .deferral,
                description: "Deferral of loan \(loan.id) under programme \(result.programme.name) to \(result.deferralDate)",
                idempotencyKey: "deferral:\(loan.id.rawValue):\(result.programme.name)", loanID: loan.id,
                postings: [.debit(ChartOfAccounts.deferredPrincipal, totals.deferredPrincipal, loan: loan.id),
                           .credit(ChartOfAccounts.loanPrincipal, totals.deferredPrincipal, loan: loan.id),
                           .debit(ChartOfAccounts.deferredInterest, interestBooked, loan: loan.id),
                           .credit(ChartOfAccounts.interestIncome, interestBooked, loan: loan.id)])
            entryID = try journal.record(draft).entryID
        }
        try db.cachedStatement(sql: """
            INSERT INTO deferrals(loan_id, programme, deferral_date, installments, deferred_principal_fen, deferred_interest_fen,
                                  interest_on_deferred_principal_fen, compound_on_deferred_interest_fen, penalty_without_relief_fen,
                                  compound_without_relief_fen, relief_fen, entry_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [loan.id.rawValue, result.programme.name, result.deferralDate.description, totals.deferredInstallments,
                                     totals.deferredPrincipal.fen, totals.deferredInterest.fen, totals.interestOnDeferredPrincipal.fen,
                                     totals.compoundOnDeferredInterest.fen, totals.penaltyInterestWithoutRelief.fen,
                                     totals.compoundInterestWithoutRelief.fen, totals.relief.fen, entryID])
        let deferralID = db.lastInsertedRowID
        // One statement for the loan's deferred rows (one statement journal, not one per row).
        let moved = result.installments.filter(\.isDeferred)
        let periods = Array(repeating: "?", count: moved.count).joined(separator: ", ")
        let fullyDeferred = moved.allSatisfy { $0.dueDate == result.deferralDate }
        let move = try FastStatement(db, fullyDeferred
            ? "UPDATE installments SET due_date = ?, deferral_id = ? WHERE loan_id = ? AND period IN (\(periods))"
            : "UPDATE installments SET due_date = due_date, deferral_id = ? WHERE loan_id = ? AND period IN (\(periods))")
        var parameter: Int32 = 1
        if fullyDeferred {
            move.bind(parameter, result.deferralDate.description)
            parameter += 1
        }
        move.bind(parameter, deferralID)
        move.bind(parameter + 1, loan.id.rawValue)
        for (offset, row) in moved.enumerated() { move.bind(parameter + 2 + Int32(offset), row.original.period) }
        try move.execute()
    }
}
