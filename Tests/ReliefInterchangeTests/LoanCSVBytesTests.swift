import Foundation
import ReliefDomain
import ReliefInterchange
import Testing

/// Loans decoded straight from the scanned bytes (`LoanCSV.rows(text:file:)`, the import
/// path) give what the records of strings give, with the same located problems, in every
/// encoding and with the blanks, quotes and aliases banks write.
@Suite struct LoanCSVBytesTests {
    static let header = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method"

    static func both(_ text: String, file: String = "t.csv") throws -> (text: [LoanCSV.Row], records: [LoanCSV.Row],
                                                                      problems: [ImportProblem], skipped: Int) {
        let fromText = try #require(try LoanCSV.rows(text: text, file: file))
        let fromRecords = LoanCSV.rows(try CSVReader.records(text), file: file)
        #expect(fromText.problems == fromRecords.problems)
        #expect(fromText.skipped == fromRecords.skipped)
        return (fromText.rows, fromRecords.rows, fromText.problems, fromText.skipped)
    }

    @Test func blanksQuotesAndAliasesFromBytes() throws {
        let text = Self.header + ",day_count,settlement,credit_line,applied\r\n"
            + "\"JN-\"\"1\"\"\",\" 济宁市\"\"鲁兴\"\"机械有限公司\u{3000}\",91350100M000100Y43,\tSmall ,\u{3000}任城区 ,济宁银行,\" 1,000,000.00 \",4.35 %,"
            + "2019-12-15,12,ANNUITY,ACT/365,due-dates,-,--\r\n"
            + "JN-2,乙公司,91350100M000100Y43,小型企业,曲阜市,农商银行,50000.5,0.05125,2020-02-29,6,先息后本,按日计息,按季,8000000,2020-02-10\r\n"
        let (rows, records, problems, _) = try Self.both(text)
        // "4.35 %" is not a rate (a blank inside), found on both paths with its line and field.
        #expect(problems.map { "\($0.line):\($0.field ?? "-")" } == ["2:rate"])
        #expect(rows.map(\.loan) == records.map(\.loan))
        let loan = try #require(rows.first?.loan)
        #expect(rows.map(\.line) == [3])
        #expect(loan.id.rawValue == "JN-2")
        #expect(loan.enterprise.size == .small)
        #expect(loan.terms.principal == Money(fen: 5_000_050))
        #expect(loan.terms.annualRate == (try Rate(parsing: "5.125%")))
        #expect(loan.terms.method == .interestOnly)
        #expect(loan.terms.dayCount == .act360)
        #expect(loan.terms.settlement == .quarterly)
        #expect(loan.creditLine == Money(yuan: 8_000_000))

        let fixed = text.replacingOccurrences(of: "4.35 %", with: " 4.35%\t")
        let (fixedRows, fixedRecords, fixedProblems, _) = try Self.both(fixed)
        #expect(fixedProblems.isEmpty, "\(fixedProblems)")
        #expect(fixedRows.map(\.loan) == fixedRecords.map(\.loan))
        let first = try #require(fixedRows.first?.loan)
        #expect(first.id.rawValue == "JN-\"1\"")
        #expect(first.enterprise.name == "济宁市\"鲁兴\"机械有限公司")
        #expect(first.enterprise.county == "任城区")
        #expect(first.terms.principal == Money(yuan: 1_000_000))
        #expect(first.terms.method == .annuity)
        #expect(first.terms.dayCount == .act365)
        #expect(first.creditLine == nil)
        #expect(first.applied == nil)
    }

    @Test func problemsAreLocatedOnTheBytePath() throws {
        let text = """
            标题行
            \(Self.header)
            X1,a,91350100M000100Y44,small,c,b,12.345,4%,2020-02-30,12,annuity

            X2,b,91350100M000100Y43,huge,c,b,100,40%,2020-01-01,1x,balloon
            X3,,91350100M000100Y43,small,c,b,100,4%,2020-01-01,601,annuity
            X3,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity
            X3,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity
            """
        let (rows, _, problems, skipped) = try Self.both(text, file: "bad.csv")
        #expect(skipped == 2)  // the title and the blank line
        #expect(rows.map(\.line) == [7])
        // Each term's limit on its own field, whatever else in the row failed: line 5's rate of
        // 40% beside its unreadable months and method, line 6's 601 months.
        #expect(problems.map { "\($0.line):\($0.field ?? "-")" } == ["3:credit_code", "3:principal", "3:start", "5:size", "5:months", "5:method",
                                                                     "5:rate", "6:borrower", "6:months", "8:loan_id"])
        #expect(problems.first { $0.field == "principal" }?.description.hasPrefix("bad.csv:3: principal: '12.345' is not a valid amount") == true)
        #expect(problems.last?.message == "'X3' is already on line 7")
    }

    @Test func everyEncodingGivesTheSameLoans() throws {
        let text = "\u{FEFF}借据号,借款人,统一社会信用代码,县区,企业规模,贷款银行,贷款金额,年利率,放款日,期限月数,还款方式\r\n"
            + "JN-1,济宁市鲁兴机械有限公司,91350100M000100Y43,任城区,小型,济宁银行,\"1,000,000.00\",4.35%,2019-12-15,12,等额本息\r\n"
        let expected = try #require(try LoanCSV.rows(text: text, file: "u.csv")).rows.map(\.loan)
        #expect(expected.count == 1)
        let gb18030 = [UInt8](try #require(String(text.dropFirst()).data(using: String.Encoding(rawValue: 0x8000_0632))))
        let utf16 = [UInt8](try #require(text.data(using: .utf16)))
        for bytes in [Array(text.utf8), gb18030, utf16] {
            let encoding = TextEncoding.detect(bytes)
            let decoded = try #require(encoding.decode(bytes))
            #expect(try LoanCSV.rows(text: decoded, file: "e.csv")?.rows.map(\.loan) == expected, "\(encoding)")
        }
    }

    @Test func noHeaderAndMalformedText() throws {
        #expect(try LoanCSV.rows(text: "a,b,c\n1,2,3\n", file: "x.csv") == nil)
        // The header must be within the first lines (preamble limit).
        let late = String(repeating: "title\n", count: CSVColumns.preambleLinesMax + 1) + Self.header + "\n"
        #expect(try LoanCSV.rows(text: late, file: "x.csv") == nil)
        let early = String(repeating: "title\n", count: CSVColumns.preambleLinesMax) + Self.header + "\n"
        #expect(try LoanCSV.rows(text: early, file: "x.csv")?.skipped == CSVColumns.preambleLinesMax)
        // A fault anywhere in the file fails it, even after good rows.
        let bad = Self.header + "\nX1,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity\n\"open,b\n"
        let error = #expect(throws: CSVReader.Malformed.self) { try LoanCSV.rows(text: bad, file: "x.csv") }
        #expect(error?.line == 3)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
