import ReliefDomain
import ReliefEngine
import ReliefTestSupport
import Testing

/// RULES.md sections 3-4 and SPEC.md "defer --format json".
@Suite struct DeferralTests {
    func programme2020() throws -> ReliefProgramme { try ReliefProgramme.nationalNotice2020() }

    /// A bullet loan of 1,000,000 at 4.35% maturing 2020-03-01, deferred to 2020-06-30 (121 days).
    func bulletDueMarch1(dayCount: DayCount? = nil) throws -> Schedule {
        try ScheduleCalculator().schedule(for: terms("1000000", "4.35%", "2019-03-01", months: 12, .bullet, dayCount: dayCount))
    }

    /// RULES.md section 4: ordinary 14,620.83; +30%: 19,007.08 (4,386.25 avoided); +50%:
    /// 21,931.25 (7,310.42 avoided). The bullet's interest, 1,000,000 x 4.35% x 366 / 360 =
    /// 44,225.00, bears compound interest without relief: 44,225 x 4.35% x 1.5 x 121 / 360 = 969.91.
    @Test func section4Figures() throws {
        let schedule = try bulletDueMarch1()
        let at50 = DeferralCalculator(programme: try programme2020()).apply(to: schedule)
        #expect(schedule.installments[0].interest == (try money("44225.00")))
        #expect(at50.totals.deferredPrincipal == (try money("1000000")))
        #expect(at50.totals.deferredInterest == (try money("44225.00")))
        #expect(at50.installments[0].daysDeferred == 121)
        #expect(at50.totals.interestOnDeferredPrincipal == (try money("14620.83")))
        #expect(at50.totals.penaltyInterestWithoutRelief == (try money("21931.25")))
        #expect(at50.totals.penaltyInterestWithoutRelief - at50.totals.interestOnDeferredPrincipal == (try money("7310.42")))
        #expect(at50.totals.compoundInterestWithoutRelief == (try money("969.91")))
        #expect(at50.totals.compoundOnDeferredInterest == .zero)
        #expect(at50.totals.relief == (try money("7310.42")) + (try money("969.91")))

        let at30 = DeferralCalculator(programme: try programme2020().overriding(penaltyUplift: try rate("30%"))).apply(to: schedule)
        #expect(at30.totals.penaltyInterestWithoutRelief == (try money("19007.08")))
        #expect(at30.totals.penaltyInterestWithoutRelief - at30.totals.interestOnDeferredPrincipal == (try money("4386.25")))
    }

    /// Compound interest on deferred interest when switched on: 44,225 x 4.35% x 121 / 360 = 646.61.
    @Test func compoundOnDeferredInterestSwitch() throws {
        let programme = try programme2020().overriding(compoundOnDeferredInterest: true)
        let result = DeferralCalculator(programme: programme).apply(to: try bulletDueMarch1())
        #expect(result.totals.compoundOnDeferredInterest == (try money("646.61")))
        #expect(result.totals.relief == (try money("21931.25")) + (try money("969.91")) - (try money("14620.83")) - (try money("646.61")))
    }

    /// 1,000,000 at 4.35% for 157 days (2020-01-25 to 2020-06-30): 18,970.83; ACT/365: 18,710.96.
    @Test func oneHundredFiftySevenDays() throws {
        let act360 = try ScheduleCalculator().schedule(for: terms("1000000", "4.35%", "2019-01-25", months: 12, .bullet))
        let result360 = DeferralCalculator(programme: try programme2020()).apply(to: act360)
        #expect(result360.installments[0].daysDeferred == 157)
        #expect(result360.totals.interestOnDeferredPrincipal == (try money("18970.83")))
        let act365 = try ScheduleCalculator().schedule(for: terms("1000000", "4.35%", "2019-01-25", months: 12, .bullet, dayCount: .act365))
        #expect(DeferralCalculator(programme: try programme2020()).apply(to: act365).totals.interestOnDeferredPrincipal == (try money("18710.96")))
    }

    /// RULES.md section 4: 200,000 x 5% x 1.5 / 360 x 30 days = 1,250.00.
    @Test func penaltyFormula() throws {
        #expect(InterestCalculator.interest(on: try money("200000"), at: try rate("5%"), uplift: try rate("50%"), days: 30,
                                            yearBasisDays: 360) == (try money("1250.00")))
    }

    /// Window edges: due 2020-01-25 and 2020-06-30 deferred; 2020-01-24 and 2020-07-01 not.
    @Test func windowEdges() throws {
        let calculator = DeferralCalculator(programme: try programme2020())
        func deferredDueDates(start: String) throws -> [String] {
            let schedule = try ScheduleCalculator().schedule(for: terms("120000", "4.35%", start, months: 8))
            return calculator.apply(to: schedule).installments.filter(\.isDeferred).map { $0.original.dueDate.description }
        }
        #expect(try deferredDueDates(start: "2019-12-25").first == "2020-01-25")
        #expect(try deferredDueDates(start: "2019-12-24") == ["2020-02-24", "2020-03-24", "2020-04-24", "2020-05-24", "2020-06-24"])
        #expect(try deferredDueDates(start: "2019-12-30").last == "2020-06-30")
        #expect(try deferredDueDates(start: "2020-01-01") == ["2020-02-01", "2020-03-01", "2020-04-01", "2020-05-01", "2020-06-01"])
    }

    @Test func deferredRowsMoveAndAreNotOverdue() throws {
        let schedule = try ScheduleCalculator().schedule(for: terms("120000", "4.35%", "2019-12-15", months: 12))
        let result = DeferralCalculator(programme: try programme2020()).apply(to: schedule)
        #expect(result.installments.count == 12)
        #expect(result.installments.map(\.original.period) == Array(1...12))
        for row in result.installments where row.isDeferred {
            #expect(row.dueDate == (try date("2020-06-30")))
            #expect(row.original.dueDate >= (try date("2020-01-25")))
        }
        // Unpaid on 2020-05-01: without relief, rows due 2020-01-15 .. 2020-04-15 would be
        // overdue; with it, only the one due before the window (2020-01-15).
        #expect(result.overdueInstallments(unpaidOn: try date("2020-05-01")).map(\.original.period) == [1])
        #expect(result.totals.deferredInstallments == 5)  // Feb 15 .. Jun 15
    }

    @Test func noInstallmentInTheWindow() throws {
        let schedule = try ScheduleCalculator().schedule(for: terms("120000", "4.35%", "2020-07-01", months: 6))
        let result = DeferralCalculator(programme: try programme2020()).apply(to: schedule)
        #expect(!result.deferredAnything)
        #expect(result.totals == DeferralTotals())
        #expect(result.totals.relief == .zero)
    }

    @Test func presetDates() throws {
        let expected: [(String, String, String, String, Set<EnterpriseSize>, Money?)] = [
            ("2020", "2020-01-25", "2020-06-30", "2020-06-30", [.micro, .small, .medium], nil),
            ("2020-06", "2020-06-01", "2020-12-31", "2021-03-31", [.micro, .small], try money("10,000,000")),
            ("2021-04", "2021-04-01", "2021-12-31", "2021-12-31", [.micro, .small], try money("10,000,000")),
            ("2022-11", "2022-10-01", "2022-12-31", "2023-06-30", [.micro, .small], nil),
        ]
        #expect(ReliefProgramme.presetNames == expected.map(\.0))
        for (name, from, until, deferTo, sizes, cap) in expected {
            let programme = try #require(ReliefProgramme.preset(named: name))
            #expect(programme.window.lowerBound == (try date(from)), "\(name)")
            #expect(programme.window.upperBound == (try date(until)), "\(name)")
            #expect(programme.deferralDate == (try date(deferTo)), "\(name)")
            #expect(programme.eligibility.sizes == sizes, "\(name)")
            #expect(programme.eligibility.creditLineCap == cap, "\(name)")
            #expect(programme.penaltyUplift == (try rate("50%")))
            #expect(programme.interestOnDeferredPrincipal && !programme.compoundOnDeferredInterest)
            #expect(!programme.eligibility.sizes.contains(.large))
        }
        #expect(ReliefProgramme.preset(named: "2019") == nil)
    }

    @Test func eligibility() throws {
        let national = try programme2020()
        let applied = try date("2020-03-01")
        #expect(national.refusalReason(for: .init(size: .medium, creditLine: nil, applied: applied)) == nil)
        #expect(national.refusalReason(for: .init(size: .large, creditLine: nil, applied: applied))?.contains("large enterprises are not eligible") == true)
        #expect(national.refusalReason(for: .init(size: .small, creditLine: nil, applied: nil))?.contains("not applied") == true)
        #expect(national.refusalReason(for: .init(size: .small, creditLine: nil, applied: try date("2020-07-01")))?.contains("after the deferral date") == true)
        let inclusive = try #require(ReliefProgramme.preset(named: "2020-06"))
        #expect(inclusive.refusalReason(for: .init(size: .small, creditLine: try money("10,000,000.00"), applied: applied)) == nil)
        #expect(inclusive.refusalReason(for: .init(size: .small, creditLine: try money("10,000,000.01"), applied: applied))?.contains("over programme 2020-06's cap") == true)
        #expect(inclusive.refusalReason(for: .init(size: .medium, creditLine: try money("1,000,000"), applied: applied)) != nil)
    }

    /// The 2022-11 notice covers loans maturing in Q4 2022 (RULES.md section 3): maturity on
    /// 2022-10-01 and 2022-12-31 is in, 2022-09-30 and 2023-01-01 are out, unknown is refused;
    /// the other presets admit any maturity.
    @Test func the202211NoticeIsScopedByMaturity() throws {
        let notice = try #require(ReliefProgramme.preset(named: "2022-11"))
        let applied = try date("2022-11-20")
        func reason(_ maturity: String?) throws -> String? {
            notice.refusalReason(for: .init(size: .small, creditLine: nil, applied: applied, maturity: try maturity.map(date)))
        }
        #expect(try reason("2022-10-01") == nil)
        #expect(try reason("2022-12-31") == nil)
        #expect(try reason("2022-09-30")?.contains("matures 2022-09-30, outside programme 2022-11's loans maturing 2022-10-01 to 2022-12-31") == true)
        #expect(try reason("2023-01-01")?.contains("outside") == true)
        #expect(try reason(nil)?.contains("maturity is unknown") == true)
        #expect(try programme2020().refusalReason(for: .init(size: .small, creditLine: nil, applied: try date("2020-03-01"),
                                                             maturity: try date("2030-01-01"))) == nil)
        // A loan maturing in Q4 2022 defers its Q4 installments; its earlier ones stay.
        let terms = try LoanTerms(principal: try money("120,000"), annualRate: try rate("4.35%"), start: try date("2021-12-15"),
                                  termMonths: 12, method: .equalPrincipal)
        #expect(terms.maturity == (try date("2022-12-15")))
        let result = DeferralCalculator(programme: notice).apply(to: try ScheduleCalculator().schedule(for: terms))
        #expect(result.installments.filter(\.isDeferred).map(\.original.period) == [10, 11, 12])
        #expect(result.totals.deferredPrincipal == (try money("30,000")))
    }

    @Test func overridesAndTheirLimits() throws {
        let national = try programme2020()
        let later = try national.overriding(deferralDate: try date("2020-09-30"))
        #expect(later.deferralDate == (try date("2020-09-30")))
        #expect(throws: RuleViolation.self) { try national.overriding(deferralDate: try date("2020-06-29")) }
        #expect(throws: RuleViolation.self) { try national.overriding(from: try date("2020-07-01")) }
        #expect(throws: RuleViolation.self) { try national.overriding(penaltyUplift: try rate("29.99%")) }
        #expect(throws: RuleViolation.self) { try national.overriding(penaltyUplift: try rate("100.01%")) }
        #expect((try national.overriding(penaltyUplift: try rate("100%"))).penaltyUplift == (try rate("1")))
        // A later window end without a date of its own moves the deferral date to it.
        #expect((try national.overriding(until: try date("2020-08-31"))).deferralDate == (try date("2020-08-31")))
    }

    /// Properties over random loans and random programmes.
    @Test func propertiesOverRandomLoansAndProgrammes() throws {
        var generator = SeededGenerator(seed: 2_020_0630)
        var deferredLoans = 0
        for _ in 0..<2_000 {
            guard let loan = SchedulePropertyTests.randomTerms(&generator),
                  let schedule = try? ScheduleCalculator().schedule(for: loan) else { continue }
            let from = loan.start.adding(days: Int.random(in: -60...600, using: &generator))
            let until = from.adding(days: Int.random(in: 0...400, using: &generator))
            let deferTo = until.adding(days: Int.random(in: 0...200, using: &generator))
            let scope = ReliefProgramme.Scope.allCases.randomElement(using: &generator) ?? .both
            let programme = try ReliefProgramme(
                name: "random", title: "random", window: from...until, deferralDate: deferTo, scope: scope,
                compoundOnDeferredInterest: Bool.random(using: &generator),
                penaltyUplift: Rate(units: Int64.random(in: (Rate.scale * 3 / 10)...Rate.scale, using: &generator)),
                eligibility: .init(sizes: [.small]))
            let result = DeferralCalculator(programme: programme).apply(to: schedule)
            let principalAfter = result.installments.reduce(Money.zero) { $0 + $1.original.principal }
            #expect(principalAfter == loan.principal)
            #expect(result.totals.relief >= .zero)
            #expect(result.installments.count == schedule.installments.count)
            for row in result.installments {
                if row.isDeferred {
                    #expect(row.daysDeferred >= 0)
                    #expect(row.penaltyInterestWithoutRelief >= row.interestOnDeferredPrincipal)
                }
                // Nothing falls due inside the window after deferral, unless the deferral date is in it.
                if scope == .both && programme.window.contains(row.dueDate) {
                    #expect(row.dueDate == deferTo)
                }
            }
            if result.deferredAnything { deferredLoans += 1 }
        }
        #expect(deferredLoans > 300)
    }
}
