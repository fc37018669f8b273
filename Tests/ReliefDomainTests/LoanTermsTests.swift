import ReliefDomain
import Testing

private func makeTerms(principal: String = "1,000,000", rate annualRate: String = "4.35%",
                       start: String = "2020-01-15", months: Int = 12,
                       method: RepaymentMethod = .annuity, dayCount: DayCount? = nil,
                       settlement: Settlement = .dueDates) throws -> LoanTerms {
    try LoanTerms(principal: money(principal), annualRate: rate(annualRate), start: date(start),
                  termMonths: months, method: method, dayCount: dayCount, settlement: settlement)
}

/// The rule a refused set of terms names, or nil when the terms are accepted.
private func violatedRule(_ build: () throws -> LoanTerms) -> String? {
    do {
        _ = try build()
        return nil
    } catch let violation as RuleViolation {
        return violation.rule
    } catch {
        return "unexpected \(error)"
    }
}

@Suite struct LoanTermsTests {
    @Test func keepsTheTerms() throws {
        let terms = try makeTerms(principal: "630,000", rate: "4.9%", start: "2019-01-31", months: 360,
                                  method: .equalPrincipal)
        #expect(terms.principal == Money(fen: 63_000_000))
        #expect(terms.annualRate == Rate(units: 490_000_000))
        #expect(terms.start == (try date("2019-01-31")))
        #expect(terms.termMonths == 360)
        #expect(terms.method == .equalPrincipal)
        #expect(terms.settlement == .dueDates)
    }

    // MARK: Principal: CNY 0.01 to CNY 10,000,000,000.00

    @Test(arguments: ["0.01", "10,000,000,000.00", "10000000000", "1,000,000"])
    func acceptsPrincipal(text: String) throws {
        #expect(try makeTerms(principal: text).principal == money(text))
    }

    @Test(arguments: ["0.00", "10,000,000,000.01", "-0.01", "-1,000,000", "10,000,000,001"])
    func refusesPrincipal(text: String) {
        #expect(violatedRule { try makeTerms(principal: text) } == "principal-limit")
    }

    @Test func principalRange() {
        #expect(LoanTerms.principalRange.lowerBound == Money(fen: 1))
        #expect(LoanTerms.principalRange.upperBound == Money(fen: 1_000_000_000_000))  // 10^10 yuan
    }

    // MARK: Annual rate: 0 to 36%

    @Test(arguments: ["0", "0%", "0.0001%", "4.35%", "36%", "0.36", "35.99999999%"])
    func acceptsRate(text: String) throws {
        #expect(try makeTerms(rate: text).annualRate == rate(text))
    }

    @Test(arguments: ["36.0000001%", "36.00000001%", "0.3600000001", "37%", "100%", "-0.01%", "-0.0000000001", "4.35"])
    func refusesRate(text: String) {
        #expect(violatedRule { try makeTerms(rate: text) } == "rate-limit")
    }

    @Test func rateRange() {
        #expect(LoanTerms.annualRateRange.lowerBound == Rate.zero)
        #expect(LoanTerms.annualRateRange.upperBound == Rate(units: 3_600_000_000))
    }

    // MARK: Term: 1 to 600 months

    @Test(arguments: [1, 2, 12, 360, 599, 600])
    func acceptsTerm(months: Int) throws {
        #expect(try makeTerms(months: months).termMonths == months)
    }

    @Test(arguments: [0, -1, 601, 1_200, Int.max, Int.min])
    func refusesTerm(months: Int) {
        #expect(violatedRule { try makeTerms(months: months) } == "term-limit")
    }

    /// The first failing limit is reported, and the message carries the values.
    @Test func messagesCarryTheValues() {
        let principal = #expect(throws: RuleViolation.self) { try makeTerms(principal: "10,000,000,000.01") }
        #expect(principal?.message.contains("10,000,000,000.01") == true)
        #expect(principal?.message.contains("10,000,000,000.00") == true)
        let rate = #expect(throws: RuleViolation.self) { try makeTerms(rate: "36.0000001%") }
        #expect(rate?.message.contains("36.0000001%") == true)
        #expect(rate?.description == rate?.message)
        let term = #expect(throws: RuleViolation.self) { try makeTerms(months: 601) }
        #expect(term?.message.contains("601") == true)
    }

    // MARK: Settlement and method

    @Test(arguments: [RepaymentMethod.annuity, .equalPrincipal, .bullet])
    func refusesQuarterlySettlementOutsideInterestOnly(method: RepaymentMethod) {
        #expect(violatedRule { try makeTerms(method: method, settlement: .quarterly) } == "settlement-method")
    }

    @Test func acceptsQuarterlySettlementForInterestOnly() throws {
        let terms = try makeTerms(method: .interestOnly, settlement: .quarterly)
        #expect(terms.settlement == .quarterly)
        #expect(terms.method == .interestOnly)
    }

    @Test(arguments: RepaymentMethod.allCases)
    func acceptsDueDateSettlementForEveryMethod(method: RepaymentMethod) throws {
        #expect(try makeTerms(method: method, settlement: .dueDates).settlement == .dueDates)
    }

    // MARK: Day count

    /// SPEC.md capability 1: 30/360 for annuity and equal principal, ACT/360 for
    /// interest-only and bullet.
    @Test(arguments: [
        (RepaymentMethod.annuity, DayCount.thirty360),
        (.equalPrincipal, .thirty360),
        (.interestOnly, .act360),
        (.bullet, .act360),
    ])
    func defaultDayCount(method: RepaymentMethod, expected: DayCount) throws {
        #expect(method.defaultDayCount == expected)
        #expect(try makeTerms(method: method).dayCount == expected)
    }

    @Test func explicitDayCountWins() throws {
        for method in RepaymentMethod.allCases {
            for dayCount in DayCount.allCases {
                #expect(try makeTerms(method: method, dayCount: dayCount).dayCount == dayCount)
            }
        }
    }

    // MARK: Maturity

    @Test func maturityIsAnchoredToTheStartDay() throws {
        #expect(try makeTerms(start: "2019-01-31", months: 1).maturity == date("2019-02-28"))
        #expect(try makeTerms(start: "2019-01-31", months: 2).maturity == date("2019-03-31"))
        #expect(try makeTerms(start: "2020-02-29", months: 12).maturity == date("2021-02-28"))
        #expect(try makeTerms(start: "2020-01-15", months: 12).maturity == date("2021-01-15"))
        #expect(try makeTerms(start: "2020-01-15", months: 600).maturity == date("2070-01-15"))
    }

    /// Maturity must stay inside CivilDate.yearRange (to 2999): 2949-12-01 + 600 months is
    /// 2999-12-01; 2950-01-01 + 600 months is 3000-01-01.
    @Test func refusesMaturityPastTheYearRange() throws {
        #expect(try makeTerms(start: "2949-12-01", months: 600).maturity == date("2999-12-01"))
        #expect(try makeTerms(start: "2999-01-31", months: 11).maturity == date("2999-12-31"))
        #expect(violatedRule { try makeTerms(start: "2950-01-01", months: 600) } == "date-limit")
        #expect(violatedRule { try makeTerms(start: "2999-01-31", months: 12) } == "date-limit")
        #expect(violatedRule { try makeTerms(start: "2999-12-31", months: 1) } == "date-limit")
    }

    @Test func equalTermsAreEqual() throws {
        #expect(try makeTerms() == makeTerms())
        #expect(try makeTerms() != makeTerms(months: 13))
        #expect(try makeTerms(method: .annuity) != makeTerms(method: .annuity, dayCount: .act360))
    }
}
