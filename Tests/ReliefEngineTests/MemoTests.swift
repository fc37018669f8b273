import ReliefDomain
import ReliefEngine
import ReliefTestSupport
import Testing

/// The memoized paths (`ScheduleCalculator.Memo`, `DeferralCalculator.Memo`) and the prepared
/// day-rate division against independent exact methods over thousands of seeded random terms.
@Suite struct MemoTests {
    /// Rates that many loans share (so the memo is hit), plus random ones (so slots are evicted
    /// and reused): 0.01% steps from 1% to 36%.
    static func rate(_ generator: inout SeededGenerator) -> Rate {
        if Bool.random(using: &generator) {
            return Rate(units: Int64.random(in: 100...3_600, using: &generator) * Rate.scale / 10_000)
        }
        return Rate(units: Int64.random(in: 1...(Rate.scale * 36 / 100), using: &generator))
    }

    /// The memoized annuity payment against the exact big-integer rational, with one memo
    /// over all the loans. Terms up to 60 months keep the big integers quick in debug builds;
    /// a few hundred run to 600 months.
    @Test func memoizedAnnuityEqualsExactRational() {
        var generator = SeededGenerator(seed: 1_000_036)
        var memo = ScheduleCalculator.Memo()
        for index in 0..<2_400 {
            let principal = Money(fen: Int64.random(in: 1...1_000_000_000_000, using: &generator))
            let annualRate = MemoTests.rate(&generator)
            let months = index % 8 == 0 ? Int.random(in: 61...600, using: &generator) : Int.random(in: 1...60, using: &generator)
            let rounding: Rounding = Bool.random(using: &generator) ? .halfUp : .halfEven
            let memoized = memo.annuityFactor(annualRate: annualRate, months: months).payment(principal: principal, rounding: rounding)
            let exact = AnnuityPayment.exact(principal: principal, annualRate: annualRate, months: months, rounding: rounding)
            #expect(memoized == exact, "\(principal) at \(annualRate) over \(months), \(rounding)")
        }
        // An exact half-fen tie (2,502.5 fen, ScheduleEdgeTests) goes through the exact path.
        let tie = memo.annuityFactor(annualRate: Rate(units: 120_000_000), months: 1)
        #expect(tie.payment(principal: Money(fen: 2500), rounding: .halfUp) == Money(fen: 2503))
        #expect(tie.payment(principal: Money(fen: 2500), rounding: .halfEven) == Money(fen: 2502))
    }

    /// Schedules streamed through one memo equal those computed without it, and each row's
    /// interest equals `balance x rate x accrual days / basis` computed in `Int128`.
    @Test func memoizedSchedulesEqualPlainSchedules() {
        var generator = SeededGenerator(seed: 2_020_0125)
        var memo = ScheduleCalculator.Memo()
        var compared = 0
        for _ in 0..<4_000 {
            guard let random = SchedulePropertyTests.randomTerms(&generator),
                  let loan = try? LoanTerms(principal: random.principal, annualRate: MemoTests.rate(&generator), start: random.start,
                                            termMonths: random.termMonths, method: random.method, dayCount: random.dayCount,
                                            settlement: random.settlement) else { continue }
            let rounding: Rounding = Bool.random(using: &generator) ? .halfUp : .halfEven
            let calculator = ScheduleCalculator(rounding: rounding)
            var rows: [Installment] = []
            var memoRefusal: RuleViolation?
            do {
                try calculator.forEachInstallment(of: loan, memo: &memo) { rows.append($0) }
            } catch {
                memoRefusal = error
            }
            do {
                let plain = try calculator.schedule(for: loan)
                #expect(memoRefusal == nil && rows == plain.installments, "\(loan)")
            } catch {
                #expect(memoRefusal == error, "\(loan)")
                continue
            }
            if loan.method != .bullet && loan.settlement == .dueDates {
                var balance = loan.principal
                var previous = loan.start
                for row in rows {
                    let accrual = loan.dayCount.accrualDays(from: previous, to: row.dueDate, wholeMonths: 1)
                    let expected = InterestCalculator.interest(on: balance, at: loan.annualRate, days: accrual,
                                                               yearBasisDays: loan.dayCount.yearBasisDays, rounding: rounding)
                    #expect(row.interest == expected, "\(loan) period \(row.period)")
                    balance = row.balance
                    previous = row.dueDate
                }
            }
            compared += 1
        }
        #expect(compared > 3_500)
    }

    /// Pricers from one memo equal pricers built without it, and each deferred amount equals
    /// the `Int128` formula of `InterestCalculator`.
    @Test func memoizedPricerEqualsPlainPricer() throws {
        var generator = SeededGenerator(seed: 2_020_0301)
        var memo = DeferralCalculator.Memo()
        let start = try CivilDate(year: 2019, month: 1, day: 1)
        for _ in 0..<3_000 {
            let uplift = Rate(units: Int64.random(in: (Rate.scale * 3 / 10)...Rate.scale, using: &generator))
            let from = start.adding(days: Int.random(in: 0...700, using: &generator))
            let until = from.adding(days: Int.random(in: 0...300, using: &generator))
            let programme = try ReliefProgramme(
                name: "random", title: "random", window: from...until, deferralDate: until.adding(days: Int.random(in: 0...200, using: &generator)),
                scope: ReliefProgramme.Scope.allCases.randomElement(using: &generator) ?? .both,
                compoundOnDeferredInterest: Bool.random(using: &generator), penaltyUplift: uplift, eligibility: .init(sizes: [.small]))
            let rounding = Rounding.allCases.randomElement(using: &generator) ?? .halfUp
            let calculator = DeferralCalculator(programme: programme, rounding: rounding)
            let dayCount = DayCount.allCases.randomElement(using: &generator) ?? .act360
            let loan = try LoanTerms(principal: Money(fen: Int64.random(in: 1...1_000_000_000_000, using: &generator)),
                                     annualRate: MemoTests.rate(&generator), start: start, termMonths: 36, method: .annuity,
                                     dayCount: dayCount)
            let memoized = calculator.pricer(for: loan, memo: &memo)
            let plain = calculator.pricer(for: loan)
            let row = Installment(period: 1, dueDate: from.adding(days: Int.random(in: 0...320, using: &generator)), days: 30,
                                  principal: Money(fen: Int64.random(in: 0...100_000_000_000, using: &generator)),
                                  interest: Money(fen: Int64.random(in: 0...1_000_000_000, using: &generator)), balance: .zero)
            let deferred = memoized.apply(to: row)
            #expect(deferred == plain.apply(to: row))
            var totals = DeferralTotals()
            memoized.accumulate(row, into: &totals)
            var expectedTotals = DeferralTotals()
            expectedTotals.add(deferred)
            #expect(totals == expectedTotals)
            guard deferred.isDeferred else { continue }
            let basis: Int64 = dayCount == .act365 ? 365 : 360
            let days = deferred.daysDeferred
            #expect(deferred.penaltyInterestWithoutRelief == InterestCalculator.interest(
                on: deferred.deferredPrincipal, at: loan.annualRate, uplift: uplift, days: days, yearBasisDays: basis, rounding: rounding))
            #expect(deferred.compoundInterestWithoutRelief == InterestCalculator.interest(
                on: deferred.deferredInterest, at: loan.annualRate, uplift: uplift, days: days, yearBasisDays: basis, rounding: rounding))
            #expect(deferred.interestOnDeferredPrincipal == InterestCalculator.interest(
                on: deferred.deferredPrincipal, at: loan.annualRate, days: days, yearBasisDays: basis, rounding: rounding))
        }
    }

    /// The prepared day-rate division (`DayRate.Rounded`) against `Int128` arithmetic over
    /// every rounding, amounts up to the limit, and terms from 0 days to 50 years.
    @Test func roundedDayRateEqualsInt128Formula() {
        var generator = SeededGenerator(seed: 360_365)
        for index in 0..<20_000 {
            let annual = MemoTests.rate(&generator)
            let basis: Int64 = Bool.random(using: &generator) ? 360 : 365
            let uplift: Rate? = index % 3 == 0 ? Rate(units: Int64.random(in: 0...Rate.scale, using: &generator)) : nil
            let rounding = Rounding.allCases.randomElement(using: &generator) ?? .halfUp
            // Amounts up to the tool's limit over a year or so; up to the principal limit over
            // 50 years (the Int128 reference itself overflows beyond).
            let long = index % 50 == 0
            let digits = Int.random(in: 0...(long ? 12 : 15), using: &generator)
            var upper: Int64 = 1
            for _ in 0..<digits { upper *= 10 }
            let amount = Money(fen: Int64.random(in: 0...upper, using: &generator))
            let days = long ? Int.random(in: 0...18_300, using: &generator) : Int.random(in: 0...400, using: &generator)
            let rate = DayRate(annual: annual, uplift: uplift, yearBasisDays: basis)
            let expected = uplift.map {
                InterestCalculator.interest(on: amount, at: annual, uplift: $0, days: days, yearBasisDays: basis, rounding: rounding)
            } ?? InterestCalculator.interest(on: amount, at: annual, days: days, yearBasisDays: basis, rounding: rounding)
            #expect(rate.rounded(rounding).interest(on: amount, days: days) == expected, "\(amount) x \(annual) x \(days)/\(basis) \(rounding)")
            #expect(rate.interest(on: amount, days: days, rounding: rounding) == expected)
        }
        // By hand: 25.00 x 1.2% x 30 / 360 = 2.5 fen exactly, a tie.
        let tie = DayRate(annual: Rate(units: 120_000_000), yearBasisDays: 360)
        #expect(tie.rounded(.halfUp).interest(on: Money(fen: 2500), days: 30) == Money(fen: 3))
        #expect(tie.rounded(.halfEven).interest(on: Money(fen: 2500), days: 30) == Money(fen: 2))
        #expect(tie.rounded(.down).interest(on: Money(fen: 2500), days: 30) == Money(fen: 2))
        #expect(tie.rounded(.up).interest(on: Money(fen: 2500), days: 30) == Money(fen: 3))
        // 25.02 gives 2.502 fen: every rule but up rounds down.
        #expect(tie.rounded(.halfUp).interest(on: Money(fen: 2502), days: 30) == Money(fen: 3))
        #expect(tie.rounded(.halfEven).interest(on: Money(fen: 2502), days: 30) == Money(fen: 3))
        #expect(tie.rounded(.down).interest(on: Money(fen: 2498), days: 30) == Money(fen: 2))
        #expect(tie.rounded(.up).interest(on: Money(fen: 2498), days: 30) == Money(fen: 3))
        #expect(tie.rounded(.halfUp).interest(on: Money(fen: 2498), days: 30) == Money(fen: 2))
    }
}
