/// How an exact quotient becomes a whole number of fen.
///
/// Every place that rounds names the rule it uses; `halfUp` is the banking default of
/// RULES.md section 1 ("rounded to the fen, half up"). Half-up rounds ties away from zero,
/// so that a negative amount rounds like its positive mirror.
public enum Rounding: String, Sendable, CaseIterable {
    /// Ties go away from zero: 0.5 -> 1, 1.5 -> 2, -0.5 -> -1.
    case halfUp = "half-up"
    /// Ties go to the even neighbour (banker's rounding): 0.5 -> 0, 1.5 -> 2, 2.5 -> 2.
    case halfEven = "half-even"
    /// Towards negative infinity; used for lower bounds, never for an amount that falls due.
    case down
    /// Towards positive infinity; used for upper bounds, never for an amount that falls due.
    case up

    /// The integer nearest to `numerator / denominator` under this rule.
    ///
    /// Exact for every representable input: the remainder is compared against the divisor,
    /// never against a halved (and so possibly truncated) divisor.
    /// - Precondition: `denominator != 0`.
    @inlinable
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator != 0, "division by zero in Rounding.divide(\(numerator), by: 0)")
        if numerator >= 0 && denominator > 0 && denominator <= Int128(UInt64.max) {
            // The common case (interest, fees): a 128-by-64-bit hardware division.
            let wide = UInt128(numerator)
            if let quotient = divide(high: UInt64(truncatingIfNeeded: wide >> 64), low: UInt64(truncatingIfNeeded: wide),
                                     by: UInt64(denominator)) {
                return Int128(quotient)
            }
        }
        let (truncated, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        var quotient = truncated
        if remainder == 0 { return quotient }
        // The exact quotient lies strictly between quotient and quotient + direction.
        let direction: Int128 = (remainder < 0) != (denominator < 0) ? -1 : 1
        let twiceRemainder = remainder.magnitude * 2
        let divisor = denominator.magnitude
        switch self {
        case .halfUp:
            if twiceRemainder >= divisor { quotient += direction }
        case .halfEven:
            if twiceRemainder > divisor || (twiceRemainder == divisor && quotient % 2 != 0) {
                quotient += direction
            }
        case .down:
            if direction < 0 { quotient -= 1 }
        case .up:
            if direction > 0 { quotient += 1 }
        }
        return quotient
    }

    /// `a x b / divisor` rounded under this rule, with a 64x64->128-bit multiply and one
    /// 128/64-bit hardware division; nil when the quotient does not fit in 64 bits.
    @inlinable
    public func multiplyDivide(_ a: UInt64, _ b: UInt64, by divisor: UInt64) -> UInt64? {
        let (high, low) = a.multipliedFullWidth(by: b)
        return divide(high: high, low: low, by: divisor)
    }

    /// The 128-bit `high:low` divided by `divisor` and rounded under this rule; nil when the
    /// quotient does not fit in 64 bits.
    @inlinable
    public func divide(high: UInt64, low: UInt64, by divisor: UInt64) -> UInt64? {
        guard high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth((high: high, low: low))
        return round(quotient: quotient, remainder: remainder, divisor: divisor)
    }
}

extension Rounding {
    /// A loan schedule's rounding as a user or a file gives it: `half-up` or `half-even`, in
    /// any case (`down` and `up` bound estimates, and no amount that falls due is rounded so).
    public init(scheduleParsing text: String) throws(ParseError) {
        guard let rule = Rounding(rawValue: text.lowercased()), rule == .halfUp || rule == .halfEven else {
            throw ParseError(input: text, kind: "rounding", reason: "expected half-up or half-even")
        }
        self = rule
    }
}
