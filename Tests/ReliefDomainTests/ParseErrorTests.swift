import ReliefDomain
import Testing

@Suite struct ParseErrorTests {
    @Test func describesTheInputKindAndReason() {
        let error = ParseError(input: "12.345", kind: "amount", reason: "more than two decimals")
        #expect(error.description == "'12.345' is not a valid amount: more than two decimals")
    }

    /// Inputs longer than 40 characters are cut to 40 and marked, so that a whole file line
    /// does not flood the message.
    @Test func shortensLongInputs() {
        let forty = String(repeating: "1", count: 40)
        #expect(ParseError(input: forty, kind: "amount", reason: "r").description == "'\(forty)' is not a valid amount: r")
        let fortyOne = forty + "2"
        #expect(ParseError(input: fortyOne, kind: "amount", reason: "r").description == "'\(forty)...' is not a valid amount: r")
    }

    @Test func parsersReportThroughIt() {
        let error = #expect(throws: ParseError.self) { try Money(parsing: "12.345") }
        #expect(error?.description.hasPrefix("'12.345' is not a valid amount: ") == true)
    }
}
