import ReliefDomain
import Testing

@Suite struct SettlementTests {
    @Test(arguments: [
        ("due-dates", Settlement.dueDates),
        ("Due-Dates", .dueDates),
        ("quarterly", .quarterly),
        ("QUARTERLY", .quarterly),
        ("按季", .quarterly),
        ("按季结息", .quarterly),
    ])
    func parses(text: String, expected: Settlement) throws {
        #expect(try Settlement(parsing: text) == expected)
    }

    @Test(arguments: ["", " ", "quarter", "due dates", "yearly", " quarterly", "按年"])
    func refuses(text: String) {
        let error = #expect(throws: ParseError.self) { try Settlement(parsing: text) }
        #expect(error?.input == text)
        #expect(error?.kind == "settlement")
    }

    @Test func namesParseBack() throws {
        #expect(Settlement.allCases.map(\.rawValue) == ["due-dates", "quarterly"])
        for settlement in Settlement.allCases {
            #expect(try Settlement(parsing: settlement.rawValue) == settlement)
        }
    }
}
