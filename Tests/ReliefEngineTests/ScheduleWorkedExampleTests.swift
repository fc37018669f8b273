import ReliefDomain
import ReliefEngine
import Testing

/// The published worked examples of RULES.md section 2 and hand-computed ACT/360 rows.
@Suite struct ScheduleWorkedExampleTests {
    let calculator = ScheduleCalculator()

    @Test func annuity360MonthsAt490() throws {
        let schedule = try calculator.schedule(for: terms("1000000", "4.90%", "2020-01-15", months: 360))
        #expect(schedule.installments[0].payment == (try money("5307.27")))
        #expect(schedule.installments[358].payment == (try money("5307.27")))
        #expect(schedule.invariantViolations().isEmpty)
    }

    @Test func annuity240MonthsFirstRow() throws {
        let schedule = try calculator.schedule(for: terms("1000000", "4.90%", "2020-01-15", months: 240))
        let first = schedule.installments[0]
        #expect(first.payment == (try money("6544.44")))
        #expect(first.interest == (try money("4083.33")))
        #expect(first.principal == (try money("2461.11")))
    }

    @Test func annuity630000() throws {
        let schedule = try calculator.schedule(for: terms("630000", "4.90%", "2020-01-15", months: 360))
        #expect(schedule.installments[0].payment == (try money("3343.58")))
    }

    @Test func equalPrincipalFirstTwoMonths() throws {
        let schedule = try calculator.schedule(for: terms("630000", "4.90%", "2020-01-15", months: 360, .equalPrincipal))
        // 630,000 / 360 = 1,750.00 principal; interest 630,000 x 4.9% / 12 = 2,572.50, then
        // 628,250 x 4.9% / 12 = 2,565.354... -> 2,565.35.
        #expect(schedule.installments[0].payment == (try money("4322.50")))
        #expect(schedule.installments[1].payment == (try money("4315.35")))
        #expect(schedule.installments[0].principal == (try money("1750.00")))
    }

    /// 1,000,000 at 4.35% over 3 months from 2020-01-15, ACT/360, by hand:
    /// M = P i q^3 / (q^3 - 1) with i = 0.003625: 335,752.91 (exact rational, rounded once).
    /// Row 1: 31 days, 1,000,000 x 0.0435 x 31 / 360 = 3,745.833 -> 3,745.83; principal 332,007.08.
    /// Row 2: 29 days, 667,992.92 x 0.0435 x 29 / 360 = 2,340.763 -> 2,340.76; principal 333,412.15.
    /// Row 3: 31 days, 334,580.77 x 0.0435 x 31 / 360 = 1,253.277 -> 1,253.28; pays the balance.
    @Test func annuityAct360RowsByHand() throws {
        let schedule = try calculator.schedule(for: terms("1000000", "4.35%", "2020-01-15", months: 3, dayCount: .act360))
        let rows = schedule.installments
        #expect(rows.map(\.days) == [31, 29, 31])
        #expect(rows.map(\.interest) == [try money("3745.83"), try money("2340.76"), try money("1253.28")])
        #expect(rows.map(\.principal) == [try money("332007.08"), try money("333412.15"), try money("334580.77")])
        #expect(rows[0].payment == (try money("335752.91")))
        #expect(rows[2].payment == (try money("335834.05")))
        #expect(rows[2].balance == .zero)
    }

    /// Interest-only, ACT/360, monthly on the due dates: 1,200,000 at 3.6% from 2020-01-31.
    /// Days 29 (to 02-29), 31 (to 03-31), 30 (to 04-30): interest = 1,200,000 x 0.036 x d / 360
    /// = 120 x d: 3,480.00, 3,720.00, 3,600.00; principal at maturity.
    @Test func interestOnlyMonthlyByHand() throws {
        let schedule = try calculator.schedule(for: terms("1200000", "3.6%", "2020-01-31", months: 3, .interestOnly))
        let rows = schedule.installments
        #expect(rows.map(\.dueDate) == [try date("2020-02-29"), try date("2020-03-31"), try date("2020-04-30")])
        #expect(rows.map(\.interest) == [try money("3480.00"), try money("3720.00"), try money("3600.00")])
        #expect(rows.map(\.principal) == [.zero, .zero, try money("1200000")])
    }

    /// RULES.md section 1: a loan from 2020-01-15 to 2021-01-15 settled quarterly has periods
    /// of 66, 92, 92, 91 and 25 days, due on the 20th and at maturity.
    @Test func quarterlySettlementPeriods() throws {
        let schedule = try calculator.schedule(for: terms("1000000", "3.6%", "2020-01-15", months: 12, .interestOnly, settlement: .quarterly))
        let rows = schedule.installments
        #expect(rows.map(\.days) == [66, 92, 92, 91, 25])
        #expect(rows.map(\.dueDate) == [try date("2020-03-20"), try date("2020-06-20"), try date("2020-09-20"),
                                        try date("2020-12-20"), try date("2021-01-15")])
        // 1,000,000 x 3.6% / 360 = 100.00 a day.
        #expect(rows.map(\.interest) == [try money("6600"), try money("9200"), try money("9200"), try money("9100"), try money("2500")])
        #expect(rows.last?.principal == (try money("1000000")))
    }

    /// 2019-12-21 to 2020-03-20 inclusive is 91 days; maturity on the 21st leaves a final
    /// period of 0 days. A settlement day on the start date accrues that one day, and a
    /// maturity on a settlement day takes the last period (2020-03-21 to 06-20: 91 days).
    @Test func quarterlyFromTheDayAfterSettlement() throws {
        let schedule = try calculator.schedule(for: terms("360000", "3.6%", "2019-12-21", months: 6, .interestOnly, settlement: .quarterly))
        #expect(schedule.installments.map(\.days) == [91, 92, 0])
        let onSettlementDay = try calculator.schedule(for: terms("360000", "3.6%", "2020-03-20", months: 3, .interestOnly, settlement: .quarterly))
        #expect(onSettlementDay.installments.map(\.days) == [1, 91])
    }

    /// Bullet, ACT/360: 500,000 at 5% from 2020-01-15 to 2020-04-15 (91 days):
    /// 500,000 x 0.05 x 91 / 360 = 6,319.444 -> 6,319.44.
    @Test func bulletByHand() throws {
        let schedule = try calculator.schedule(for: terms("500000", "5%", "2020-01-15", months: 3, .bullet))
        #expect(schedule.installments.count == 1)
        #expect(schedule.installments[0].days == 91)
        #expect(schedule.installments[0].interest == (try money("6319.44")))
        // 30/360: exactly 3 months = 500,000 x 0.05 / 4 = 6,250.00.
        let thirty = try calculator.schedule(for: terms("500000", "5%", "2020-01-15", months: 3, .bullet, dayCount: .thirty360))
        #expect(thirty.installments[0].interest == (try money("6250.00")))
        // ACT/365: 500,000 x 0.05 x 91 / 365 = 6,232.876 -> 6,232.88.
        let act365 = try calculator.schedule(for: terms("500000", "5%", "2020-01-15", months: 3, .bullet, dayCount: .act365))
        #expect(act365.installments[0].interest == (try money("6232.88")))
    }
}
