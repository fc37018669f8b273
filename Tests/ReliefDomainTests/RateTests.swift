import ReliefDomain
import ReliefTestSupport
import Testing

@Suite struct RateTests {
    // MARK: Representation

    /// Rate.scale is 10^10 units per 1 (100%), so 1% is 10^8 units and 4.35% is 435 x 10^6.
    @Test func scaleAndConstants() {
        #expect(Rate.scale == 10_000_000_000)
        #expect(Rate.fractionDecimals == 10)
        #expect(Rate.one.units == 10_000_000_000)
        #expect(Rate.zero.units == 0)
        #expect(Rate(percent: 435, per: 100).units == 435_000_000)
        #expect(Rate(percent: 36).units == 3_600_000_000)
        #expect(Rate(percent: 100) == Rate.one)
        #expect(Rate(percent: 8, per: 100).units == 8_000_000)  // 0.08% a day
        #expect(Rate(percent: 1, per: 100_000_000).units == 1)  // 10^-8 % is the smallest unit
    }

    @Test func percentLiteralThatIsNotExactTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Rate(percent: 1, per: 3)
        }
        await #expect(processExitsWith: .failure) {
            _ = Rate(percent: 1, per: 1_000_000_000)  // 10^-9 % is below one unit
        }
    }

    @Test func ordersAddsAndSigns() {
        #expect(Rate(units: -1) < Rate.zero)
        #expect(Rate.zero < Rate(units: 1))
        #expect(Rate(percent: 3) + Rate(percent: 2) == Rate(percent: 5))
        #expect(Rate(units: -1).isNegative)
        #expect(!Rate.zero.isNegative)
    }

    // MARK: Parsing, accepted

    @Test(arguments: [
        ("4.35%", Int64(435_000_000)),
        ("0.0435", 435_000_000),
        ("+4.35%", 435_000_000),
        ("-4.35%", -435_000_000),
        ("0.08%", 8_000_000),           // 0.0008 x 10^10
        ("0.0008", 8_000_000),
        ("0.0801%", 8_010_000),         // 0.000801 x 10^10
        ("0.1%", 10_000_000),
        ("0.3%", 30_000_000),
        ("36%", 3_600_000_000),
        ("36.0000001%", 3_600_000_010), // 0.360000001 x 10^10
        ("50%", 5_000_000_000),
        ("100%", 10_000_000_000),
        ("0%", 0),
        ("0", 0),
        ("0.0", 0),
        ("1", 10_000_000_000),
        ("4.35", 43_500_000_000),       // without % it is a fraction: 435%
        ("4.12345678%", 412_345_678),   // eight decimals of a percentage: the finest it holds
        ("0.1234567891", 1_234_567_891),// ten decimals of a fraction
        ("0.0000000001", 1),
        ("0.00000001%", 1),
        ("99", 990_000_000_000),
        ("9999.99999999%", 999_999_999_999),  // just under 10,000%
        ("99.9999999999", 999_999_999_999),
    ])
    func parses(text: String, units: Int64) throws {
        #expect(try Rate(parsing: text) == Rate(units: units))
    }

    @Test func percentageAndFractionAgree() throws {
        #expect(try rate("4.35%") == rate("0.0435"))
        #expect(try rate("0.08%") == rate("0.0008"))
        #expect(try rate("0.0801%") == rate("0.000801"))
        #expect(try rate("4.35%") == Rate(percent: 435, per: 100))
    }

    // MARK: Parsing, refused

    @Test(arguments: [
        ("", "blank"),
        (" ", "blank"),
        ("\t \t", "blank"),
        ("abc", "unexpected character"),
        ("%", "no digits before the decimal point"),
        ("-", "no digits before the decimal point"),
        ("-%", "no digits before the decimal point"),
        (".5%", "no digits before the decimal point"),
        ("5.%", "no digits after the decimal point"),
        ("5.", "no digits after the decimal point"),
        ("4.3.5%", "more than one decimal point"),
        ("4,35%", "unexpected character"),
        ("4.35%%", "unexpected character"),
        ("%4.35", "unexpected character"),
        ("4.35 %", "unexpected character"),
        (" 4.35%", "unexpected character"),
        ("4.35% ", "unexpected character"),
        ("--4%", "unexpected character"),
        ("1e-3", "unexpected character"),
        ("４.35%", "unexpected character"),  // a full-width digit
        ("4.123456789%", "more than 8 decimals"),    // nine decimals of a percentage
        ("0.12345678901", "more than 10 decimals"),  // eleven decimals of a fraction
        ("36.000000001%", "more than 8 decimals"),
        ("100", "10,000% or more"),
        ("10000%", "too large"),
        ("00001", "too large"),  // five integer digits are refused before conversion
        ("12345678901234567890", "too large"),
    ])
    func refuses(text: String, reason: String) {
        let error = #expect(throws: ParseError.self) { try Rate(parsing: text) }
        #expect(error?.input == text)
        #expect(error?.kind == "rate")
        #expect(error?.reason.contains(reason) == true, "reason was: \(error?.reason ?? "none")")
    }

    // MARK: Formatting

    @Test(arguments: [
        (Int64(435_000_000), "0.0435", "4.35%"),
        (8_000_000, "0.0008", "0.08%"),
        (8_010_000, "0.000801", "0.0801%"),
        (6_500_000, "0.00065", "0.065%"),
        (5_000_000_000, "0.5000", "50%"),
        (3_600_000_000, "0.3600", "36%"),
        (3_600_000_010, "0.360000001", "36.0000001%"),
        (10_000_000_000, "1.0000", "100%"),
        (43_500_000_000, "4.3500", "435%"),
        (0, "0.0000", "0%"),
        (1, "0.0000000001", "0.00000001%"),
        (-435_000_000, "-0.0435", "-4.35%"),
        (999_999_999_999, "99.9999999999", "9999.99999999%"),
    ])
    func formats(units: Int64, fraction: String, percent: String) {
        let value = Rate(units: units)
        #expect(value.fractionString() == fraction)
        #expect(value.fractionString(minimumDecimals: 4) == fraction)
        #expect(value.percentString() == percent)
        #expect(value.description == percent)
    }

    @Test func fractionStringHonoursMinimumDecimals() {
        let half = Rate(percent: 50)
        #expect(half.fractionString(minimumDecimals: 0) == "0.5")
        #expect(half.fractionString(minimumDecimals: 2) == "0.50")
        #expect(half.fractionString(minimumDecimals: 10) == "0.5000000000")
        #expect(Rate.one.fractionString(minimumDecimals: 0) == "1")
        #expect(Rate.zero.fractionString(minimumDecimals: 0) == "0")
        #expect(Rate(units: 435_000_000).fractionString(minimumDecimals: 6) == "0.043500")
        // Decimals beyond the minimum are kept, never rounded away.
        #expect(Rate(units: 1).fractionString(minimumDecimals: 2) == "0.0000000001")
    }

    /// Both strings parse back to the same rate, for rates across the accepted range.
    @Test func formatThenParseRoundTrips() {
        var generator = SeededGenerator(seed: 0x5241_5445)
        var failures: [Int64] = []
        for index in 0..<20_000 {
            let bound: Int64 = index % 2 == 0 ? 100_000_000 : 999_999_999_999
            let units = Int64.random(in: -bound...bound, using: &generator)
            let value = Rate(units: units)
            if (try? Rate(parsing: value.percentString())) != value || (try? Rate(parsing: value.fractionString())) != value {
                failures.append(units)
            }
        }
        let failureCount = failures.count
        #expect(failureCount == 0, "round trip failed for units \(failures.prefix(10))")
    }
}
