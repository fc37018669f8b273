import ReliefDomain
import Testing

@Suite struct MonthlyDueDatesTests {
    /// RULES.md section 2: start 2019-01-31 gives 2019-02-28, 2019-03-31, 2019-04-30, ...
    @Test func anchorsToTheStartDay() throws {
        let dates = MonthlyDueDates(start: try date("2019-01-31")).prefix(14).map(\.description)
        #expect(dates == ["2019-02-28", "2019-03-31", "2019-04-30", "2019-05-31", "2019-06-30", "2019-07-31",
                          "2019-08-31", "2019-09-30", "2019-10-31", "2019-11-30", "2019-12-31", "2020-01-31",
                          "2020-02-29", "2020-03-31"])
    }

    @Test func fromALeapDay() throws {
        var dates = MonthlyDueDates(start: try date("2020-02-29"))
        let first12 = (0..<12).map { _ in dates.nextDueDate().description }
        #expect(first12.first == "2020-03-29")
        #expect(first12.last == "2021-02-28")
        #expect(dates.nextDueDate().description == "2021-03-29")
    }

    /// The month-by-month walk agrees with `adding(months:)` for every start day of 2019-2020
    /// over 50 years (two independent computations of the same rule).
    @Test func agreesWithAddingMonths() throws {
        var failures: [String] = []
        var start = try date("2019-01-01")
        let end = try date("2021-01-01")
        while start < end {
            var walk = MonthlyDueDates(start: start)
            for months in 1...600 {
                let walked = walk.nextDueDate()
                if walked != start.adding(months: months) {
                    failures.append("\(start) + \(months)")
                    break
                }
            }
            start = start.adding(days: 1)
        }
        let failureCount = failures.count
        #expect(failureCount == 0, "first: \(failures.prefix(5))")
    }
}
