import ReliefDomain
import ReliefEngine
import Testing

/// RULES.md section 6 and SPEC.md "bridge quote".
@Suite struct BridgeFeeTests {
    let seed = BridgeFeeCalculator(terms: .seed())

    @Test func fifteenDaysOfAMillion() throws {
        let quote = try seed.quote(amount: try money("1000000"), advance: try date("2020-03-01"), repayment: try date("2020-03-16"))
        #expect(quote.days == 15)
        #expect(quote.fee == (try money("12000.00")))
        let old = try BridgeFeeCalculator(terms: .historic()).quote(amount: try money("1000000"), advance: try date("2020-03-01"),
                                                                    repayment: try date("2020-03-16"))
        #expect(old.fee == (try money("15000.00")))
        // SPEC.md: 5,000,000 x 0.0008 x 10 = 40,000.00.
        #expect(try seed.quote(amount: try money("5000000"), advance: try date("2020-03-02"), repayment: try date("2020-03-12")).fee
                == (try money("40000.00")))
    }

    @Test func dayFifteenAcceptedDaySixteenRefused() throws {
        #expect(try seed.quote(amount: try money("1000"), advance: try date("2020-03-01"), repayment: try date("2020-03-16")).days == 15)
        let error = #expect(throws: RuleViolation.self) {
            try seed.quote(amount: try money("1000"), advance: try date("2020-03-01"), repayment: try date("2020-03-17"))
        }
        #expect(error?.rule == "bridge-days")
        #expect(error?.message.contains("16 days") == true)
    }

    @Test func rateCapToTheLastDigit() throws {
        let advance = try date("2020-03-01"), repayment = try date("2020-03-02")
        #expect(try seed.quote(amount: try money("1000"), advance: advance, repayment: repayment, dailyRate: try rate("0.08%")).fee
                == (try money("0.80")))
        let error = #expect(throws: RuleViolation.self) {
            try seed.quote(amount: try money("1000"), advance: advance, repayment: repayment, dailyRate: try rate("0.0801%"))
        }
        #expect(error?.rule == "bridge-rate")
    }

    /// Days count the first day and not the last: 2020-02-25 to 2020-03-05 spans Feb 29 (9
    /// days); 2019-12-25 to 2020-01-08 spans the year end (14 days); same day = 1 day.
    @Test func daysAcrossLeapDayYearEndAndSameDay() throws {
        #expect(BridgeFeeCalculator.days(from: try date("2020-02-25"), to: try date("2020-03-05")) == 9)
        #expect(BridgeFeeCalculator.days(from: try date("2019-12-25"), to: try date("2020-01-08")) == 14)
        #expect(BridgeFeeCalculator.days(from: try date("2020-03-02"), to: try date("2020-03-02")) == 1)
        #expect(BridgeFeeCalculator.days(from: try date("2020-03-02"), to: try date("2020-03-01")) == nil)
        // 1,000,000 x 0.08% x 9 = 7,200.00.
        #expect(try seed.quote(amount: try money("1000000"), advance: try date("2020-02-25"), repayment: try date("2020-03-05")).fee
                == (try money("7200.00")))
        let error = #expect(throws: RuleViolation.self) {
            try seed.quote(amount: try money("1000"), advance: try date("2020-03-02"), repayment: try date("2020-03-01"))
        }
        #expect(error?.rule == "bridge-dates")
    }

    /// 6.25 CNY x 0.08% x 1 day = 0.5 fen exactly: half-up 0.01, half-even 0.00.
    @Test func halfFenTies() throws {
        let amount = try money("6.25")
        #expect(BridgeFeeCalculator(terms: .seed(), rounding: .halfUp).fee(amount: amount, days: 1, dailyRate: try rate("0.08%")) == Money(fen: 1))
        #expect(BridgeFeeCalculator(terms: .seed(), rounding: .halfEven).fee(amount: amount, days: 1, dailyRate: try rate("0.08%")) == .zero)
        // 18.75 x 0.08% = 1.5 fen: both rules give 2 fen.
        #expect(BridgeFeeCalculator(terms: .seed(), rounding: .halfEven).fee(amount: try money("18.75"), days: 1, dailyRate: try rate("0.08%"))
                == Money(fen: 2))
    }

    /// 1,000,000 for 7 days at 0.02% for days 1-5 and 0.04% after: 5 x 200 + 2 x 400 = 1,800.00.
    @Test func tiersDayByDay() throws {
        let terms = try BridgeTerms(tiers: try BridgeTerms.Tier.parseList("5:0.02%,*:0.04%"))
        let calculator = BridgeFeeCalculator(terms: terms)
        #expect(calculator.fee(amount: try money("1000000"), days: 7, dailyRate: terms.dailyRateCap) == (try money("1800.00")))
        #expect(calculator.fee(amount: try money("1000000"), days: 5, dailyRate: terms.dailyRateCap) == (try money("1000.00")))
        #expect(calculator.fee(amount: try money("1000000"), days: 1, dailyRate: terms.dailyRateCap) == (try money("200.00")))
        #expect(throws: RuleViolation.self) { try BridgeTerms(tiers: try BridgeTerms.Tier.parseList("5:0.02%,*:0.09%")) }
        #expect(throws: RuleViolation.self) { try BridgeTerms(tiers: try BridgeTerms.Tier.parseList("5:0.02%,3:0.04%,*:0.05%")) }
        #expect(throws: RuleViolation.self) { try BridgeTerms(tiers: try BridgeTerms.Tier.parseList("5:0.02%")) }
        #expect(throws: ParseError.self) { try BridgeTerms.Tier.parseList("five:0.02%") }
    }

    /// 100,000 for 1 day at 0.08% = 80.00, raised to a 5,000.00 minimum.
    @Test func minimumFee() throws {
        let calculator = BridgeFeeCalculator(terms: try BridgeTerms(minimumFee: try money("5000")))
        #expect(calculator.fee(amount: try money("100000"), days: 1, dailyRate: try rate("0.08%")) == (try money("5000.00")))
        // 10,000,000 x 0.08% x 10 = 80,000.00, above the minimum.
        #expect(calculator.fee(amount: try money("10000000"), days: 10, dailyRate: try rate("0.08%")) == (try money("80000.00")))
    }

    /// 95% of a 10,000,000 commitment is 9,500,000.00; a fen more is refused.
    @Test func commitmentShareAndEnterpriseCap() throws {
        let calculator = BridgeFeeCalculator(terms: try BridgeTerms(commitmentShare: try rate("95%"), enterpriseCap: try money("10000000")))
        let advance = try date("2020-03-02"), repayment = try date("2020-03-06")
        #expect(try calculator.quote(amount: try money("9500000"), advance: advance, repayment: repayment, commitment: try money("10000000")).days == 4)
        let share = #expect(throws: RuleViolation.self) {
            try calculator.quote(amount: try money("9500000.01"), advance: advance, repayment: repayment, commitment: try money("10000000"))
        }
        #expect(share?.rule == "bridge-commitment")
        // With a share in the terms, the commitment must be given.
        let missing = #expect(throws: RuleViolation.self) {
            try calculator.quote(amount: try money("1000"), advance: advance, repayment: repayment)
        }
        #expect(missing?.message.contains("give the commitment") == true)
        #expect(throws: Never.self) {
            try calculator.checkAdvance(amount: try money("2000000"), dailyRate: try rate("0.08%"), commitment: try money("10000000"),
                                        enterpriseOutstanding: try money("8000000"))
        }
        let cap = #expect(throws: RuleViolation.self) {
            try calculator.checkAdvance(amount: try money("2000000.01"), dailyRate: try rate("0.08%"), commitment: try money("10000000"),
                                        enterpriseOutstanding: try money("8000000"))
        }
        #expect(cap?.rule == "bridge-enterprise-cap")
    }
}

/// The fund report on a small register computed by hand.
@Suite struct BridgeReportTests {
    /// Capital 10,000,000 from 2020-03-01; A 6,000,000 advanced 03-02, repaid 03-20 (18 days,
    /// fee 86,400.00); B 6,000,000 advanced 03-21, outstanding. Period 03-01 to 04-10 (41 days).
    func register() throws -> BridgeRegister {
        BridgeRegister(
            capital: [.init(date: try date("2020-03-01"), amount: try money("10000000"))],
            advances: [
                .init(id: try AdvanceID(validating: "A"), bank: "济宁银行", county: "任城区", amount: try money("6000000"), date: try date("2020-03-02"),
                      repayment: .init(date: try date("2020-03-20"), days: 18, fee: try money("86400"))),
                .init(id: try AdvanceID(validating: "B"), bank: "农商银行", county: "兖州区", amount: try money("6000000"), date: try date("2020-03-21"),
                      repayment: nil),
            ])
    }

    @Test func figuresByHand() throws {
        let report = BridgeReport.compute(try register(), from: try date("2020-03-01"), to: try date("2020-04-10"), maximumDays: 15)
        #expect(report.capital == (try money("10000000")))
        #expect(report.outstanding == (try money("6000000")))
        // 10,000,000 - 6,000,000 + 86,400.
        #expect(report.balance == (try money("4086400")))
        #expect(report.advances == 2)
        #expect(report.advancedTotal == (try money("12000000")))
        #expect(report.feeIncome == (try money("86400")))
        #expect(report.averageDaysHundredths == 1800)
        // Outstanding: A for 03-02..03-19 (18 days), B for 03-21..04-10 (21 days): 39 x 6,000,000;
        // capital 41 x 10,000,000: 234 / 410 = 0.570731... -> 0.5707.
        #expect(report.utilisationTenThousandths == 5707)
        // 12,000,000 / 10,000,000 = 1.2000.
        #expect(report.turnoverTenThousandths == 12000)
        // A repaid after 18 days (3 over); B outstanding 2020-03-21 to 04-10 = 20 days (5 over).
        #expect(report.breaches.map { "\($0.id):\($0.days):\($0.daysOver)" } == ["A:18:3", "B:20:5"])
        #expect(report.byBank.map(\.name) == ["农商银行", "济宁银行"])
        #expect(report.byCounty.first { $0.name == "任城区" }?.feeIncome == (try money("86400")))
    }

    /// A period of 03-10 to 03-15: A outstanding all 6 days, nothing advanced or repaid in it.
    @Test func aShorterPeriod() throws {
        let report = BridgeReport.compute(try register(), from: try date("2020-03-10"), to: try date("2020-03-15"), maximumDays: 15)
        #expect(report.advances == 0)
        #expect(report.turnoverTenThousandths == 0)
        #expect(report.averageDaysHundredths == 0)
        #expect(report.utilisationTenThousandths == 6000)
        #expect(report.breaches.isEmpty)
        #expect(report.balance == (try money("4000000")))
    }

    @Test func zeroCapitalGivesZeroRatios() throws {
        let empty = BridgeRegister(capital: [], advances: [])
        let report = BridgeReport.compute(empty, from: try date("2020-03-01"), to: try date("2020-03-31"), maximumDays: 15)
        #expect(report.utilisationTenThousandths == 0 && report.turnoverTenThousandths == 0 && report.averageDaysHundredths == 0)
    }
}
