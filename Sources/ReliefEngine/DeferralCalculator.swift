import ReliefDomain

/// Applies a relief programme to a loan's schedule (RULES.md sections 3-4, SPEC.md
/// "defer --format json"): pure, one installment at a time.
///
/// For each installment due within the window (both ends inclusive), with
/// `d = deferral date - original due date` and basis 365 for ACT/365 loans, else 360:
/// - interest on deferred principal = round(principal x rate x d / basis) (if the programme charges it)
/// - compound on deferred interest = round(interest x rate x d / basis) (if the programme charges it)
/// - penalty without relief = round(principal x rate x (1 + uplift) x d / basis)
/// - compound without relief = round(interest x rate x (1 + uplift) x d / basis)
/// Each amount is rounded once per installment under `rounding` (half-up by default).
/// A deferred installment is not overdue: it simply falls due on the deferral date.
public struct DeferralCalculator: Sendable {
    public let programme: ReliefProgramme
    public let rounding: Rounding

    public init(programme: ReliefProgramme, rounding: Rounding = .halfUp) {
        self.programme = programme
        self.rounding = rounding
    }

    /// The year basis of the relief formulas: 365 for ACT/365 loans, else 360.
    @inlinable
    static func yearBasisDays(_ terms: LoanTerms) -> Int64 { terms.dayCount == .act365 ? 365 : 360 }

    /// One installment under the programme.
    @inlinable
    public func apply(to row: Installment, of terms: LoanTerms) -> DeferredInstallment {
        let window = programme.window
        guard window.contains(row.dueDate) else {
            return DeferredInstallment(original: row, isDeferred: false, dueDate: row.dueDate, deferredPrincipal: .zero,
                                       deferredInterest: .zero, daysDeferred: 0, interestOnDeferredPrincipal: .zero,
                                       compoundOnDeferredInterest: .zero, penaltyInterestWithoutRelief: .zero,
                                       compoundInterestWithoutRelief: .zero)
        }
        let deferralDate = programme.deferralDate
        let days = row.dueDate.days(to: deferralDate)
        let basis = DeferralCalculator.yearBasisDays(terms)
        let rate = terms.annualRate
        let uplift = programme.penaltyUplift
        let principal = programme.scope == .interest ? Money.zero : row.principal
        let interest = programme.scope == .principal ? Money.zero : row.interest
        func ordinary(_ amount: Money) -> Money {
            InterestCalculator.interest(on: amount, at: rate, days: days, yearBasisDays: basis, rounding: rounding)
        }
        func penalty(_ amount: Money) -> Money {
            InterestCalculator.interest(on: amount, at: rate, uplift: uplift, days: days, yearBasisDays: basis, rounding: rounding)
        }
        let fullyDeferred = principal == row.principal && interest == row.interest
        return DeferredInstallment(
            original: row, isDeferred: true, dueDate: fullyDeferred ? deferralDate : row.dueDate,
            deferredPrincipal: principal, deferredInterest: interest, daysDeferred: days,
            interestOnDeferredPrincipal: programme.interestOnDeferredPrincipal ? ordinary(principal) : .zero,
            compoundOnDeferredInterest: programme.compoundOnDeferredInterest ? ordinary(interest) : .zero,
            penaltyInterestWithoutRelief: penalty(principal),
            compoundInterestWithoutRelief: penalty(interest))
    }

    /// The whole schedule under the programme, one row per original installment in the
    /// original order.
    public func apply(to schedule: Schedule) -> DeferralResult {
        var totals = DeferralTotals()
        var rows: [DeferredInstallment] = []
        rows.reserveCapacity(schedule.installments.count)
        for installment in schedule.installments {
            let row = apply(to: installment, of: schedule.terms)
            totals.add(row)
            rows.append(row)
        }
        return DeferralResult(programme: programme, schedule: schedule, installments: rows, totals: totals)
    }
}
