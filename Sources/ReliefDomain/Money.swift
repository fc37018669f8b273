/// An amount of Chinese yuan (CNY) held exactly as a whole number of fen (0.01 CNY).
///
/// Money never passes through binary floating point. Products and quotients go through
/// `Int128` and are rounded once, with the rule named at the call site
/// (see `Money.product(_:_:dividedBy:rounding:)`).
public struct Money: Hashable, Comparable, Sendable {
    /// The amount in fen; negative for a debit or a refund.
    public let fen: Int64

    @inlinable
    public init(fen: Int64) { self.fen = fen }

    /// Whole yuan, e.g. `Money(yuan: 1_000_000)`; traps past the representable range (a bug).
    public init(yuan: Int64) {
        let (fen, overflow) = yuan.multipliedReportingOverflow(by: 100)
        precondition(!overflow, "Money(yuan: \(yuan)) overflows Int64 fen")
        self.fen = fen
    }

    /// Inlinable rather than a stored global: hot loops then skip the global's lazy-initialization check.
    @inlinable public static var zero: Money { Money(fen: 0) }

    /// The largest amount the tool accepts anywhere (CNY 10 trillion): far above any loan or
    /// fund, yet low enough that `amount x rate x days` fits comfortably in `Int128`.
    public static let limit = Money(fen: 1_000_000_000_000_000)

    @inlinable public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    @inlinable
    public static func + (lhs: Money, rhs: Money) -> Money {
        let (sum, overflow) = lhs.fen.addingReportingOverflow(rhs.fen)
        precondition(!overflow, "Money overflow: \(lhs.fen) + \(rhs.fen) fen")
        return Money(fen: sum)
    }

    @inlinable
    public static func - (lhs: Money, rhs: Money) -> Money {
        let (difference, overflow) = lhs.fen.subtractingReportingOverflow(rhs.fen)
        precondition(!overflow, "Money overflow: \(lhs.fen) - \(rhs.fen) fen")
        return Money(fen: difference)
    }

    @inlinable public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    @inlinable public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }
    @inlinable public static prefix func - (value: Money) -> Money { Money(fen: -value.fen) }

    public var isNegative: Bool { fen < 0 }
    public var isZero: Bool { fen == 0 }

    /// `amount x numerator / denominator` to the fen, computed exactly in `Int128` and rounded
    /// once under `rounding`.
    @inlinable
    public func scaled(by numerator: Int128, dividedBy denominator: Int128, rounding: Rounding) -> Money {
        if fen >= 0, numerator >= 0, numerator <= Int128(UInt64.max), denominator > 0, denominator <= Int128(UInt64.max),
           let fast = rounding.multiplyDivide(UInt64(fen), UInt64(numerator), by: UInt64(denominator)),
           fast <= UInt64(Int64.max) {
            return Money(fen: Int64(fast))
        }
        let exact = Int128(fen) * numerator
        let rounded = rounding.divide(exact, by: denominator)
        precondition(rounded >= Int128(Int64.min) && rounded <= Int128(Int64.max),
                     "Money.scaled overflows: \(fen) x \(numerator) / \(denominator)")
        return Money(fen: Int64(rounded))
    }
}
