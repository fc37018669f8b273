import ReliefDomain
import ReliefEngine
import Testing

/// The fund's position day by day (`BridgeTimeline`), on a register worked out by hand.
@Suite struct BridgeTimelineTests {
    /// Capital 3,000,000.00 paid in 2020-03-01 and 500,000.00 withdrawn 2020-03-04 (a negative
    /// movement); A 1,800,000.00 advanced 03-02, repaid 03-03 (1 day, fee 1,440.00); B
    /// 1,000,000.00 advanced 03-03, outstanding.
    func register() throws -> BridgeRegister {
        BridgeRegister(
            capital: [.init(date: try date("2020-03-01"), amount: try money("3000000")),
                      .init(date: try date("2020-03-04"), amount: Money(fen: -50_000_000))],
            advances: [
                .init(id: try AdvanceID(validating: "A"), bank: "济宁银行", county: "任城区", amount: try money("1800000"), date: try date("2020-03-02"),
                      repayment: .init(date: try date("2020-03-03"), days: 1, fee: try money("1440"))),
                .init(id: try AdvanceID(validating: "B"), bank: "农商银行", county: "兖州区", amount: try money("1000000"), date: try date("2020-03-03"),
                      repayment: nil),
            ])
    }

    @Test func endOfEachDay() throws {
        let days = BridgeTimeline.days(try register(), from: try date("2020-02-29"), to: try date("2020-03-05"))
        // 2020 is a leap year: 02-29, 03-01 .. 03-05 = 6 days.
        #expect(days.map(\.date) == (try ["2020-02-29", "2020-03-01", "2020-03-02", "2020-03-03", "2020-03-04", "2020-03-05"].map(date)))
        // cash = capital - outstanding + fees received, at the end of each day:
        // 02-29: nothing yet: 0, 0, 0.
        // 03-01: capital 3,000,000.00; cash 3,000,000.00.
        // 03-02: A out: outstanding 1,800,000.00; cash 1,200,000.00.
        // 03-03: A back with 1,440.00, B out: outstanding 1,000,000.00; cash 3,000,000 - 1,000,000 + 1,440 = 2,001,440.00.
        // 03-04: 500,000.00 withdrawn: capital 2,500,000.00; cash 1,501,440.00.
        // 03-05: unchanged.
        let expected: [(String, String, String)] = [
            ("0", "0", "0"), ("3000000", "0", "3000000"), ("3000000", "1800000", "1200000"),
            ("3000000", "1000000", "2001440"), ("2500000", "1000000", "1501440"), ("2500000", "1000000", "1501440"),
        ]
        try #require(days.count == expected.count)
        for (day, (capital, outstanding, cash)) in zip(days, expected) {
            #expect(day.capital == (try money(capital)), "\(day.date)")
            #expect(day.outstanding == (try money(outstanding)), "\(day.date)")
            #expect(day.cash == (try money(cash)), "\(day.date)")
        }
    }

    /// A period starting after events counts them from its first day: from 03-03, capital
    /// 3,000,000.00, A repaid (fee 1,440.00 received), B out: cash 2,001,440.00 on 03-03.
    @Test func eventsBeforeThePeriodCountFromItsFirstDay() throws {
        let days = BridgeTimeline.days(try register(), from: try date("2020-03-03"), to: try date("2020-03-03"))
        #expect(days.count == 1)
        #expect(days.first?.capital == (try money("3000000")))
        #expect(days.first?.outstanding == (try money("1000000")))
        #expect(days.first?.cash == (try money("2001440")))
    }

    @Test func aPeriodEndingBeforeItStartsIsEmpty() throws {
        #expect(BridgeTimeline.days(try register(), from: try date("2020-03-05"), to: try date("2020-03-04")).isEmpty)
    }
}
