import Foundation
@testable import ReliefInterchange
import Testing

/// Issue "Fuzzing every parser", finding 5: a value that breaks a rule is quoted by its first
/// 60 characters and its length, never whole (a 1 MB attribute made a 1 MB message).
@Suite struct LongValueMessageTests {
    @Test func aLoanBookValueOfAMillionCharactersIsQuotedShort() throws {
        let book = """
            <?xml version="1.0" encoding="UTF-8"?>
            <LoanBook xmlns="urn:creditrelief:loanbook:1" version="1" revision="2">
              <Enterprise creditCode="91370800000000000X" name="\(String(repeating: "x", count: 1_000_000))" size="micro" county="任城区"/>
            </LoanBook>
            """
        do {
            _ = try LoanBookReader().read(bytes: Array(book.utf8), file: "book.xml") { _, _ in }
            Issue.record("a name of a million characters was read")
        } catch {
            let text = "\(error)"
            #expect(text.utf8.count < 1_000, "\(text.prefix(300))")
            #expect(text.contains("the value '\(String(repeating: "x", count: 60))...' (1000000 characters)"))
        }
    }

    @Test func libxml2MessagesHaveTheirLongQuotedValuesCut() {
        let long = String(repeating: "9", count: 500)
        let message = "Element 'Amt': '\(long)' is not a valid value of the atomic type 'Amount'.\n"
        let text = message.withCString { XMLLibrary.problemText($0) }
        #expect(text == "Element 'Amt': '\(String(repeating: "9", count: 60))...' (500 characters) is not a valid value of the atomic type 'Amount'.")
        #expect("short 'one'".withCString { XMLLibrary.problemText($0) } == "short 'one'")
    }
}
