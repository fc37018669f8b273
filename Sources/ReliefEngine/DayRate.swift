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
        if fitsIn64, amount.fen >= 0, days >= 0, days <= Int(Int32.max) {
            let (high, low) = UInt64(amount.fen).multipliedFullWidth(by: numerator64 &* UInt64(days))
            if let fast = rounding.divide(high: high, low: low, by: denominator64), fast <= UInt64(Int64.max) {
                return Money(fen: Int64(fast))
            }
        }
        return wideInterest(on: amount, days: days, rounding: rounding)
    }

    /// The `Int128` path of `interest(on:days:rounding:)`: negative amounts, huge products.
    @usableFromInline @inline(never)
    func wideInterest(on amount: Money, days: Int, rounding: Rounding) -> Money {
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
