import ReliefDomain

/// A deferral programme priced for one loan (see `DeferralCalculator.pricer(for:)`).
public struct LoanDeferralPricer: Sendable {
    public let programme: ReliefProgramme
    public let rounding: Rounding
    /// Contract rate per day: ordinary interest on deferred amounts.
    public let ordinary: DayRate
    /// Penalty rate per day, contract rate x (1 + uplift): the no-relief counterfactual.
    public let penalty: DayRate

    /// An installment the programme leaves as it is.
    @inlinable
    public static func untouched(_ row: Installment) -> DeferredInstallment {
        DeferredInstallment(original: row, isDeferred: false, dueDate: row.dueDate, deferredPrincipal: .zero,
                            deferredInterest: .zero, daysDeferred: 0, interestOnDeferredPrincipal: .zero,
                            compoundOnDeferredInterest: .zero, penaltyInterestWithoutRelief: .zero,
                            compoundInterestWithoutRelief: .zero)
    }

    /// Adds one installment's deferral to `totals` without building its row: the streaming
    /// path for portfolio sums, where most installments lie outside the window.
    @inlinable
    public func accumulate(_ row: Installment, into totals: inout DeferralTotals) {
        guard programme.window.contains(row.dueDate) else { return }
        totals.add(apply(to: row))
    }

    /// One installment under the programme (formulas in `DeferralCalculator`).
    @inlinable
    public func apply(to row: Installment) -> DeferredInstallment {
        guard programme.window.contains(row.dueDate) else { return LoanDeferralPricer.untouched(row) }
        let deferralDate = programme.deferralDate
        let days = row.dueDate.days(to: deferralDate)
        let principal = programme.scope == .interest ? Money.zero : row.principal
        let interest = programme.scope == .principal ? Money.zero : row.interest
        let fullyDeferred = principal == row.principal && interest == row.interest
        return DeferredInstallment(
            original: row, isDeferred: true, dueDate: fullyDeferred ? deferralDate : row.dueDate,
            deferredPrincipal: principal, deferredInterest: interest, daysDeferred: days,
            interestOnDeferredPrincipal: programme.interestOnDeferredPrincipal
                ? ordinary.interest(on: principal, days: days, rounding: rounding) : .zero,
            compoundOnDeferredInterest: programme.compoundOnDeferredInterest
                ? ordinary.interest(on: interest, days: days, rounding: rounding) : .zero,
            penaltyInterestWithoutRelief: penalty.interest(on: principal, days: days, rounding: rounding),
            compoundInterestWithoutRelief: penalty.interest(on: interest, days: days, rounding: rounding))
    }
}
