import ReliefDomain
import ReliefTestSupport
import Testing

/// The prepared (Möller-Granlund) division against plain 128-bit integer division, an
/// independent method: quotient, remainder and every rounding rule.
@Suite struct InvariantDivisorTests {
    /// `high:low / divisor` rounded under `rule` with `UInt128` division, or nil when the
    /// rounded quotient does not fit in 64 bits.
    static func reference(_ high: UInt64, _ low: UInt64, _ divisor: UInt64, _ rule: Rounding) -> UInt64? {
        let n = UInt128(high) << 64 | UInt128(low)
        let d = UInt128(divisor)
        var q = n / d
        let r = n % d
        switch rule {
        case .down: break
        case .up: if r != 0 { q += 1 }
        case .halfUp: if 2 * r >= d { q += 1 }
        case .halfEven: if 2 * r > d || (2 * r == d && q % 2 == 1) { q += 1 }
        }
        return UInt64(exactly: q)
    }

    /// Divisors of every size, with the edges: 1, 2, powers of two and their neighbours, the
    /// daily-rate denominators the engine uses, and UInt64.max.
    static func divisors(_ generator: inout SeededGenerator) -> [UInt64] {
        var list: [UInt64] = [1, 2, 3, 7, 10, 12, 360, 365, 3_600_000_000_000, 3_650_000_000_000,
                              120_000_000_000, 1 << 32, (1 << 32) - 1, (1 << 32) + 1, 1 << 63, (1 << 63) - 1,
                              (1 << 63) + 1, UInt64.max, UInt64.max - 1]
        for bits in 1...64 {
            let top: UInt64 = bits == 64 ? UInt64.max : (1 << bits) - 1
            list.append(UInt64.random(in: 1...top, using: &generator))
        }
        return list
    }

    @Test func quotientAndRemainderEqualIntegerDivision() {
        var generator = SeededGenerator(seed: 2_011_0202)
        for divisor in InvariantDivisorTests.divisors(&generator) {
            let prepared = InvariantDivisor(divisor)
            for step in 0..<300 {
                // The high word below the divisor (the quotient fits); its largest value and 0 too.
                let high: UInt64 = step == 0 ? 0 : step == 1 ? divisor - 1 : UInt64.random(in: 0...(divisor - 1), using: &generator)
                let low: UInt64 = step == 2 ? UInt64.max : UInt64.random(in: 0...UInt64.max, using: &generator)
                let expected = divisor.dividingFullWidth((high: high, low: low))
                let actual = prepared.quotientAndRemainder(high: high, low: low)
                #expect(actual?.quotient == expected.quotient && actual?.remainder == expected.remainder,
                        "\(high):\(low) / \(divisor)")
            }
            // A high word at or above the divisor: the quotient would not fit.
            #expect(prepared.quotientAndRemainder(high: divisor, low: 0) == nil)
        }
    }

    @Test func roundedQuotientsEqualTheReference() {
        var generator = SeededGenerator(seed: 2_011_0203)
        for divisor in InvariantDivisorTests.divisors(&generator) {
            let prepared = InvariantDivisor(divisor)
            for rule in Rounding.allCases {
                let rounded = RoundedDivisor(prepared, rounding: rule)
                for step in 0..<200 {
                    let high = step < 2 ? divisor - 1 : UInt64.random(in: 0...(divisor - 1), using: &generator)
                    var low = UInt64.random(in: 0...UInt64.max, using: &generator)
                    if step % 4 == 1 {
                        // An exact half (even divisors) or the nearest to one: n = q d + floor(d/2).
                        let n = (UInt128(high) << 64 | UInt128(low)) / UInt128(divisor) * UInt128(divisor) + UInt128(divisor / 2)
                        if n >> 64 < UInt128(divisor) { low = UInt64(truncatingIfNeeded: n) }
                        let nHigh = UInt64(truncatingIfNeeded: n >> 64)
                        if nHigh < divisor {
                            #expect(rounded.quotient(high: nHigh, low: low) == InvariantDivisorTests.reference(nHigh, low, divisor, rule),
                                    "tie \(nHigh):\(low) / \(divisor) \(rule)")
                        }
                        continue
                    }
                    let expected = InvariantDivisorTests.reference(high, low, divisor, rule)
                    #expect(rounded.quotient(high: high, low: low) == expected, "\(high):\(low) / \(divisor) \(rule)")
                    #expect(rule.divide(high: high, low: low, by: prepared) == expected)
                    #expect(rule.divide(high: high, low: low, by: divisor) == expected)
                }
            }
        }
    }

    /// Half-even ties go to the even neighbour, half-up ties away from zero; a rounded
    /// quotient past 64 bits is refused.
    @Test func tiesAndOverflow() {
        let ten = RoundedDivisor(InvariantDivisor(10), rounding: .halfEven)
        #expect(ten.quotient(high: 0, low: 25) == 2)
        #expect(ten.quotient(high: 0, low: 35) == 4)
        #expect(ten.quotient(high: 0, low: 26) == 3)
        #expect(RoundedDivisor(InvariantDivisor(10), rounding: .halfUp).quotient(high: 0, low: 25) == 3)
        #expect(RoundedDivisor(InvariantDivisor(2), rounding: .halfEven).quotient(high: 0, low: 1) == 0)
        #expect(RoundedDivisor(InvariantDivisor(2), rounding: .halfEven).quotient(high: 0, low: 3) == 2)
        // (2^64 - 1) x 2 + 1 over 2: floor is UInt64.max, half-up would need 2^64.
        let two = InvariantDivisor(2)
        #expect(RoundedDivisor(two, rounding: .down).quotient(high: 1, low: UInt64.max) == UInt64.max)
        #expect(RoundedDivisor(two, rounding: .halfUp).quotient(high: 1, low: UInt64.max) == nil)
        #expect(RoundedDivisor(two, rounding: .up).quotient(high: 1, low: UInt64.max) == nil)
        #expect(RoundedDivisor(two, rounding: .halfEven).quotient(high: 1, low: UInt64.max) == nil)
        #expect(RoundedDivisor(two, rounding: .down).quotient(high: 2, low: 0) == nil)
    }
}
