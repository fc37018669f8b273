import ReliefDomain
import Testing

@Suite struct DayCountTests {
    // MARK: Parsing

    @Test(arguments: [
        ("30/360", DayCount.thirty360),
        ("30E/360", .thirty360),
        ("30e/360", .thirty360),
        ("按月计息", .thirty360),
        ("act/360", .act360),
        ("ACT/360", .act360),
        ("Actual/360", .act360),
        ("按日计息", .act360),
        ("act/365", .act365),
        ("ACT/365F", .act365),
        ("actual/365", .act365),
        ("Actual/365F", .act365),
    ])
    func parses(text: String, expected: DayCount) throws {
        #expect(try DayCount(parsing: text) == expected)
    }

    @Test(arguments: ["", " ", "act/366", "30/365", "act/act", " act/360", "act/360 ", "act360", "360", "ACT / 360"])
    func refuses(text: String) {
        let error = #expect(throws: ParseError.self) { try DayCount(parsing: text) }
        #expect(error?.input == text)
        #expect(error?.kind == "day count")
    }

    @Test func rawValuesParseBack() throws {
        for dayCount in DayCount.allCases {
            #expect(try DayCount(parsing: dayCount.rawValue) == dayCount)
        }
        #expect(DayCount.allCases.map(\.rawValue) == ["30/360", "act/360", "act/365"])
    }

    @Test func yearBasis() {
        #expect(DayCount.thirty360.yearBasisDays == 360)
        #expect(DayCount.act360.yearBasisDays == 360)
        #expect(DayCount.act365.yearBasisDays == 365)
    }

    // MARK: Accrual days

    /// 30/360 gives 30 days to every whole month, whatever the month's length.
    @Test func thirty360WholeMonths() throws {
        // 2020-01-31 to 2020-02-29 is 29 actual days but one whole month.
        #expect(try DayCount.thirty360.accrualDays(from: date("2020-01-31"), to: date("2020-02-29"), wholeMonths: 1) == 30)
        // 2020-02-29 to 2020-03-31 (anchored on the 31st) is 31 actual days, still 30.
        #expect(try DayCount.thirty360.accrualDays(from: date("2020-02-29"), to: date("2020-03-31"), wholeMonths: 1) == 30)
        #expect(try DayCount.thirty360.accrualDays(from: date("2020-01-15"), to: date("2020-04-15"), wholeMonths: 3) == 90)
        #expect(try DayCount.thirty360.accrualDays(from: date("2020-01-15"), to: date("2021-01-15"), wholeMonths: 12) == 360)
        #expect(try DayCount.thirty360.accrualDays(from: date("2020-01-15"), to: date("2020-01-15"), wholeMonths: 0) == 0)
    }

    /// Without whole months 30/360 counts 30E/360: 360 x years + 30 x months + (min(d2, 30) - min(d1, 30)).
    @Test(arguments: [
        ("2020-01-15", "2020-03-20", 65),   // 30 x 2 + (20 - 15)
        ("2019-12-21", "2020-03-21", 90),   // 360 x 1 + 30 x (3 - 12) + 0
        ("2020-01-31", "2020-02-29", 29),   // 30 + (29 - 30): 30E/360 leaves February's end alone
        ("2020-01-30", "2020-03-31", 60),   // 30 x 2 + (30 - 30)
        ("2020-01-31", "2020-03-31", 60),   // day 31 on both ends counts as 30
        ("2020-03-31", "2020-04-30", 30),   // 30 + (30 - 30)
        ("2020-01-01", "2021-01-01", 360),
        ("2020-02-28", "2020-03-01", 3),    // 30 + (1 - 28)
        ("2020-03-01", "2020-03-01", 0),
        ("2020-03-20", "2020-01-15", -65),  // reversed
    ])
    func thirtyE360Periods(start: String, end: String, days: Int) throws {
        #expect(try DayCount.thirty360.accrualDays(from: date(start), to: date(end), wholeMonths: nil) == days)
    }

    /// ACT/360 and ACT/365 count actual days, first day counted and last not, and ignore
    /// `wholeMonths`.
    @Test(arguments: [
        ("2019-12-21", "2020-03-21", 91),   // 11 + 31 + 29 + 20
        ("2020-03-21", "2020-06-21", 92),   // 11 + 30 + 31 + 20
        ("2020-03-01", "2020-06-30", 121),  // 31 + 30 + 31 + 29
        ("2020-01-31", "2020-02-29", 29),
        ("2019-01-31", "2019-02-28", 28),
        ("2020-01-01", "2021-01-01", 366),
        ("2020-03-02", "2020-03-17", 15),
        ("2020-03-02", "2020-03-02", 0),
    ])
    func actualPeriods(start: String, end: String, days: Int) throws {
        for dayCount in [DayCount.act360, .act365] {
            #expect(try dayCount.accrualDays(from: date(start), to: date(end), wholeMonths: nil) == days)
            #expect(try dayCount.accrualDays(from: date(start), to: date(end), wholeMonths: 1) == days)
        }
    }
}
