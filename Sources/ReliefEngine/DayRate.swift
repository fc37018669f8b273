import ReliefDomain

/// An annual rate (optionally raised by a penalty uplift) divided by its year basis, as an
/// exact reduced fraction: interest for `d` days on `amount` is `amount x numerator x d / denominator`.
///
/// Reducing once per loan lets every installment's interest run as one 64x64-bit multiply
/// and one 128/64-bit division by a prepared (`InvariantDivisor`) denominator; it falls back
/// to `Int128` arithmetic when a reduced term does not fit in 64 bits. Either way the result
/// is the exact quotient rounded once.
public struct DayRate: Hashable, Sendable {
    public let numerator: Int128
    public let denominator: Int128
    /// Whether `numerator x days` and `denominator` fit in 64 bits for any term (numerator
    /// below 2^32, days below 2^31), so that the 64-bit fields below hold the fraction.
    @usableFromInline let fitsIn64: Bool
    @usableFromInline let numerator64: UInt64
    @usableFromInline let denominator64: InvariantDivisor

    /// `annual x (1 + uplift) / yearBasisDays`.
    public init(annual: Rate, uplift: Rate? = nil, yearBasisDays: Int64) {
        precondition(annual.units >= 0 && yearBasisDays > 0 && (uplift?.units ?? 0) >= 0,
                     "DayRate(\(annual), uplift: \(String(describing: uplift)), basis: \(yearBasisDays))")
        var numerator = Int128(annual.units)
        var denominator = Int128(Rate.scale) * Int128(yearBasisDays)
        if let uplift {
            numerator *= Int128(Rate.scale) + Int128(uplift.units)
            denominator *= Int128(Rate.scale)
        }
        let divisor = DayRate.greatestCommonDivisor(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
        let fits = self.numerator < Int128(UInt32.max) && self.denominator <= Int128(UInt64.max)
        self.fitsIn64 = fits
        self.numerator64 = fits ? UInt64(self.numerator) : 0
        self.denominator64 = InvariantDivisor(fits ? UInt64(self.denominator) : 1)
    }

    /// Interest on `amount` for `days` days, rounded once under `rounding`.
    @inlinable @inline(__always)
    public func interest(on amount: Money, days: Int, rounding: Rounding) -> Money {
        rounded(rounding).interest(on: amount, days: days)
    }

    /// This rate with its rounding rule fixed, for many interest computations in a row.
    @inlinable @inline(__always)
    public func rounded(_ rounding: Rounding) -> Rounded {
        Rounded(rate: self, rounding: rounding)
    }

    /// A day rate with its rounding rule: each interest is one 64x64-bit multiplication and
    /// one prepared division (`InvariantDivisor`) with the rounding folded in as a bias
    /// (`RoundedDivisor`), and with the divisor's normalizing shift folded into the
    /// multiplier, so that no shift is left per computation.
    ///
    /// `amount x numerator x days x 2^s` is the dividend shifted left by `s`, the shift that
    /// sets the divisor's top bit; it is exact as long as `numerator x days x 2^s` fits in 64
    /// bits, which holds for every term the tool accepts at any rate up to hundreds of
    /// percent. Anything else (and half-even rounding, whose ties need one more test) takes
    /// the general path, with the same result.
    public struct Rounded: Sendable {
        /// The denominator shifted so that its top bit is set, and its reciprocal (`InvariantDivisor`).
        @usableFromInline let normalizedDenominator: UInt64
        @usableFromInline let reciprocal: UInt64
        /// `numerator x 2^shift`.
        @usableFromInline let shiftedNumerator: UInt64
        /// The rounding bias (`RoundedDivisor`) `x 2^shift`.
        @usableFromInline let shiftedBias: UInt64
        /// Days at or above it take the general path: `Int32.max` (as `DayRate` has it), or 0
        /// when the rate does not fit in 64 bits or the rounding is half-even.
        @usableFromInline let daysLimit: UInt
        public let rounding: Rounding
        @usableFromInline let numerator: Int128
        @usableFromInline let denominator: Int128

        @inlinable
        init(rate: DayRate, rounding: Rounding) {
            let divisor = RoundedDivisor(rate.denominator64, rounding: rounding)
            let shift = divisor.divisor.shift
            normalizedDenominator = divisor.divisor.normalized
            reciprocal = divisor.divisor.reciprocal
            self.rounding = rounding
            numerator = rate.numerator
            denominator = rate.denominator
            // numerator64 <= divisor keeps the shifted numerator within 64 bits (a day rate is
            // far below 1 whenever the tool uses it).
            let fits = rate.fitsIn64 && rate.numerator64 <= rate.denominator64.divisor && rounding != .halfEven
            shiftedNumerator = fits ? rate.numerator64 &<< shift : 0
            shiftedBias = divisor.bias &<< shift
            daysLimit = fits ? UInt(Int32.max) : 0
        }

        /// Interest on `amount` for `days` days, rounded once.
        @inlinable @inline(__always)
        public func interest(on amount: Money, days: Int) -> Money {
            if amount.fen >= 0, UInt(bitPattern: days) < daysLimit {
                let (multiplier, overflow) = shiftedNumerator.multipliedReportingOverflow(by: UInt64(truncatingIfNeeded: days))
                let (high, low) = UInt64(truncatingIfNeeded: amount.fen).multipliedFullWidth(by: multiplier)
                // high < normalized denominator: the quotient fits in 64 bits (and, with the
                // bias, the sum's high word stays below 2^64).
                if !overflow && high < normalizedDenominator {
                    let (biasedLow, carry) = low.addingReportingOverflow(shiftedBias)
                    let biasedHigh = high &+ (carry ? 1 : 0)
                    if biasedHigh < normalizedDenominator {
                        let quotient = InvariantDivisor.quotientAndRemainder(
                            normalizedHigh: biasedHigh, normalizedLow: biasedLow,
                            normalized: normalizedDenominator, reciprocal: reciprocal).quotient
                        if quotient <= UInt64(Int64.max) { return Money(fen: Int64(quotient)) }
                    }
                }
            }
            return DayRate.generalInterest(on: amount, days: days, numerator: numerator, denominator: denominator,
                                           rounding: rounding)
        }
    }

    /// Interest by the general path (`Money.scaled`: a 64-bit division when the terms fit,
    /// else `Int128`). Static, taking the two terms: a call on `self` would copy the rate first.
    @usableFromInline @inline(never)
    static func generalInterest(on amount: Money, days: Int, numerator: Int128, denominator: Int128, rounding: Rounding) -> Money {
        amount.scaled(by: numerator * Int128(days), dividedBy: denominator, rounding: rounding)
    }

    static func greatestCommonDivisor(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 {
            if x <= UInt128(UInt64.max) && y <= UInt128(UInt64.max) {
                // Finish in 64 bits: a hardware division per step.
                var (p, q) = (UInt64(x), UInt64(y))
                while q != 0 { (p, q) = (q, p % q) }
                return p == 0 ? 1 : Int128(p)
            }
            (x, y) = (y, x % y)
        }
        return x == 0 ? 1 : Int128(x)
    }
}
