import ReliefDomain
import ReliefEngine
import ReliefTestSupport
import Testing

/// Properties over thousands of seeded random loans of every method and day count.
@Suite struct SchedulePropertyTests {
    static func randomTerms(_ generator: inout SeededGenerator) -> LoanTerms? {
        let method = RepaymentMethod.allCases.randomElement(using: &generator) ?? .annuity
        let dayCount = DayCount.allCases.randomElement(using: &generator)
        let settlement: Settlement = method == .interestOnly && Bool.random(using: &generator) ? .quarterly : .dueDates
        // Principals from 1 fen to 100 million CNY, log-uniform so tiny ones are common.
        let digits = Int.random(in: 0...10, using: &generator)
        var upper: Int64 = 1
        for _ in 0..<digits { upper *= 10 }
        let principal = Money(fen: Int64.random(in: 1...upper, using: &generator))
        let annualRate = Rate(units: Int64.random(in: 0...(Rate.scale * 24 / 100), using: &generator))
        let start = CivilDate(daysSinceEpoch: Int32.random(in: 14_600...21_900, using: &generator))
        let months = Int.random(in: 1...360, using: &generator)
        return try? LoanTerms(principal: principal, annualRate: annualRate, start: start, termMonths: months,
                              method: method, dayCount: dayCount, settlement: settlement)
    }

    @Test func invariantsHoldForRandomLoans() throws {
        var generator = SeededGenerator(seed: 20_200_125)
        let calculator = ScheduleCalculator()
        var checked = 0
        var refused = 0
        for _ in 0..<4_000 {
            guard let loan = SchedulePropertyTests.randomTerms(&generator) else { continue }
            let schedule: Schedule
            do {
                schedule = try calculator.schedule(for: loan)
            } catch {
                // Only annuities under an actual-day count may amortize negatively.
                #expect(loan.method == .annuity && loan.dayCount != .thirty360, "refused \(loan): \(error)")
                refused += 1
                continue
            }
            let problems = schedule.invariantViolations()
            #expect(problems.isEmpty, "\(loan): \(problems)")
            #expect(schedule.totalPrincipal == loan.principal)
            #expect(schedule.installments.last?.balance == .zero)
            #expect(schedule.installments.last?.dueDate == loan.maturity)
            for row in schedule.installments {
                #expect(row.payment.fen == row.principal.fen + row.interest.fen)
                #expect(!row.principal.isNegative && !row.interest.isNegative)
            }
            checked += 1
        }
        #expect(checked > 3_500)
        #expect(refused < 100)
    }

    /// The fixed-point bracket against the exact big-integer rational, an independent method
    /// (a few hundred loans: big integers are slow in debug builds).
    @Test func fastAnnuityEqualsExactRational() {
        var generator = SeededGenerator(seed: 630_000)
        for _ in 0..<300 {
            let principal = Money(fen: Int64.random(in: 1...1_000_000_000_000, using: &generator))
            let annualRate = Rate(units: Int64.random(in: 1...(Rate.scale * 36 / 100), using: &generator))
            let months = Int.random(in: 1...600, using: &generator)
            let rounding: Rounding = Bool.random(using: &generator) ? .halfUp : .halfEven
            let fast = AnnuityPayment.payment(principal: principal, annualRate: annualRate, months: months, rounding: rounding)
            let exact = AnnuityPayment.exact(principal: principal, annualRate: annualRate, months: months, rounding: rounding)
            #expect(fast == exact, "\(principal) at \(annualRate) over \(months)")
        }
    }
}
