import Foundation
import ReliefApp
import ReliefDomain
import Testing

@Suite struct TodayTests {
    @Test func theEnvironmentFixesToday() throws {
        let today = try Today.resolve(environment: ["RELIEF_TODAY": "2020-02-29"], now: Date(timeIntervalSince1970: 0))
        #expect(today == (try CivilDate(year: 2020, month: 2, day: 29)))
        #expect(Today.isFixed(environment: ["RELIEF_TODAY": "2020-02-29"]))
    }

    @Test func withoutItTheClockGivesTheDayOfTheTimeZone() throws {
        // 2021-03-01T23:59:59Z, and one second later the next day; an empty value is unset.
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(try Today.resolve(environment: [:], now: Date(timeIntervalSince1970: 1_614_643_199), timeZone: utc) == (try CivilDate(year: 2021, month: 3, day: 1)))
        #expect(try Today.resolve(environment: ["RELIEF_TODAY": ""], now: Date(timeIntervalSince1970: 1_614_643_200), timeZone: utc) == (try CivilDate(year: 2021, month: 3, day: 2)))
        // 2021-03-01T16:00:00Z is already 03-02 in Shanghai (UTC+8).
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        #expect(try Today.resolve(environment: [:], now: Date(timeIntervalSince1970: 1_614_614_400), timeZone: shanghai) == (try CivilDate(year: 2021, month: 3, day: 2)))
        #expect(!Today.isFixed(environment: ["RELIEF_TODAY": ""]))
    }

    @Test(arguments: ["2020-02-30", "2021-02-29", "20200301", "tomorrow", "2020-13-01"])
    func anInvalidDateIsRefusedNamingTheVariable(_ text: String) {
        #expect {
            _ = try Today.resolve(environment: ["RELIEF_TODAY": text])
        } throws: { error in
            guard let parse = error as? ParseError else { return false }
            return parse.input == text && parse.kind == "date in RELIEF_TODAY"
        }
    }
}
