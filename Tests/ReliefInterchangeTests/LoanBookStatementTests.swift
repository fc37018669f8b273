import Foundation
import ReliefDomain
@testable import ReliefInterchange
import Testing

/// Statements, their entries and matches in the loan book: amounts exactly as the bank wrote
/// them (any currency, up to five decimals, trailing zeros kept), read and written back byte
/// for byte; bad values refused with their line and attribute; the writer keeps the order.
@Suite struct LoanBookStatementTests {
    static let digest = String(repeating: "0123456789abcdef", count: 4)

    /// In the writer's own layout, so that writing the records read gives these bytes back.
    static let book = """
        <?xml version="1.0" encoding="UTF-8"?>
        <LoanBook xmlns="urn:creditrelief:loanbook:1" version="1" revision="2">
          <Statement source="eur.xml" digest="\(digest)" messageDefinition="camt.054.001.02" entries="3">
            <StatementEntry key="ref|DE89370400440532013000|R-1|1|2020-03-02|CRDT|1234.50000 EUR" account="DE89370400440532013000" statementRef="S-1" entryNumber="1" detailNumber="1" detailCount="0" bookingDate="2020-03-02" valueDate="2020-03-03" amount="1234.50000" entryAmount="1234.50000" currency="EUR" direction="CRDT" status="BOOK" servicerRef="R-1" counterpartyName="Müller &amp; Söhne &lt;GmbH&gt;" counterpartyAccount="DE02120300000000202051" remittance="Rechnung 7; Teil 1" sourceLine="12"/>
            <StatementEntry key="file:\(digest):2:2" account="DE89370400440532013000" entryNumber="2" detailNumber="2" detailCount="2" amount="0.00001" entryAmount="12" currency="EUR" amountShared="true" direction="DBIT" reversal="true" endToEndId="E-2" instructionId="I-2" messageId="M-2" sourceLine="20"/>
          </Statement>
          <Match entry="file:\(digest):2:2" event="loan-repayment" ref="loan:L-1:repayment:3" method="amount-date" difference="-0.01"/>
        </LoanBook>

        """

    static func read(_ text: String) throws -> [(LoanBookRecord, Int)] {
        var records: [(LoanBookRecord, Int)] = []
        try LoanBookReader().read(bytes: Array(text.utf8), file: "book.xml") { record, line in records.append((record, line)) }
        return records
    }

    static func problems(_ text: String) -> [ImportProblem] {
        do {
            _ = try read(text)
            return []
        } catch let failure as ImportFailure {
            return failure.problems
        } catch {
            return [ImportProblem(file: "book.xml", line: 0, message: "\(error)")]
        }
    }

    @Test func amountsRoundTripExactly() throws {
        let records = try Self.read(Self.book)
        #expect(records.map(\.1) == [3, 4, 5, 7])
        guard records.count == 4, case .statement(let statement) = records[0].0, case .statementEntry(let firstKey, let first) = records[1].0,
              case .statementEntry(let secondKey, let second) = records[2].0, case .match(let match) = records[3].0 else {
            Issue.record("records: \(records)")
            return
        }
        #expect(statement == LoanBookRecord.Statement(source: "eur.xml", digest: Self.digest, messageDefinition: "camt.054.001.02", messageID: nil, entries: 3))
        #expect(firstKey == "ref|DE89370400440532013000|R-1|1|2020-03-02|CRDT|1234.50000 EUR")
        // 1234.50000 EUR: mantissa 123450000 at scale 5, never 1234.5 nor fen.
        #expect(first.amount == ExactAmount(mantissa: 123_450_000, scale: 5, currency: "EUR"))
        #expect(first.entryAmount == first.amount && first.direction == .credit && !first.isReversal && !first.amountIsShared)
        let (booked, valued) = (try CivilDate(parsing: "2020-03-02"), try CivilDate(parsing: "2020-03-03"))
        #expect(first.bookingDate == booked && first.valueDate == valued)
        #expect(first.counterpartyName == "Müller & Söhne <GmbH>" && first.remittance == "Rechnung 7; Teil 1" && first.line == 12)
        #expect(first.statementID == "S-1" && first.accountServicerReference == "R-1" && first.entryNumber == 1 && first.detailCount == 0)
        #expect(secondKey == "file:\(Self.digest):2:2")
        #expect(second.amount == ExactAmount(mantissa: 1, scale: 5, currency: "EUR"))
        #expect(second.entryAmount == ExactAmount(mantissa: 12, scale: 0, currency: "EUR"))
        #expect(second.amountIsShared && second.isReversal && second.direction == .debit && second.bookingDate == nil && second.status == nil)
        #expect(second.endToEndID == "E-2" && second.instructionID == "I-2" && second.messageID == "M-2" && second.detailNumber == 2)
        #expect(match == LoanBookRecord.Match(entryKey: secondKey, event: "loan-repayment", reference: "loan:L-1:repayment:3", method: "amount-date",
                                              difference: Money(fen: -1)))

        let writer = try LoanBookWriter()
        for (record, _) in records { try writer.write(record) }
        let written = String(decoding: try writer.finish() ?? [], as: UTF8.self)
        #expect(written == Self.book)
    }

    /// Each bad value of the second entry (line 5) is refused naming its line and attribute.
    @Test(arguments: [
        (#"amount="0.00001""#, #"amount="0.000001""#, "amount"), (#"amount="0.00001""#, #"amount="1.5.1""#, "amount"),
        (#"entryAmount="12""#, #"entryAmount="1234567890123456789""#, "entryAmount"),
        (#"direction="DBIT""#, #"direction="XX""#, "direction"), (#"currency="EUR" amountShared"#, #"currency="eur" amountShared"#, "currency"),
        (#"sourceLine="20""#, #"sourceLine="0""#, "sourceLine"), (#"detailNumber="2""#, #"detailNumber="-2""#, "detailNumber"),
        (#"reversal="true""#, #"reversal="yes""#, "reversal"),
    ])
    func badValuesAreLocated(written: String, bad: String, attribute: String) throws {
        #expect(Self.book.components(separatedBy: written).count == 2)
        let found = Self.problems(Self.book.replacingOccurrences(of: written, with: bad))
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.line == 5 || $0.line == 7 }, "\(found)")
        #expect(found.contains { $0.line == 5 && ($0.field == "StatementEntry/@\(attribute)" || $0.message.contains("attribute '\(attribute)'")) }, "\(found)")
    }

    @Test func badStatementsAndMatchesAreLocated() throws {
        let digest = Self.problems(Self.book.replacingOccurrences(of: "digest=\"\(Self.digest)\"", with: "digest=\"\(Self.digest.uppercased())\""))
        #expect(digest.contains { $0.line == 3 && $0.message.contains("attribute 'digest'") }, "\(digest)")
        let difference = Self.problems(Self.book.replacingOccurrences(of: "difference=\"-0.01\"", with: "difference=\"-0.001\""))
        #expect(difference.contains { $0.line == 7 && $0.message.contains("attribute 'difference'") }, "\(difference)")
        let event = Self.problems(Self.book.replacingOccurrences(of: "event=\"loan-repayment\"", with: "event=\"repayment\""))
        #expect(event.contains { $0.line == 7 && $0.message.contains("attribute 'event'") }, "\(event)")
        // An entry outside its statement, and a statement after the matches, break the schema's sequence.
        let loose = Self.book.replacingOccurrences(of: "  </Statement>\n", with: "").replacingOccurrences(of: "\">\n    <StatementEntry", with: "\"/>\n    <StatementEntry")
        #expect(!Self.problems(loose).isEmpty)
    }

    @Test func writerKeepsTheStatementsOrder() throws {
        let records = try Self.read(Self.book).map(\.0)
        let orphan = try LoanBookWriter()
        #expect(throws: LoanBookWriter.Problem.self) { try orphan.write(records[1]) }
        let late = try LoanBookWriter()
        try late.write(records[3])
        #expect(throws: LoanBookWriter.Problem.self) { try late.write(records[0]) }
        // A statement with no entries of its own (all stored before from another) is an empty element.
        let empty = try LoanBookWriter()
        try empty.write(records[0])
        let text = String(decoding: try empty.finish() ?? [], as: UTF8.self)
        #expect(text.contains("entries=\"3\"/>\n</LoanBook>"), "\(text)")
    }
}
