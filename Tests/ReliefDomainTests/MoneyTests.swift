import ReliefDomain
import ReliefTestSupport
import Testing

@Suite struct MoneyTests {
    // MARK: Parsing, accepted

    @Test(arguments: [
        ("1234.56", Int64(123_456)),
        ("1,234.56", 123_456),
        ("¥1,234.56", 123_456),   // U+00A5
        ("￥5", 500),              // U+FFE5, the full-width sign Chinese systems print
        ("¥5", 500),
        ("-5", -500),
        ("+5", 500),
        ("-¥1,234.5", -123_450),  // sign before the symbol
        ("0.5", 50),
        ("0.05", 5),
        ("0.50", 50),
        ("0", 0),
        ("-0", 0),
        ("-0.01", -1),
        ("007", 700),
        ("999", 99_900),
        ("1,000", 100_000),
        ("12,345,678.90", 1_234_567_890),
        ("1000000", 100_000_000),
    ])
    func parses(text: String, fen: Int64) throws {
        #expect(try Money(parsing: text) == Money(fen: fen))
    }

    /// `Money.limit` is CNY 10 trillion = 10^13 yuan = 10^15 fen; the limit itself is accepted.
    @Test func parsesUpToTheLimit() throws {
        #expect(Money.limit.fen == 1_000_000_000_000_000)
        #expect(try money("10000000000000") == Money.limit)
        #expect(try money("10,000,000,000,000.00") == Money.limit)
        #expect(try money("-10,000,000,000,000") == -Money.limit)
        #expect(try money("9,999,999,999,999.99") == Money(fen: 999_999_999_999_999))
    }

    // MARK: Parsing, refused

    /// Each refusal keeps the text as given, names the kind, and gives its own reason.
    @Test(arguments: [
        ("", "blank"),
        (" ", "blank"),
        ("  \t ", "blank"),
        ("12.345", "more than two decimals"),
        ("0.001", "more than two decimals"),
        ("12,34", "groups of three"),
        ("1,2345", "groups of three"),
        ("1234,567", "groups of three"),
        (",123", "groups of three"),
        ("1,234,", "groups of three"),
        ("1,,234", "groups of three"),
        ("1.234,5", "thousands separator after the decimal point"),
        ("12.", "no digits after the decimal point"),
        (".5", "no digits before the decimal point"),
        ("-", "no digits before the decimal point"),
        ("¥", "no digits before the decimal point"),
        ("abc", "unexpected character"),
        ("1.2.3", "more than one decimal point"),
        ("12..5", "more than one decimal point"),
        (" 5", "unexpected character"),
        ("5 ", "unexpected character"),
        ("1 234", "unexpected character"),
        ("--5", "unexpected character"),
        ("¥-5", "unexpected character"),
        ("5¥", "unexpected character"),
        ("¥¥5", "unexpected character"),
        ("$5", "unexpected character"),
        ("1e3", "unexpected character"),
        ("１２", "unexpected character"),  // full-width digits
        ("5元", "unexpected character"),
        ("10000000000000.01", "too large"),
        ("10,000,000,000,000.01", "too large"),
        ("-10000000000000.01", "too large"),
        ("100000000000000", "too large"),
        ("99999999999999999999", "too large"),  // past Int64 as well
    ])
    func refuses(text: String, reason: String) {
        let error = #expect(throws: ParseError.self) { try Money(parsing: text) }
        #expect(error?.input == text)
        #expect(error?.kind == "amount")
        #expect(error?.reason.contains(reason) == true, "reason was: \(error?.reason ?? "none")")
    }

    // MARK: Formatting

    @Test(arguments: [
        (Int64(0), "0.00", "0.00"),
        (1, "0.01", "0.01"),
        (5, "0.05", "0.05"),
        (50, "0.50", "0.50"),
        (99, "0.99", "0.99"),
        (100, "1.00", "1.00"),
        (-1, "-0.01", "-0.01"),
        (-5, "-0.05", "-0.05"),
        (-50, "-0.50", "-0.50"),
        (99_999, "999.99", "999.99"),
        (100_000, "1000.00", "1,000.00"),
        (123_450, "1234.50", "1,234.50"),
        (-123_456, "-1234.56", "-1,234.56"),
        (1_234_567_890, "12345678.90", "12,345,678.90"),
        (10_000_000_000, "100000000.00", "100,000,000.00"),
        (-10_000_000_000, "-100000000.00", "-100,000,000.00"),
        (1_000_000_000_000_000, "10000000000000.00", "10,000,000,000,000.00"),
        // Int64.max = 9,223,372,036,854,775,807 fen; Int64.min is one fen further from zero.
        (Int64.max, "92233720368547758.07", "92,233,720,368,547,758.07"),
        (Int64.min, "-92233720368547758.08", "-92,233,720,368,547,758.08"),
    ])
    func formats(fen: Int64, plain: String, grouped: String) {
        let amount = Money(fen: fen)
        #expect(amount.formatted() == plain)
        #expect(amount.formatted(grouped: false) == plain)
        #expect(amount.formatted(grouped: true) == grouped)
        #expect(amount.description == plain)
    }

    /// Formatting and parsing are inverses over the whole accepted range.
    @Test func formatThenParseRoundTrips() throws {
        var generator = SeededGenerator(seed: 0x4D4F_4E45_59)
        var failures: [Int64] = []
        for index in 0..<20_000 {
            // Mix small amounts (where padding matters) with large ones.
            let bound: Int64 = index % 2 == 0 ? 100_000 : Money.limit.fen
            let fen = Int64.random(in: -bound...bound, using: &generator)
            let amount = Money(fen: fen)
            for grouped in [false, true] where (try? Money(parsing: amount.formatted(grouped: grouped))) != amount {
                failures.append(fen)
            }
        }
        let failureCount = failures.count
        #expect(failureCount == 0, "round trip failed for fen \(failures.prefix(10))")
    }

    // MARK: Arithmetic

    @Test func constructors() {
        #expect(Money(yuan: 1_000_000).fen == 100_000_000)
        #expect(Money(yuan: -3).fen == -300)
        #expect(Money.zero.fen == 0)
        #expect(Money.zero.isZero)
        #expect(!Money(fen: 1).isZero)
        #expect(Money(fen: -1).isNegative)
        #expect(!Money.zero.isNegative)
        #expect(!Money(fen: 1).isNegative)
    }

    @Test func addsSubtractsAndNegates() {
        #expect(Money(fen: 150) + Money(fen: 275) == Money(fen: 425))
        #expect(Money(fen: 150) - Money(fen: 275) == Money(fen: -125))
        #expect(-Money(fen: 125) == Money(fen: -125))
        #expect(-Money.zero == Money.zero)
        var running = Money(fen: 10)
        running += Money(fen: 5)
        #expect(running == Money(fen: 15))
        running -= Money(fen: 20)
        #expect(running == Money(fen: -5))
        // Near the ends of Int64 without overflowing.
        #expect(Money(fen: .max - 1) + Money(fen: 1) == Money(fen: .max))
        #expect(Money(fen: .min + 1) - Money(fen: 1) == Money(fen: .min))
    }

    @Test func ordersByFen() {
        #expect(Money(fen: -1) < Money.zero)
        #expect(Money.zero < Money(fen: 1))
        #expect(!(Money(fen: 1) < Money(fen: 1)))
        #expect([Money(fen: 3), Money(fen: -2), Money(fen: 0)].sorted() == [Money(fen: -2), Money(fen: 0), Money(fen: 3)])
        #expect(Set([Money(fen: 1), Money(fen: 1), Money(fen: 2)]).count == 2)
    }

    @Test func overflowingAdditionTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Money(fen: .max) + Money(fen: 1)
        }
        await #expect(processExitsWith: .failure) {
            _ = Money(fen: .min) - Money(fen: 1)
        }
    }

    @Test func overflowingYuanTraps() async {
        // Int64.max / 100 = 92,233,720,368,547,758 yuan is the largest that fits.
        #expect(Money(yuan: 92_233_720_368_547_758).fen == 9_223_372_036_854_775_800)
        await #expect(processExitsWith: .failure) {
            _ = Money(yuan: 92_233_720_368_547_759)
        }
    }

    // MARK: Scaling (amount x numerator / denominator, rounded once)

    /// RULES.md section 4: 1,000,000 at 4.35% for 121 days, ACT/360 = 14,620.83.
    /// 1,000,000 x 0.0435 x 121 / 360 = 5,263,500 / 360 = 14,620.8333...; half up 14,620.83.
    @Test func scalesTheRulesInterestExample() throws {
        let principal = try money("1,000,000")
        let annual = try rate("4.35%")
        let interest = principal.scaled(by: Int128(annual.units) * 121,
                                        dividedBy: Int128(Rate.scale) * 360, rounding: .halfUp)
        #expect(interest == (try money("14,620.83")))
        // 157 days: 6,829,500 / 360 = 18,970.8333... ; ACT/365: 6,829,500 / 365 = 18,710.9589...
        #expect(principal.scaled(by: Int128(annual.units) * 157, dividedBy: Int128(Rate.scale) * 360,
                                 rounding: .halfUp) == (try money("18,970.83")))
        #expect(principal.scaled(by: Int128(annual.units) * 157, dividedBy: Int128(Rate.scale) * 365,
                                 rounding: .halfUp) == (try money("18,710.96")))
    }

    /// RULES.md section 4: 200,000 x 5% x 1.5 / 360 x 30 days = 1,250.00. The numerator and
    /// denominator both pass 2^64, so this takes the wide path.
    @Test func scalesBeyondSixtyFourBits() throws {
        let overdue = try money("200,000")
        let contract = Int128(try rate("5%").units)
        let uplift = Int128(try rate("150%").units)
        let penalty = overdue.scaled(by: contract * uplift * 30,
                                     dividedBy: Int128(Rate.scale) * Int128(Rate.scale) * 360, rounding: .halfUp)
        #expect(penalty == (try money("1,250.00")))
    }

    /// Ties on both signs: 5 fen / 2 = 2.5 fen; -5 fen / 2 = -2.5 fen.
    @Test func scalesWithNamedRounding() {
        let five = Money(fen: 5)
        #expect(five.scaled(by: 1, dividedBy: 2, rounding: .halfUp) == Money(fen: 3))
        #expect(five.scaled(by: 1, dividedBy: 2, rounding: .halfEven) == Money(fen: 2))
        #expect(five.scaled(by: 1, dividedBy: 2, rounding: .down) == Money(fen: 2))
        #expect(five.scaled(by: 1, dividedBy: 2, rounding: .up) == Money(fen: 3))
        let minusFive = Money(fen: -5)
        #expect(minusFive.scaled(by: 1, dividedBy: 2, rounding: .halfUp) == Money(fen: -3))
        #expect(minusFive.scaled(by: 1, dividedBy: 2, rounding: .halfEven) == Money(fen: -2))
        #expect(minusFive.scaled(by: 1, dividedBy: 2, rounding: .down) == Money(fen: -3))
        #expect(minusFive.scaled(by: 1, dividedBy: 2, rounding: .up) == Money(fen: -2))
        // A negative numerator on a positive amount rounds like its mirror.
        #expect(five.scaled(by: -1, dividedBy: 2, rounding: .halfUp) == Money(fen: -3))
        // 7 / 3 = 2.33..., not a tie.
        #expect(Money(fen: 7).scaled(by: 1, dividedBy: 3, rounding: .halfUp) == Money(fen: 2))
        #expect(Money(fen: 7).scaled(by: 1, dividedBy: 3, rounding: .up) == Money(fen: 3))
        #expect(Money.zero.scaled(by: 123, dividedBy: 7, rounding: .up) == Money.zero)
        // The fast path's quotient may pass Int64.max only to be refused; Int64.max x 1 / 1 fits.
        #expect(Money(fen: .max).scaled(by: 1, dividedBy: 1, rounding: .halfUp) == Money(fen: .max))
        #expect(Money(fen: .max).scaled(by: 2, dividedBy: 2, rounding: .halfUp) == Money(fen: .max))
    }

    @Test func scalingPastInt64Traps() async {
        await #expect(processExitsWith: .failure) {
            _ = Money(fen: .max).scaled(by: 3, dividedBy: 2, rounding: .halfUp)
        }
    }
}
