import ReliefDomain
import Testing

@Suite struct IdentifierTests {
    @Test(arguments: ["L-2020-0001", "1", "贷款合同2020第001号", "loan 1", "a\u{00A0}b", "ABC_def.123/x"])
    func acceptsReasonableIdentifiers(text: String) throws {
        let id = try LoanID(validating: text)
        #expect(id.rawValue == text)
        #expect(id.description == text)
    }

    /// The limit counts characters, not bytes: 64 Chinese characters (192 UTF-8 bytes) pass.
    @Test func acceptsUpToTheLimit() throws {
        #expect(LoanID.maximumLength == 64)
        #expect(AdvanceID.maximumLength == 64)
        let ascii = String(repeating: "x", count: 64)
        #expect(try LoanID(validating: ascii).rawValue == ascii)
        let chinese = String(repeating: "贷", count: 64)
        #expect(try LoanID(validating: chinese).rawValue == chinese)
    }

    @Test(arguments: [
        ("", "empty"),
        (String(repeating: "x", count: 65), "longer than 64"),
        (String(repeating: "贷", count: 65), "longer than 64"),
        ("L-1\n", "control character"),
        ("L\n1", "control character"),
        ("L\t1", "control character"),
        ("L\r\n1", "control character"),
        ("L\u{0}1", "control character"),
        ("L\u{7F}1", "control character"),   // DEL
        ("L\u{85}1", "control character"),   // NEXT LINE, a C1 control
        ("L\u{1B}[0m", "control character"), // ESC, a terminal escape
        (" L-1", "leading or trailing blanks"),
        ("L-1 ", "leading or trailing blanks"),
        (" ", "leading or trailing blanks"),
    ])
    func refuses(text: String, reason: String) {
        let error = #expect(throws: ParseError.self) { try LoanID(validating: text) }
        #expect(error?.input == text)
        #expect(error?.kind == "loan id")
        #expect(error?.reason.contains(reason) == true, "reason was: \(error?.reason ?? "none")")
    }

    /// Each kind names itself in its errors.
    @Test func errorsNameTheKind() {
        let loan = #expect(throws: ParseError.self) { try LoanID(validating: "") }
        let advance = #expect(throws: ParseError.self) { try AdvanceID(validating: "") }
        let enterprise = #expect(throws: ParseError.self) { try EnterpriseID(validating: "") }
        let entry = #expect(throws: ParseError.self) { try EntryID(validating: "") }
        #expect(loan?.kind == "loan id")
        #expect(advance?.kind == "advance id")
        #expect(enterprise?.kind == "enterprise id")
        #expect(entry?.kind == "journal entry id")
    }

    /// A loan id and an advance id with the same text are values of different types; the
    /// compiler refuses one where the other is expected, and at run time neither is the other.
    @Test func kindsAreDistinctTypes() throws {
        let loan = try LoanID(validating: "X-1")
        let advance = try AdvanceID(validating: "X-1")
        #expect(ObjectIdentifier(LoanID.self) != ObjectIdentifier(AdvanceID.self))
        #expect(ObjectIdentifier(LoanID.self) != ObjectIdentifier(EnterpriseID.self))
        #expect(ObjectIdentifier(AdvanceID.self) != ObjectIdentifier(EntryID.self))
        let loanAsAny: Any = loan
        let advanceAsAny: Any = advance
        #expect(!(loanAsAny is AdvanceID))
        #expect(!(advanceAsAny is LoanID))
        #expect(loanAsAny is LoanID)
        #expect(loan.rawValue == advance.rawValue)
    }

    @Test func comparesHashesAndOrdersByText() throws {
        let a = try LoanID(validating: "A-1")
        let b = try LoanID(validating: "B-1")
        #expect(a == (try LoanID(validating: "A-1")))
        #expect(a != b)
        #expect(a < b)
        #expect(!(b < a))
        #expect(Set([a, b, try LoanID(validating: "A-1")]).count == 2)
        // Identifiers are case sensitive: a bank's reference is exactly what it printed.
        #expect(a != (try LoanID(validating: "a-1")))
    }
}
