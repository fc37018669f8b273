import BigInt
import ReliefDomain

/// The level installment of an annuity (等额本息), `M = P i (1+i)^n / ((1+i)^n - 1)` with
/// `i = annual / 12`, exact and rounded once (RULES.md section 2).
///
/// Computing `(1+i)^n` exactly needs numbers of thousands of bits, which costs microseconds
/// per loan. So the payment is first bracketed with 128-bit binary fixed point (88
/// fraction bits, about 26 significant decimal digits), rounding every step down for the
/// lower bound and up for the upper bound. When both bounds round to the same fen — every
/// case but an exact or near half-fen tie — that fen is the exact answer. Otherwise the
/// payment is computed as an exact big-integer rational. Either way the result equals
/// rounding the true value once.
///
/// Everything but the last step depends on the rate and the term only, not on the
/// principal: `Factor` holds that part (the bracket of `(1+i)^n / ((1+i)^n - 1)`), so that a
/// caller pricing many loans at the same rate and term computes it once
/// (`ScheduleCalculator.Memo`) and each payment then costs two multiplications and two
/// divisions.
public enum AnnuityPayment {
    /// The installment `M` for `principal` over `months` at `annualRate`; at rate 0,
    /// `principal / months`. Rounded once under `rounding`.
    public static func payment(principal: Money, annualRate: Rate, months: Int,
                               rounding: Rounding = .halfUp) -> Money {
        precondition(months > 0 && principal.fen >= 0 && annualRate.units >= 0,
                     "annuity of \(principal) over \(months) months at \(annualRate)")
        if annualRate.units == 0 {
            return principal.scaled(by: 1, dividedBy: Int128(months), rounding: rounding)
        }
        return Factor(annualRate: annualRate, months: months).payment(principal: principal, rounding: rounding)
    }

    /// The principal-independent part of an annuity at a positive rate over a term: the
    /// growth factor `G = Q / (Q - 1)`, `Q = (1 + i)^n`, bracketed in binary fixed point, and
    /// from it the payment per fen of principal, `c = i G`, bracketed with 64 fraction bits.
    public struct Factor: Hashable, Sendable {
        public let annualRate: Rate
        public let months: Int
        /// Lower and upper bounds of `G x 2^88`; both 0 when an intermediate does not fit in
        /// 128 bits (every payment then takes the exact path).
        let gLow: UInt128
        let gHigh: UInt128
        /// Lower and upper bounds of `c x 2^64` (`floor` of a lower bound of `G`, `ceil` of
        /// an upper one); both 0 when unavailable or too wide for the one-multiplication path.
        let cLow: UInt128
        let cHigh: UInt128

        /// - Precondition: `annualRate > 0`, `months > 0`.
        public init(annualRate: Rate, months: Int) {
            precondition(months > 0 && annualRate.units > 0, "annuity factor over \(months) months at \(annualRate)")
            self.annualRate = annualRate
            self.months = months
            let bounds = AnnuityPayment.growthBounds(annualRate: annualRate, months: months)
            self.gLow = bounds?.low ?? 0
            self.gHigh = bounds?.high ?? 0
            // c x 2^64 = units x G x 2^64 / D = (units x 2^64) x (G x 2^88) / 2^88 / D; the
            // inner shift by 88 is multiplyShift, rounded the bound's way, then the division
            // by D is rounded the same way (floor(floor(x) / D) = floor(x / D), and so for ceil).
            let scaledUnits = UInt128(annualRate.units) << 64
            if let bounds,
               let low = AnnuityPayment.multiplyShift(scaledUnits, bounds.low, roundingUp: false),
               let high = AnnuityPayment.multiplyShift(scaledUnits, bounds.high, roundingUp: true) {
                let (highQuotient, highRemainder) = high.quotientAndRemainder(dividingBy: AnnuityPayment.monthlyDenominator)
                let cHigh = highQuotient + (highRemainder == 0 ? 0 : 1)
                // Below 2^65 (c < 2: any rate the tool accepts), so that P x c fits in 128 bits
                // for every principal below 2^62.
                let usable = cHigh < UInt128(1) << 65
                self.cLow = usable ? low / AnnuityPayment.monthlyDenominator : 0
                self.cHigh = usable ? cHigh : 0
            } else {
                self.cLow = 0
                self.cHigh = 0
            }
        }

        /// The installment for `principal`, rounded once under `rounding`: from the bracket
        /// when both bounds give the same fen, else from the exact rational.
        ///
        /// The exact payment lies between `P x cLow` and `P x cHigh` (over 2^64), and rounding
        /// is monotone: when both bounds round to the same fen, so does the payment.
        public func payment(principal: Money, rounding: Rounding) -> Money {
            precondition(principal.fen >= 0, "annuity of \(principal)")
            if cHigh != 0 && principal.fen < 1 << 62 {
                let low = AnnuityPayment.roundFixedPoint(UInt128(principal.fen) * cLow, rounding)
                let high = AnnuityPayment.roundFixedPoint(UInt128(principal.fen) * cHigh, rounding)
                if low == high, let fen = Int64(exactly: low) { return Money(fen: fen) }
            }
            if gHigh != 0, let fast = AnnuityPayment.bracketed(principal: principal, annualRate: annualRate,
                                                               gLow: gLow, gHigh: gHigh, rounding: rounding) {
                return fast
            }
            return AnnuityPayment.exact(principal: principal, annualRate: annualRate, months: months, rounding: rounding)
        }
    }

    /// A value with 64 fraction bits rounded to an integer under `rounding`.
    static func roundFixedPoint(_ value: UInt128, _ rounding: Rounding) -> UInt128 {
        let whole = value >> 64
        let fraction = UInt64(truncatingIfNeeded: value)
        let half: UInt64 = 1 << 63
        let up: Bool
        switch rounding {
        case .down: up = false
        case .up: up = fraction != 0
        case .halfUp: up = fraction >= half
        case .halfEven: up = fraction > half || (fraction == half && whole & 1 == 1)
        }
        return up ? whole + 1 : whole
    }

    /// `12 x Rate.scale`: the denominator of the monthly rate `i = units / monthlyDenominator`.
    static let monthlyDenominator = UInt128(12) * UInt128(Rate.scale)
    static let fractionBits = 88
    static let one = UInt128(1) << fractionBits

    /// Bounds of `G = Q / (Q - 1)` in fixed point (`x 2^88`), `Q = (1 + i)^n`, every step
    /// rounded down for the lower bound and up for the upper bound; nil on overflow.
    static func growthBounds(annualRate: Rate, months: Int) -> (low: UInt128, high: UInt128)? {
        let rateUnits = UInt128(annualRate.units)
        // q = 1 + i, bracketed.
        guard let (iFloor, iRemainder) = shiftedQuotient(rateUnits, by: monthlyDenominator) else { return nil }
        let qLow = one + iFloor
        let qHigh = qLow + (iRemainder == 0 ? 0 : 1)
        // Q = q^n, bracketed.
        guard let powerLow = power(qLow, months, roundingUp: false),
              let powerHigh = power(qHigh, months, roundingUp: true),
              powerLow > one else { return nil }
        // G = Q / (Q - 1) falls as Q rises: the low bound comes from the high power.
        guard let (gLow, _) = shiftedQuotient(powerHigh, by: powerHigh - one),
              let (gHighFloor, gHighRemainder) = shiftedQuotient(powerLow, by: powerLow - one) else { return nil }
        return (gLow, gHighFloor + (gHighRemainder == 0 ? 0 : 1))
    }

    /// `M = P x units x G / (monthlyDenominator x 2^88)` from both bounds of `G`, when they
    /// round to the same fen; nil otherwise.
    static func bracketed(principal: Money, annualRate: Rate, gLow: UInt128, gHigh: UInt128, rounding: Rounding) -> Money? {
        let scaledPrincipal = UInt128(principal.fen) * UInt128(annualRate.units)
        guard let numeratorLow = multiplyShift(scaledPrincipal, gLow, roundingUp: false),
              let numeratorHigh = multiplyShift(scaledPrincipal, gHigh, roundingUp: true),
              numeratorHigh <= UInt128(Int128.max) else { return nil }
        let low = rounding.divide(high: UInt64(truncatingIfNeeded: numeratorLow >> 64), low: UInt64(truncatingIfNeeded: numeratorLow),
                                  by: monthlyDivisor)
        let high = rounding.divide(high: UInt64(truncatingIfNeeded: numeratorHigh >> 64), low: UInt64(truncatingIfNeeded: numeratorHigh),
                                   by: monthlyDivisor)
        // nil: a payment past 64 bits, which no loan within the limits comes near.
        guard let low, let high, low == high, let fen = Int64(exactly: low) else { return nil }
        return Money(fen: fen)
    }

    /// `monthlyDenominator` prepared for the two divisions of every payment.
    static let monthlyDivisor = InvariantDivisor(UInt64(monthlyDenominator))

    /// `(value << fractionBits) / divisor` with its remainder, or nil when it overflows.
    static func shiftedQuotient(_ value: UInt128, by divisor: UInt128) -> (UInt128, UInt128)? {
        let wide = value.multipliedFullWidth(by: one)
        guard wide.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(wide)
        return (quotient, remainder)
    }

    /// `(a x b) >> fractionBits`, rounded down or up, or nil when it overflows.
    static func multiplyShift(_ a: UInt128, _ b: UInt128, roundingUp: Bool) -> UInt128? {
        let (high, low) = a.multipliedFullWidth(by: b)
        guard high >> fractionBits == 0 else { return nil }
        var result = (high << (128 - fractionBits)) | (low >> fractionBits)
        if roundingUp && low & (one - 1) != 0 {
            guard result < UInt128.max else { return nil }
            result += 1
        }
        return result
    }

    /// `base^exponent` in fixed point by squaring, every product rounded the same way.
    static func power(_ base: UInt128, _ exponent: Int, roundingUp: Bool) -> UInt128? {
        var result = one
        var factor = base
        var remaining = exponent
        while true {
            if remaining & 1 == 1 {
                guard let next = multiplyShift(result, factor, roundingUp: roundingUp) else { return nil }
                result = next
            }
            remaining >>= 1
            if remaining == 0 { return result }
            guard let squared = multiplyShift(factor, factor, roundingUp: roundingUp) else { return nil }
            factor = squared
        }
    }

    /// The exact rational `P R (D+R)^n / (D ((D+R)^n - D^n))` with `D = 12 x scale` and
    /// `R` the rate in units, rounded once. Slow (big integers); the reference for the fast path.
    public static func exact(principal: Money, annualRate: Rate, months: Int, rounding: Rounding) -> Money {
        let d = BigUInt(monthlyDenominator)
        let r = BigUInt(annualRate.units)
        let grown = (d + r).power(months)
        let numerator = BigUInt(principal.fen) * r * grown
        let denominator = d * (grown - d.power(months))
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let twice = remainder * 2
        var fen = quotient
        switch rounding {
        case .halfUp: if twice >= denominator { fen += 1 }
        case .halfEven: if twice > denominator || (twice == denominator && quotient % 2 == 1) { fen += 1 }
        case .down: break
        case .up: if remainder != 0 { fen += 1 }
        }
        guard let value = Int64(exactly: fen) else {
            preconditionFailure("annuity payment \(fen) fen overflows Int64")
        }
        return Money(fen: value)
    }
}
