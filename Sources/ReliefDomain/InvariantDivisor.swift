/// A 64-bit divisor prepared once for many exact divisions of 128-bit numbers by it.
///
/// Dividing by the same denominator thousands of times (a loan's daily rate, installment
/// after installment) need not pay for a hardware division each time. This is the "2/1
/// division by an invariant integer" of N. Möller and T. Granlund, *Improved division by
/// invariant integers*, IEEE Transactions on Computers 60(2), 2011, algorithm 4: the divisor
/// is shifted so that its top bit is set, its reciprocal `floor((2^128 - 1) / d) - 2^64` is
/// computed once, and each quotient then costs two 64x64-bit multiplications and at most two
/// corrections. The quotient and remainder are exact (the same as `dividingFullWidth`).
public struct InvariantDivisor: Hashable, Sendable {
    /// The divisor as given (not shifted).
    public let divisor: UInt64
    /// Leading zero bits of `divisor`: the shift that normalizes it.
    public let shift: UInt64
    /// `divisor << shift`, whose top bit is set.
    public let normalized: UInt64
    /// `floor((2^128 - 1) / normalized) - 2^64`.
    public let reciprocal: UInt64

    /// - Precondition: `divisor > 0`.
    public init(_ divisor: UInt64) {
        precondition(divisor > 0, "InvariantDivisor(0): division by zero")
        self.divisor = divisor
        let shift = UInt64(divisor.leadingZeroBitCount)
        let normalized = divisor << shift
        self.shift = shift
        self.normalized = normalized
        // (2^128 - 1) - normalized x 2^64 has high word ~normalized < normalized: the
        // quotient fits in 64 bits.
        self.reciprocal = normalized.dividingFullWidth((high: ~normalized, low: UInt64.max)).quotient
    }

    /// The quotient and remainder of the 128-bit `high:low` by `divisor`, exactly;
    /// nil when the quotient does not fit in 64 bits (`high >= divisor`).
    @inlinable @inline(__always)
    public func quotientAndRemainder(high: UInt64, low: UInt64) -> (quotient: UInt64, remainder: UInt64)? {
        guard high < divisor else { return nil }
        // Normalize the dividend with the divisor; high < divisor keeps the shifted high word
        // below the normalized divisor. (A shift by 64 would not be 0 in Swift's masking
        // shifts, hence the two-step right shift.)
        let u1 = (high &<< shift) | ((low >> 1) &>> (63 &- shift))
        let u0 = low &<< shift
        let (quotient, remainder) = quotientAndRemainder(normalizedHigh: u1, normalizedLow: u0)
        return (quotient, remainder &>> shift)
    }

    /// The quotient of `(high:low) / 2^shift` by `divisor`, for a dividend already shifted
    /// left by `shift` (`high < normalized`), and the remainder shifted the same way.
    /// Callers that can fold the shift into a multiplier skip two shifts per division.
    @inlinable @inline(__always)
    public func quotientAndRemainder(normalizedHigh u1: UInt64, normalizedLow u0: UInt64)
        -> (quotient: UInt64, normalizedRemainder: UInt64) {
        InvariantDivisor.quotientAndRemainder(normalizedHigh: u1, normalizedLow: u0, normalized: normalized, reciprocal: reciprocal)
    }

    /// The same with the divisor's two prepared words passed apart, for callers that keep
    /// them in a compact form of their own (`reciprocal` as `InvariantDivisor` computed it).
    @inlinable @inline(__always)
    public static func quotientAndRemainder(normalizedHigh u1: UInt64, normalizedLow u0: UInt64,
                                            normalized d: UInt64, reciprocal: UInt64)
        -> (quotient: UInt64, normalizedRemainder: UInt64) {
        // Möller-Granlund algorithm 4.
        let product = reciprocal.multipliedFullWidth(by: u1)
        let (sumLow, carry) = product.low.addingReportingOverflow(u0)
        var q1 = product.high &+ u1 &+ 1 &+ (carry ? 1 : 0)
        let q0 = sumLow
        var r = u0 &- q1 &* d
        if r > q0 {
            q1 &-= 1
            r &+= d
        }
        if r >= d {
            q1 &+= 1
            r &-= d
        }
        return (q1, r)
    }
}

/// A prepared divisor together with a rounding rule: the rounded quotient of `n / d` as
/// `floor((n + bias) / d)` with one prepared division and no remainder test.
///
/// For `n >= 0` and `d > 0`: half-up is `floor((n + floor(d/2)) / d)` (the remainder `r`
/// carries over exactly when `r >= d - floor(d/2)`, that is `2r >= d`); up is
/// `floor((n + d - 1) / d)`; down is `floor(n / d)`. Half-even is half-up except at an exact
/// tie (`d` even, `r = d/2`, seen as a zero remainder of the biased division) whose biased
/// quotient is odd: that one goes back down to the even neighbour.
public struct RoundedDivisor: Hashable, Sendable {
    public let divisor: InvariantDivisor
    public let rounding: Rounding
    public let bias: UInt64
    /// Half-even with an even divisor: the only case with ties to correct.
    public let correctsTies: Bool

    @inlinable
    public init(_ divisor: InvariantDivisor, rounding: Rounding) {
        self.divisor = divisor
        self.rounding = rounding
        switch rounding {
        case .halfUp, .halfEven: bias = divisor.divisor >> 1
        case .up: bias = divisor.divisor - 1
        case .down: bias = 0
        }
        correctsTies = rounding == .halfEven && divisor.divisor & 1 == 0
    }

    /// The 128-bit `high:low` divided by the divisor and rounded; nil when the rounded
    /// quotient does not fit in 64 bits. Equal to `rounding.divide(high:low:by: divisor.divisor)`.
    @inlinable @inline(__always)
    public func quotient(high: UInt64, low: UInt64) -> UInt64? {
        // high < divisor <= UInt64.max, so adding the carry cannot wrap; a biased sum whose
        // quotient passes 64 bits (high word = divisor) is refused by quotientAndRemainder.
        guard high < divisor.divisor else { return nil }
        let (biasedLow, carry) = low.addingReportingOverflow(bias)
        guard let (quotient, remainder) = divisor.quotientAndRemainder(high: high &+ (carry ? 1 : 0), low: biasedLow) else {
            return nil
        }
        if correctsTies && remainder == 0 && quotient & 1 == 1 { return quotient &- 1 }
        return quotient
    }
}

extension Rounding {
    /// The 128-bit `high:low` divided by a prepared divisor and rounded under this rule; nil
    /// when the quotient does not fit in 64 bits. Equal to `divide(high:low:by: divisor.divisor)`.
    @inlinable @inline(__always)
    public func divide(high: UInt64, low: UInt64, by divisor: InvariantDivisor) -> UInt64? {
        RoundedDivisor(divisor, rounding: self).quotient(high: high, low: low)
    }

    /// `quotient + 1` or `quotient` as this rule decides from the exact `remainder`
    /// (`remainder < divisor`); nil when rounding up overflows 64 bits.
    @inlinable @inline(__always)
    public func round(quotient: UInt64, remainder: UInt64, divisor: UInt64) -> UInt64? {
        if remainder == 0 { return quotient }
        // remainder < divisor, so "2 x remainder >= divisor" is "remainder >= divisor - remainder".
        let rest = divisor &- remainder
        let up: Bool
        switch self {
        case .halfUp: up = remainder >= rest
        case .halfEven: up = remainder > rest || (remainder == rest && quotient & 1 == 1)
        case .down: up = false
        case .up: up = true
        }
        if !up { return quotient }
        let (rounded, overflow) = quotient.addingReportingOverflow(1)
        return overflow ? nil : rounded
    }
}
