import ReliefDomain
import ReliefEngine
import Testing

@Suite struct ScheduleEdgeTests {
    let calculator = ScheduleCalculator()

    @Test func monthEndAnchoring() throws {
        let fromJan31 = try calculator.schedule(for: terms("1200", "3%", "2019-01-31", months: 4))
        #expect(fromJan31.installments.map(\.dueDate) == [try date("2019-02-28"), try date("2019-03-31"),
                                                         try date("2019-04-30"), try date("2019-05-31")])
        let fromFeb28 = try calculator.schedule(for: terms("1200", "3%", "2019-02-28", months: 3))
        #expect(fromFeb28.installments.map(\.dueDate) == [try date("2019-03-28"), try date("2019-04-28"), try date("2019-05-28")])
        let fromLeapDay = try calculator.schedule(for: terms("1200", "3%", "2020-02-29", months: 13))
        #expect(fromLeapDay.installments[0].dueDate == (try date("2020-03-29")))
        #expect(fromLeapDay.installments[11].dueDate == (try date("2021-02-28")))
        #expect(fromLeapDay.installments[12].dueDate == (try date("2021-03-29")))
    }

    /// 1 month at 1.2%: i = 0.001, so 25.00 accrues 2.5 fen of interest (an exact tie) and the
    /// level payment is 2,502.5 fen (another exact tie, which forces the exact path).
    @Test func halfFenTies() throws {
        let loan = try terms("25.00", "1.2%", "2020-01-15", months: 1)
        let up = try ScheduleCalculator(rounding: .halfUp).schedule(for: loan).installments[0]
        let even = try ScheduleCalculator(rounding: .halfEven).schedule(for: loan).installments[0]
        #expect(up.interest == Money(fen: 3))
        #expect(even.interest == Money(fen: 2))
        #expect(AnnuityPayment.payment(principal: Money(fen: 2500), annualRate: try rate("1.2%"), months: 1, rounding: .halfUp) == Money(fen: 2503))
        #expect(AnnuityPayment.payment(principal: Money(fen: 2500), annualRate: try rate("1.2%"), months: 1, rounding: .halfEven) == Money(fen: 2502))
        // Equal principal 0.05 over 2 months: 2.5 fen a month.
        let split = try terms("0.05", "0%", "2020-01-15", months: 2, .equalPrincipal)
        #expect(try ScheduleCalculator(rounding: .halfUp).schedule(for: split).installments.map(\.principal) == [Money(fen: 3), Money(fen: 2)])
        #expect(try ScheduleCalculator(rounding: .halfEven).schedule(for: split).installments.map(\.principal) == [Money(fen: 2), Money(fen: 3)])
    }

    @Test func zeroRate() throws {
        let even = try calculator.schedule(for: terms("1200", "0%", "2020-01-15", months: 12))
        #expect(even.installments.allSatisfy { $0.payment == (try? money("100")) && $0.interest == .zero })
        let thirds = try calculator.schedule(for: terms("1000", "0", "2020-01-15", months: 3))
        #expect(thirds.installments.map(\.principal) == [try money("333.33"), try money("333.33"), try money("333.34")])
    }

    /// 0.07 over 10 months at 0%: round(0.7 fen) = 1 fen a month would overdraw after 7
    /// months, so parts 8 and 9 are cut to zero and the last pays the (zero) balance.
    @Test func tinyPrincipalNeverOverdraws() throws {
        for method in [RepaymentMethod.annuity, .equalPrincipal] {
            let schedule = try calculator.schedule(for: terms("0.07", "0%", "2020-01-15", months: 10, method))
            #expect(schedule.installments.map(\.principal.fen) == [1, 1, 1, 1, 1, 1, 1, 0, 0, 0])
            #expect(schedule.invariantViolations().isEmpty)
        }
        // 0.05 at 4.35% over 12 months: M rounds to 0, interest rounds to 0; all in the last row.
        let tiny = try calculator.schedule(for: terms("0.05", "4.35%", "2020-01-15", months: 12))
        #expect(tiny.installments.dropLast().allSatisfy { $0.principal == .zero })
        #expect(tiny.installments.last?.principal == Money(fen: 5))
        #expect(tiny.invariantViolations().isEmpty)
    }

    /// 30% a year over 600 months under ACT/360: M = 25,000.01 per 1,000,000 but January's
    /// 31 days accrue 1,000,000 x 0.30 x 31 / 360 = 25,833.33, so the balance would grow.
    @Test func negativeAmortizationRefused() throws {
        let loan = try terms("1000000", "30%", "2020-01-15", months: 600, dayCount: .act360)
        #expect(throws: RuleViolation.self) { try calculator.schedule(for: loan) }
        do {
            _ = try calculator.schedule(for: loan)
        } catch {
            #expect(error.rule == "negative-amortization")
            #expect(error.message.contains("period 1"))
        }
        // The same loan under 30/360 amortizes.
        let thirty = try calculator.schedule(for: terms("1000000", "30%", "2020-01-15", months: 600))
        #expect(thirty.invariantViolations().isEmpty)
    }

    @Test func quarterlySettlementDays() throws {
        let days = ScheduleCalculator.quarterlySettlementDays(from: try date("2020-06-20"), before: try date("2020-12-20"))
        #expect(days == [try date("2020-06-20"), try date("2020-09-20")])
    }
}
