import ReliefDomain
import Testing

/// An independent rounding: floor division first (the code under test truncates toward
/// zero), then the rule decides between floor and floor + 1 from the exact remainder.
private func referenceDivide(_ numerator: Int128, _ denominator: Int128, _ rule: Rounding) -> Int128 {
    var n = numerator
    var d = denominator
    if d < 0 { n = -n; d = -d }
    var floor = n / d
    if n % d != 0 && n < 0 { floor -= 1 }
    let remainder = n - floor * d  // 0 <= remainder < d
    if remainder == 0 { return floor }
    switch rule {
    case .down: return floor
    case .up: return floor + 1
    case .halfUp:
        if 2 * remainder < d { return floor }
        if 2 * remainder > d { return floor + 1 }
        // An exact half: away from zero. floor + 1/2 is negative exactly when floor < 0.
        return floor >= 0 ? floor + 1 : floor
    case .halfEven:
        if 2 * remainder < d { return floor }
        if 2 * remainder > d { return floor + 1 }
        return floor % 2 == 0 ? floor : floor + 1
    }
}

@Suite struct RoundingTests {
    @Test(arguments: [
        // (numerator, denominator, halfUp, halfEven, down, up)
        (Int128(5), Int128(2), Int128(3), Int128(2), Int128(2), Int128(3)),  // 2.5
        (15, 10, 2, 2, 1, 2),     // 1.5
        (25, 10, 3, 2, 2, 3),     // 2.5
        (35, 10, 4, 4, 3, 4),     // 3.5
        (1, 2, 1, 0, 0, 1),       // 0.5
        (-1, 2, -1, 0, -1, 0),    // -0.5
        (-5, 2, -3, -2, -3, -2),  // -2.5
        (-15, 10, -2, -2, -2, -1),// -1.5
        (-25, 10, -3, -2, -3, -2),// -2.5
        (5, -2, -3, -2, -3, -2),  // -2.5 with the sign on the divisor
        (-5, -2, 3, 2, 2, 3),     // 2.5 from two negatives
        (7, 3, 2, 2, 2, 3),       // 2.333...
        (8, 3, 3, 3, 2, 3),       // 2.666...
        (-7, 3, -2, -2, -3, -2),  // -2.333...
        (-8, 3, -3, -3, -3, -2),  // -2.666...
        (49, 100, 0, 0, 0, 1),    // 0.49
        (51, 100, 1, 1, 0, 1),    // 0.51
        (-49, 100, 0, 0, -1, 0),  // -0.49
        (6, 3, 2, 2, 2, 2),       // exact
        (-6, 3, -2, -2, -2, -2),  // exact
        (0, 7, 0, 0, 0, 0),
        // 10^20 + 5 over 10 = 10^19 + 0.5: the numerator passes 2^64, the quotient does not.
        (100_000_000_000_000_000_005, 10, 10_000_000_000_000_000_001, 10_000_000_000_000_000_000,
         10_000_000_000_000_000_000, 10_000_000_000_000_000_001),
        // 10^20 + 15 over 10 = 10^19 + 1.5.
        (100_000_000_000_000_000_015, 10, 10_000_000_000_000_000_002, 10_000_000_000_000_000_002,
         10_000_000_000_000_000_001, 10_000_000_000_000_000_002),
    ])
    func divides(numerator: Int128, denominator: Int128, halfUp: Int128, halfEven: Int128, down: Int128, up: Int128) {
        #expect(Rounding.halfUp.divide(numerator, by: denominator) == halfUp)
        #expect(Rounding.halfEven.divide(numerator, by: denominator) == halfEven)
        #expect(Rounding.down.divide(numerator, by: denominator) == down)
        #expect(Rounding.up.divide(numerator, by: denominator) == up)
    }

    /// A divisor past 2^64 takes the general path: 5 x 2^69 / 2^70 = 2.5 exactly.
    /// A schedule's rounding as given: half-up or half-even in any case, nothing else.
    @Test func scheduleRoundingsParse() throws {
        #expect(try Rounding(scheduleParsing: "half-up") == .halfUp)
        #expect(try Rounding(scheduleParsing: "Half-Even") == .halfEven)
        for text in ["up", "down", "half_even", "", " half-up"] {
            #expect(throws: ParseError.self, "\(text)") { try Rounding(scheduleParsing: text) }
        }
    }

    @Test func dividesByWideDivisors() {
        let divisor = Int128(1) << 70
        let tie = Int128(5) << 69
        #expect(Rounding.halfUp.divide(tie, by: divisor) == 3)
        #expect(Rounding.halfEven.divide(tie, by: divisor) == 2)
        #expect(Rounding.halfUp.divide(-tie, by: divisor) == -3)
        #expect(Rounding.halfEven.divide(-tie, by: divisor) == -2)
        // One below the tie: 2.4999... rounds down under both half rules.
        #expect(Rounding.halfUp.divide(tie - 1, by: divisor) == 2)
        #expect(Rounding.halfEven.divide(tie + 1, by: divisor) == 3)
    }

    /// Every rule on every small fraction, on both the 64-bit and the general path, against
    /// the floor-based reference.
    @Test(arguments: Rounding.allCases)
    func agreesWithTheReference(rule: Rounding) {
        var failures: [String] = []
        for n in Int128(-60)...60 {
            for d in Int128(-9)...9 where d != 0 {
                let cases: [(Int128, Int128)] = [
                    (n, d),
                    (n << 70, d << 70),           // the same value, divisor past 2^64
                    (n + d * (Int128(1) << 63), d) // shifted so the numerator passes 2^64 when d > 1
                ]
                for (numerator, denominator) in cases {
                    let actual = rule.divide(numerator, by: denominator)
                    let expected = referenceDivide(numerator, denominator, rule)
                    if actual != expected { failures.append("\(numerator)/\(denominator): \(actual) not \(expected)") }
                }
            }
        }
        let failureCount = failures.count
        #expect(failureCount == 0, "\(rule): \(failures.prefix(10))")
    }

    @Test func divisionByZeroTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Rounding.halfUp.divide(1, by: 0)
        }
    }

    // MARK: multiplyDivide

    @Test func multiplyDivideRoundsOnce() {
        // 3 x 5 / 2 = 7.5: 7 is odd, so half-even goes up too.
        #expect(Rounding.halfUp.multiplyDivide(3, 5, by: 2) == 8)
        #expect(Rounding.halfEven.multiplyDivide(3, 5, by: 2) == 8)
        // 5 x 5 / 2 = 12.5.
        #expect(Rounding.halfUp.multiplyDivide(5, 5, by: 2) == 13)
        #expect(Rounding.halfEven.multiplyDivide(5, 5, by: 2) == 12)
        #expect(Rounding.down.multiplyDivide(5, 5, by: 2) == 12)
        #expect(Rounding.up.multiplyDivide(5, 5, by: 2) == 13)
        #expect(Rounding.up.multiplyDivide(6, 5, by: 2) == 15)
        // The product passes 2^64 but the quotient fits: (2^64 - 1)^2 / (2^64 - 1).
        #expect(Rounding.halfUp.multiplyDivide(.max, .max, by: .max) == .max)
        #expect(Rounding.halfUp.multiplyDivide(.max, 2, by: 2) == .max)
    }

    @Test func multiplyDivideReportsQuotientsPastSixtyFourBits() {
        // (2^64 - 1) x 2 / 1 needs 65 bits.
        #expect(Rounding.halfUp.multiplyDivide(.max, 2, by: 1) == nil)
        // 7 x 15,811,494,920,322,472,813 = 6 x (2^64 - 1) + 1 (checked with Python integers):
        // the truncated quotient is UInt64.max with remainder 1/6; rounding up would overflow.
        let b: UInt64 = 15_811_494_920_322_472_813
        #expect(Rounding.halfUp.multiplyDivide(7, b, by: 6) == .max)
        #expect(Rounding.halfEven.multiplyDivide(7, b, by: 6) == .max)
        #expect(Rounding.down.multiplyDivide(7, b, by: 6) == .max)
        #expect(Rounding.up.multiplyDivide(7, b, by: 6) == nil)
    }

    // MARK: divide(high:low:by:), the 128-by-64-bit division

    @Test func dividesAWideValueBySixtyFourBits() {
        // 5 / 2 = 2.5 with an empty high word.
        #expect(Rounding.halfUp.divide(high: 0, low: 5, by: 2) == 3)
        #expect(Rounding.halfEven.divide(high: 0, low: 5, by: 2) == 2)
        #expect(Rounding.down.divide(high: 0, low: 5, by: 2) == 2)
        #expect(Rounding.up.divide(high: 0, low: 5, by: 2) == 3)
        let twoTo63: UInt64 = 9_223_372_036_854_775_808
        // 2^64 / 2 = 2^63 exactly.
        #expect(Rounding.up.divide(high: 1, low: 0, by: 2) == twoTo63)
        // (5 x 2^64 + 5) / 10 = 2^63 + 0.5: 2^63 is even.
        #expect(Rounding.halfUp.divide(high: 5, low: 5, by: 10) == twoTo63 + 1)
        #expect(Rounding.halfEven.divide(high: 5, low: 5, by: 10) == twoTo63)
        // (5 x 2^64 + 15) / 10 = 2^63 + 1.5.
        #expect(Rounding.halfEven.divide(high: 5, low: 15, by: 10) == twoTo63 + 2)
        // The largest divisor: (2^64 - 2) x 2^64 + (2^64 - 1) = (2^64 - 1)^2 + (2^64 - 2), so the
        // quotient is 2^64 - 1 with remainder 2^64 - 2, just under the divisor: up overflows.
        #expect(Rounding.down.divide(high: .max - 1, low: .max, by: .max) == .max)
        #expect(Rounding.halfUp.divide(high: .max - 1, low: .max, by: .max) == nil)
        // A high word at or past the divisor means a quotient of 65 bits or more.
        #expect(Rounding.down.divide(high: 2, low: 0, by: 2) == nil)
        #expect(Rounding.down.divide(high: 1, low: 0, by: 1) == nil)
    }

    /// Whenever its quotient fits, the wide division agrees with the reference.
    @Test(arguments: Rounding.allCases)
    func wideDivisionAgreesWithTheReference(rule: Rounding) {
        var failures: [String] = []
        for n in Int128(0)...60 {
            for d in Int128(1)...9 {
                for offset in [Int128(0), d * (Int128(1) << 63), d * ((Int128(1) << 64) - 1) - 1] {
                    let value = UInt128(n + offset)
                    let actual = rule.divide(high: UInt64(truncatingIfNeeded: value >> 64), low: UInt64(truncatingIfNeeded: value),
                                             by: UInt64(d))
                    let expected = referenceDivide(Int128(value), d, rule)
                    let fits = expected <= Int128(UInt64.max)
                    let agrees = fits ? actual.map({ Int128($0) }) == expected : actual == nil
                    if !agrees {
                        failures.append("\(value)/\(d): \(String(describing: actual)) not \(expected)")
                    }
                }
            }
        }
        let failureCount = failures.count
        #expect(failureCount == 0, "\(rule): \(failures.prefix(10))")
    }

    @Test func namesAndCases() throws {
        #expect(Rounding.allCases == [.halfUp, .halfEven, .down, .up])
        #expect(Rounding(rawValue: "half-up") == .halfUp)
        #expect(Rounding(rawValue: "half-even") == .halfEven)
        #expect(Rounding(rawValue: "down") == .down)
        #expect(Rounding(rawValue: "up") == .up)
        #expect(Rounding(rawValue: "HALF-UP") == nil)
    }
}
