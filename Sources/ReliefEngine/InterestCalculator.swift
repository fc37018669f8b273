import ReliefDomain

/// Simple interest over a number of accrual days, exact and rounded once.
public enum InterestCalculator {
    /// `amount x rate x days / basis`, computed in `Int128` and rounded once under `rounding`.
    @inlinable
    public static func interest(on amount: Money, at rate: Rate, days: Int, yearBasisDays: Int64,
                                rounding: Rounding = .halfUp) -> Money {
        amount.scaled(by: Int128(rate.units) * Int128(days),
                      dividedBy: Int128(yearBasisDays) * Int128(Rate.scale), rounding: rounding)
    }

    /// `amount x rate x (1 + uplift) x days / basis`: penalty interest at the contract rate
    /// raised by `uplift` (a multiplier, RULES.md section 4), rounded once.
    @inlinable
    public static func interest(on amount: Money, at rate: Rate, uplift: Rate, days: Int, yearBasisDays: Int64,
                                rounding: Rounding = .halfUp) -> Money {
        let factor = Int128(Rate.scale) + Int128(uplift.units)
        return amount.scaled(by: Int128(rate.units) * factor * Int128(days),
                             dividedBy: Int128(yearBasisDays) * Int128(Rate.scale) * Int128(Rate.scale),
                             rounding: rounding)
    }
}
