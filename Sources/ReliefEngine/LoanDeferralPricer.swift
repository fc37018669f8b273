import ReliefDomain

/// A deferral programme priced for one loan (see `DeferralCalculator.pricer(for:)`).
///
/// Holds the programme's rules as plain values (no strings or sets), so that making one per
/// loan and handing it to a streaming schedule costs a few register moves and no reference
/// counting.
public struct LoanDeferralPricer: Sendable {
    /// Installments due within it (both ends inclusive) are deferred.
    public let window: ClosedRange<CivilDate>
    /// When the deferred amounts fall due.
    public let deferralDate: CivilDate
    public let scope: ReliefProgramme.Scope
    /// Whether deferred principal is charged ordinary interest (`ReliefProgramme.interestOnDeferredPrincipal`).
    public let chargesInterestOnDeferredPrincipal: Bool
    /// Whether deferred interest is charged compound interest (`ReliefProgramme.compoundOnDeferredInterest`).
    public let chargesCompoundOnDeferredInterest: Bool
    /// The day rates of one loan's contract rate and year basis under a programme's uplift,
    /// prepared with the rounding (kept compact: one is copied into every loan's pricer).
    public struct Rates: Sendable {
        public let annual: Rate
        public let uplift: Rate
        public let yearBasisDays: Int64
        /// Contract rate per day, and penalty rate per day (contract rate x (1 + uplift)).
        @usableFromInline let ordinaryRounded: DayRate.Rounded
        @usableFromInline let penaltyRounded: DayRate.Rounded

        public init(annual: Rate, uplift: Rate, yearBasisDays: Int64, rounding: Rounding) {
            self.annual = annual
            self.uplift = uplift
            self.yearBasisDays = yearBasisDays
            ordinaryRounded = DayRate(annual: annual, yearBasisDays: yearBasisDays).rounded(rounding)
            penaltyRounded = DayRate(annual: annual, uplift: uplift, yearBasisDays: yearBasisDays).rounded(rounding)
        }

        public var rounding: Rounding { ordinaryRounded.rounding }
        /// Contract rate per day: ordinary interest on deferred amounts.
        public var ordinary: DayRate { DayRate(annual: annual, yearBasisDays: yearBasisDays) }
        /// Penalty rate per day, contract rate x (1 + uplift): the no-relief counterfactual.
        public var penalty: DayRate { DayRate(annual: annual, uplift: uplift, yearBasisDays: yearBasisDays) }
    }

    @usableFromInline let rates: Rates

    init(programme: ReliefProgramme, rates: Rates) {
        self.window = programme.window
        self.deferralDate = programme.deferralDate
        self.scope = programme.scope
        self.chargesInterestOnDeferredPrincipal = programme.interestOnDeferredPrincipal
        self.chargesCompoundOnDeferredInterest = programme.compoundOnDeferredInterest
        self.rates = rates
    }

    public var rounding: Rounding { rates.rounding }
    /// Contract rate per day: ordinary interest on deferred amounts.
    public var ordinary: DayRate { rates.ordinary }
    /// Penalty rate per day, contract rate x (1 + uplift): the no-relief counterfactual.
    public var penalty: DayRate { rates.penalty }

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
        guard window.contains(row.dueDate) else { return }
        accumulateDeferred(dueDate: row.dueDate, principal: row.principal, interest: row.interest, into: &totals)
    }

    /// `accumulate` for a row within the window, given the three fields it reads (in
    /// registers: the streaming loop then never stores its rows).
    @usableFromInline
    func accumulateDeferred(dueDate: CivilDate, principal: Money, interest: Money, into totals: inout DeferralTotals) {
        let amounts = deferredAmounts(dueDate: dueDate, principal: principal, interest: interest)
        totals.deferredInstallments += 1
        totals.deferredPrincipal += amounts.principal
        totals.deferredInterest += amounts.interest
        totals.interestOnDeferredPrincipal += amounts.interestOnPrincipal
        totals.compoundOnDeferredInterest += amounts.compoundOnInterest
        totals.penaltyInterestWithoutRelief += amounts.penaltyOnPrincipal
        totals.compoundInterestWithoutRelief += amounts.compoundWithoutRelief
    }

    /// One installment under the programme (formulas in `DeferralCalculator`).
    @inlinable
    public func apply(to row: Installment) -> DeferredInstallment {
        guard window.contains(row.dueDate) else { return LoanDeferralPricer.untouched(row) }
        return deferred(row)
    }

    /// `apply` for a row within the window.
    @usableFromInline
    func deferred(_ row: Installment) -> DeferredInstallment {
        let amounts = deferredAmounts(dueDate: row.dueDate, principal: row.principal, interest: row.interest)
        let fullyDeferred = amounts.principal == row.principal && amounts.interest == row.interest
        return DeferredInstallment(
            original: row, isDeferred: true, dueDate: fullyDeferred ? deferralDate : row.dueDate,
            deferredPrincipal: amounts.principal, deferredInterest: amounts.interest, daysDeferred: amounts.days,
            interestOnDeferredPrincipal: amounts.interestOnPrincipal, compoundOnDeferredInterest: amounts.compoundOnInterest,
            penaltyInterestWithoutRelief: amounts.penaltyOnPrincipal, compoundInterestWithoutRelief: amounts.compoundWithoutRelief)
    }

    /// The amounts of a row within the window, shared by `apply` and `accumulate` so that a
    /// streamed total equals the sum of the built rows.
    @usableFromInline @inline(__always)
    func deferredAmounts(dueDate: CivilDate, principal rowPrincipal: Money, interest rowInterest: Money)
        -> (principal: Money, interest: Money, days: Int, interestOnPrincipal: Money, compoundOnInterest: Money,
            penaltyOnPrincipal: Money, compoundWithoutRelief: Money) {
        let days = dueDate.days(to: deferralDate)
        let principal = scope == .interest ? Money.zero : rowPrincipal
        let interest = scope == .principal ? Money.zero : rowInterest
        return (principal, interest, days,
                chargesInterestOnDeferredPrincipal ? rates.ordinaryRounded.interest(on: principal, days: days) : .zero,
                chargesCompoundOnDeferredInterest ? rates.ordinaryRounded.interest(on: interest, days: days) : .zero,
                rates.penaltyRounded.interest(on: principal, days: days),
                rates.penaltyRounded.interest(on: interest, days: days))
    }
}
