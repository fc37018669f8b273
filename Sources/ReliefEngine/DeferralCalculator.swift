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

    /// The programme priced for one loan: its ordinary and penalty day rates reduced once,
    /// so that each installment costs a few integer operations (the streaming hot path).
    public func pricer(for terms: LoanTerms) -> LoanDeferralPricer {
        LoanDeferralPricer(programme: programme,
                           rates: LoanDeferralPricer.Rates(annual: terms.annualRate, uplift: programme.penaltyUplift,
                                                           yearBasisDays: DeferralCalculator.yearBasisDays(terms), rounding: rounding))
    }

    /// `pricer(for:)` with the day rates taken from `memo`, where many loans share a rate: the
    /// same pricer, cheaper.
    public func pricer(for terms: LoanTerms, memo: inout Memo) -> LoanDeferralPricer {
        LoanDeferralPricer(programme: programme,
                           rates: memo.rates(annual: terms.annualRate, uplift: programme.penaltyUplift,
                                             yearBasisDays: DeferralCalculator.yearBasisDays(terms), rounding: rounding))
    }

    /// The whole schedule under the programme, one row per original installment in the
    /// original order.
    public func apply(to schedule: Schedule) -> DeferralResult {
        let pricer = pricer(for: schedule.terms)
        var totals = DeferralTotals()
        var rows: [DeferredInstallment] = []
        rows.reserveCapacity(schedule.installments.count)
        for installment in schedule.installments {
            let row = pricer.apply(to: installment)
            totals.add(row)
            rows.append(row)
        }
        return DeferralResult(programme: programme, schedule: schedule, installments: rows, totals: totals)
    }
}
