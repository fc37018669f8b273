/// An exact rate (annual interest, daily fee, penalty uplift) as a fixed-point decimal.
///
/// Stored as an integer count of `1 / Rate.scale`, so `4.35%` is exactly `435_000_000`
/// units and no binary floating point is involved. Ten decimals of the fraction (eight of
/// the percentage) hold every rate a contract or notice states; finer input is refused,
/// not rounded.
public struct Rate: Hashable, Comparable, Sendable {
    /// Units per 1 (100%). 10^10: `amount(1e15 fen) x rate(1e10) x uplift(2e10) x days(1e5)`
    /// still fits in `Int128`.
    public static let scale: Int64 = 10_000_000_000
    /// Decimals of the fraction that `scale` can hold.
    public static let fractionDecimals = 10

    /// The rate in units of `1 / scale`.
    public let units: Int64

    @inlinable public init(units: Int64) { self.units = units }

    /// `Rate(percent: 435, per: 100)` is 4.35%; exact when the result has at most ten
    /// decimals of the fraction; traps otherwise (a bug in a literal).
    public init(percent numerator: Int64, per denominator: Int64 = 1) {
        let scaled = Int128(numerator) * Int128(Rate.scale) / 100
        precondition(scaled % Int128(denominator) == 0, "Rate(percent: \(numerator), per: \(denominator)) is not exact")
        self.units = Int64(scaled / Int128(denominator))
    }

    public static let zero = Rate(units: 0)
    public static let one = Rate(units: scale)

    @inlinable public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.units < rhs.units }

    @inlinable public static func + (lhs: Rate, rhs: Rate) -> Rate { Rate(units: lhs.units + rhs.units) }

    public var isNegative: Bool { units < 0 }
}
