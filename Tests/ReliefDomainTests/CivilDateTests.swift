import ReliefDomain
import Testing

/// The Gregorian rules, written out independently of `CivilDate`.
private func referenceIsLeap(_ year: Int) -> Bool {
    if year % 400 == 0 { return true }
    if year % 100 == 0 { return false }
    return year % 4 == 0
}

private func referenceDaysInMonth(_ year: Int, _ month: Int) -> Int {
    let lengths = [31, referenceIsLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return lengths[month - 1]
}

private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

@Suite struct CivilDateTests {
    // MARK: Parsing

    @Test(arguments: ["2020-02-29", "2020-01-01", "2019-12-31", "2000-02-29", "1900-01-01", "2999-12-31", "2020-03-31"])
    func parsesAndPrintsBack(text: String) throws {
        #expect(try date(text).description == text)
    }

    @Test func parsesComponents() throws {
        let leapDay = try date("2020-02-29")
        #expect(leapDay.year == 2020)
        #expect(leapDay.month == 2)
        #expect(leapDay.day == 29)
        #expect(leapDay.components == (2020, 2, 29))
        #expect(try date("2020-02-29") == CivilDate(year: 2020, month: 2, day: 29))
    }

    @Test(arguments: [
        ("2020-02-30", "29 days"),
        ("2019-02-29", "28 days"),
        ("2100-02-29", "28 days"),   // 2100 is divisible by 100, not by 400
        ("2020-04-31", "30 days"),
        ("2020-01-32", "31 days"),
        ("2020-01-00", "31 days"),
        ("2020-13-01", "no month 13"),
        ("2020-00-10", "no month 0"),
        ("1899-12-31", "1900-2999"),
        ("3000-01-01", "1900-2999"),
        ("0000-01-01", "1900-2999"),
        ("2020-1-5", "YYYY-MM-DD"),
        ("2020-01-5", "YYYY-MM-DD"),
        ("20200105", "YYYY-MM-DD"),
        ("2020/01/05", "YYYY-MM-DD"),
        ("2020.01.05", "YYYY-MM-DD"),
        ("05-01-2020", "YYYY-MM-DD"),
        ("", "YYYY-MM-DD"),
        ("          ", "YYYY-MM-DD"),
        (" 2020-01-05", "YYYY-MM-DD"),
        ("2020-01-05 ", "YYYY-MM-DD"),
        ("2020-01-05T00:00", "YYYY-MM-DD"),
        ("+020-01-05", "YYYY-MM-DD"),
        ("2020-+1-05", "YYYY-MM-DD"),
        ("2020-01--5", "YYYY-MM-DD"),
        ("abcd-ef-gh", "YYYY-MM-DD"),
        ("２０２０-01-05", "YYYY-MM-DD"),  // full-width digits
    ])
    func refuses(text: String, reason: String) {
        let error = #expect(throws: ParseError.self) { try CivilDate(parsing: text) }
        #expect(error?.input == text)
        #expect(error?.kind == "date")
        #expect(error?.reason.contains(reason) == true, "reason was: \(error?.reason ?? "none")")
    }

    @Test func componentInitRefusesImpossibleDates() {
        #expect(throws: ParseError.self) { try CivilDate(year: 2020, month: 2, day: 30) }
        #expect(throws: ParseError.self) { try CivilDate(year: 2020, month: 13, day: 1) }
        #expect(throws: ParseError.self) { try CivilDate(year: 2020, month: 1, day: 0) }
        #expect(throws: ParseError.self) { try CivilDate(year: 1899, month: 12, day: 31) }
        #expect(throws: ParseError.self) { try CivilDate(year: 3000, month: 1, day: 1) }
        #expect(throws: ParseError.self) { try CivilDate(year: 2020, month: -1, day: 1) }
    }

    // MARK: Days since the epoch

    /// 1970-01-01 to 2000-01-01 is 30 years with 7 leap days (1972...1996) = 10,957 days; then
    /// January (31) and February 2000 (29, a leap year) = 11,017. 1900-01-01: 70 years before
    /// 1970 with 17 leap days (1904...1968; 1900 is not leap) = -25,567.
    @Test func daysSinceEpoch() throws {
        #expect(try date("1970-01-01").daysSinceEpoch == 0)
        #expect(try date("1970-01-02").daysSinceEpoch == 1)
        #expect(try date("1969-12-31").daysSinceEpoch == -1)
        #expect(try date("2000-03-01").daysSinceEpoch == 11_017)
        #expect(try date("2000-01-01").daysSinceEpoch == 10_957)
        #expect(try date("1900-01-01").daysSinceEpoch == -25_567)
        // 2101-01-01: 131 years after 1970 with 32 leap days (1972...2096) = 47,847; one day before.
        #expect(try date("2100-12-31").daysSinceEpoch == 47_846)
        #expect(CivilDate(daysSinceEpoch: 11_017).description == "2000-03-01")
        #expect(CivilDate(daysSinceEpoch: -25_567).description == "1900-01-01")
    }

    /// Every day from 1900-01-01 to 2100-12-31, built from its components: consecutive days
    /// are consecutive integers, and the components and text come back unchanged.
    @Test func everyDayFrom1900To2100RoundTrips() {
        var expected: Int32 = -25_567
        var failures: [String] = []
        for year in 1900...2100 {
            for month in 1...12 {
                for day in 1...referenceDaysInMonth(year, month) {
                    let text = "\(year)-\(twoDigits(month))-\(twoDigits(day))"
                    guard let built = try? CivilDate(year: year, month: month, day: day) else {
                        failures.append("\(text) refused")
                        continue
                    }
                    let components = built.components
                    let reparsed = try? CivilDate(parsing: text)
                    let fromDays = CivilDate(daysSinceEpoch: expected)
                    if built.daysSinceEpoch != expected || components != (year, month, day)
                        || built.description != text || reparsed != built || fromDays.components != (year, month, day) {
                        failures.append(text)
                    }
                    expected += 1
                }
            }
        }
        // The count and the first few, not the whole list, if anything fails.
        let failureCount = failures.count
        #expect(failureCount == 0, "first: \(failures.prefix(5))")
        #expect(expected == 47_847)  // one past 2100-12-31
    }

    @Test func leapYearsAndMonthLengths() {
        for year in [1900, 1996, 2000, 2019, 2020, 2100, 2400, 2999] {
            #expect(CivilDate.isLeapYear(year) == referenceIsLeap(year), "year \(year)")
            for month in 1...12 {
                #expect(CivilDate.daysInMonth(year: year, month: month) == referenceDaysInMonth(year, month))
            }
            // Feb 29 exists exactly in leap years.
            let leapDay = try? CivilDate(year: year, month: 2, day: 29)
            #expect((leapDay != nil) == referenceIsLeap(year), "year \(year)")
        }
        #expect(!CivilDate.isLeapYear(1900))
        #expect(CivilDate.isLeapYear(2000))
        #expect(CivilDate.isLeapYear(2020))
        #expect(!CivilDate.isLeapYear(2100))
    }

    // MARK: Day differences (算头不算尾)

    @Test func daysBetweenDates() throws {
        // RULES.md section 1: 2019-12-21 to 2020-03-20 inclusive is 91 days
        // (Dec 21-31: 11, Jan: 31, Feb 2020: 29, Mar 1-20: 20).
        #expect(try date("2019-12-21").days(to: date("2020-03-21")) == 91)
        // 2020-03-21 to 2020-06-20 inclusive: 11 + 30 + 31 + 20 = 92.
        #expect(try date("2020-03-21").days(to: date("2020-06-21")) == 92)
        // RULES.md section 4: 2020-03-01 to 2020-06-30 is 121 days (31 + 30 + 31 + 29).
        #expect(try date("2020-03-01").days(to: date("2020-06-30")) == 121)
        #expect(try date("2020-06-30").days(to: date("2020-03-01")) == -121)
        #expect(try date("2020-03-01").days(to: date("2020-03-01")) == 0)
        #expect(try date("2020-01-01").days(to: date("2021-01-01")) == 366)
        #expect(try date("2019-01-01").days(to: date("2020-01-01")) == 365)
        #expect(try date("2100-01-01").days(to: date("2101-01-01")) == 365)
        #expect(try date("2020-02-28").days(to: date("2020-03-01")) == 2)
        #expect(try date("2019-02-28").days(to: date("2019-03-01")) == 1)
    }

    /// RULES.md section 1: a loan from 2020-01-15 to 2021-01-15 settled quarterly on the 20th
    /// has periods of 66, 92, 92, 91 and 25 days.
    @Test func quarterlySettlementPeriods() throws {
        let boundaries = try ["2020-01-15", "2020-03-21", "2020-06-21", "2020-09-21", "2020-12-21", "2021-01-15"].map(date)
        let lengths = zip(boundaries, boundaries.dropFirst()).map { $0.days(to: $1) }
        #expect(lengths == [66, 92, 92, 91, 25])
    }

    @Test func addingDays() throws {
        #expect(try date("2020-02-28").adding(days: 1) == date("2020-02-29"))
        #expect(try date("2020-02-28").adding(days: 2) == date("2020-03-01"))
        #expect(try date("2019-02-28").adding(days: 1) == date("2019-03-01"))
        #expect(try date("2019-12-31").adding(days: 1) == date("2020-01-01"))
        #expect(try date("2020-01-01").adding(days: -1) == date("2019-12-31"))
        #expect(try date("2020-03-02").adding(days: 15) == date("2020-03-17"))
        #expect(try date("2020-01-01").adding(days: 366) == date("2021-01-01"))
    }

    // MARK: Adding months, clamped to month end and anchored to the original day

    @Test(arguments: [
        ("2019-01-31", 1, "2019-02-28"),
        ("2019-01-31", 2, "2019-03-31"),
        ("2019-01-31", 3, "2019-04-30"),
        ("2019-01-31", 4, "2019-05-31"),
        ("2019-01-31", 12, "2020-01-31"),
        ("2019-01-31", 13, "2020-02-29"),
        ("2020-01-31", 1, "2020-02-29"),
        ("2020-01-30", 1, "2020-02-29"),
        ("2020-01-29", 1, "2020-02-29"),
        ("2020-01-28", 1, "2020-02-28"),
        ("2020-02-29", 1, "2020-03-29"),
        ("2020-02-29", 12, "2021-02-28"),
        ("2020-02-29", 24, "2022-02-28"),
        ("2020-02-29", 48, "2024-02-29"),
        ("2020-03-31", 1, "2020-04-30"),
        ("2020-03-31", -1, "2020-02-29"),
        ("2020-03-31", -13, "2019-02-28"),
        ("2020-01-15", 0, "2020-01-15"),
        ("2020-01-15", 12, "2021-01-15"),
        ("2019-12-15", 1, "2020-01-15"),   // across a year end
        ("2019-11-30", 2, "2020-01-30"),
        ("2020-12-31", 1, "2021-01-31"),
        ("2020-12-31", 2, "2021-02-28"),
        ("2020-01-15", 600, "2070-01-15"),
        ("2020-08-31", 1, "2020-09-30"),
        ("2020-10-31", 1, "2020-11-30"),
    ])
    func addingMonths(start: String, months: Int, expected: String) throws {
        #expect(try date(start).adding(months: months).description == expected)
    }

    @Test func anchoredUsesTheOriginalDay() throws {
        // From 2019-02-28 the original day is the 31st of January, so March is back to the 31st.
        #expect(CivilDate.anchored(year: 2019, month: 1, day: 31, plusMonths: 2) == (try date("2019-03-31")))
        #expect(CivilDate.anchored(year: 2019, month: 1, day: 31, plusMonths: 11) == (try date("2019-12-31")))
        #expect(CivilDate.anchored(year: 2019, month: 12, day: 31, plusMonths: 2) == (try date("2020-02-29")))
        // Stepping month by month from a clamped date drifts; the anchor does not.
        #expect(try date("2019-01-31").adding(months: 1).adding(months: 1) == date("2019-03-28"))
    }

    @Test func ordersByDay() throws {
        #expect(try date("2019-12-31") < date("2020-01-01"))
        #expect(try !(date("2020-01-01") < date("2020-01-01")))
        let sorted = try ["2020-03-01", "2019-12-31", "2020-02-29"].map(date).sorted().map(\.description)
        #expect(sorted == ["2019-12-31", "2020-02-29", "2020-03-01"])
        #expect(try Set(["2020-03-01", "2020-03-01", "2020-03-02"].map(date)).count == 2)
    }
}
