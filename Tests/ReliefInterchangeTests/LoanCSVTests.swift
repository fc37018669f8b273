import ReliefDomain
import ReliefInterchange
import Testing

@Suite struct LoanCSVTests {
    /// A bank's export: a title and an export date above Chinese headers, columns in their own
    /// order, amounts with thousands separators, Chinese size and method names.
    @Test func chineseHeadersAfterAPreamble() throws {
        let text = """
            济宁银行普惠贷款台账\r
            导出日期：2020-03-01\r
            借据号,借款人,统一社会信用代码,县区,企业规模,贷款银行,贷款金额,年利率,放款日,期限月数,还款方式,授信额度,申请日\r
            JN-1,济宁市鲁兴机械有限公司,91350100M000100Y43,任城区,小型,济宁银行,"1,000,000.00",4.35%,2019-12-15,12,等额本息,"8,000,000",2020-02-10\r
            \r

            """
        let (loans, skipped, problems) = LoanCSV.loans(try CSVReader.records(text), file: "book.csv")
        #expect(problems.isEmpty, "\(problems)")
        #expect(skipped == 3)  // two preamble lines and a blank one
        let loan = try #require(loans.first)
        #expect(loan.id.rawValue == "JN-1")
        #expect(loan.enterprise.size == .small)
        #expect(loan.terms.principal == Money(yuan: 1_000_000))
        #expect(loan.terms.annualRate == (try Rate(parsing: "0.0435")))
        #expect(loan.terms.method == .annuity)
        #expect(loan.terms.dayCount == .thirty360)
        #expect(loan.creditLine == Money(yuan: 8_000_000))
        #expect(loan.applied == (try CivilDate(parsing: "2020-02-10")))
    }

    /// Every problem of the file, each with its line and field; no loan is returned.
    @Test func everyProblemIsReported() throws {
        let text = """
            loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method
            X1,a,91350100M000100Y44,small,c,b,12.345,4%,2020-02-30,12,annuity
            X2,b,91350100M000100Y43,huge,c,b,100,40%,2020-01-01,12,balloon
            X3,,91350100M000100Y43,small,c,b,100,4%,2020-01-01,601,annuity
            X1,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity
            """
        let (loans, _, problems) = LoanCSV.loans(try CSVReader.records(text), file: "bad.csv")
        #expect(loans.count == 1)  // only line 5 (line 2's X1 failed, so its id is free)
        let located = problems.map { "\($0.line):\($0.field ?? "-")" }
        #expect(located.contains("2:credit_code"))
        #expect(located.contains("2:principal"))
        #expect(located.contains("2:start"))
        #expect(located.contains("3:size"))
        #expect(located.contains("3:method"))
        #expect(located.contains("4:borrower"))
        #expect(problems.contains { $0.line == 4 && $0.message.contains("601 months") })
        #expect(problems.contains { $0.line == 3 && $0.field == nil } == false)  // 40% is checked only once the method parses
        #expect(problems.first { $0.line == 2 && $0.field == "credit_code" }?.message.contains("check character") == true)
        #expect(problems.first { $0.line == 2 && $0.field == "principal" }?.description.hasPrefix("bad.csv:2: principal: ") == true)
    }

    @Test func duplicateIdsInOneFile() throws {
        let text = """
            loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method
            X1,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity
            X1,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity
            """
        let (_, _, problems) = LoanCSV.loans(try CSVReader.records(text), file: "dup.csv")
        #expect(problems.map(\.message) == ["'X1' is already on line 2"])
    }

    @Test func noHeader() throws {
        let (_, _, problems) = LoanCSV.loans(try CSVReader.records("a,b,c\n1,2,3\n"), file: "x.csv")
        #expect(problems.first?.message.contains("no loan header") == true)
        #expect(problems.first?.line == 1 && problems.first?.message.contains("lacks") == false)
        // A header with one column left out, after a title: that line, and what it lacks.
        let lacking = "台账\nloan_id,borrower,credit_code,size,county,bank,rate,start,months,method\nX1,a,91350100M000100Y43,small,c,b,4%,2020-01-01,12,annuity\n"
        let (_, _, found) = LoanCSV.loans(try CSVReader.records(lacking), file: "x.csv")
        #expect(found.count == 1 && found[0].line == 2 && found[0].message.hasPrefix("the header lacks principal/贷款金额 ("), "\(found)")
    }

    /// A row with values past the header's columns (a comma in a value left unquoted) is
    /// refused, by both readers; empty fields past them are not a problem.
    @Test func valuesPastTheHeaderAreRefused() throws {
        let header = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method\n"
        let text = header + "X1,济宁市,鲁兴机械有限公司,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity\n"
            + "X2,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity,,\n"
        let (loans, _, problems) = LoanCSV.loans(try CSVReader.records(text), file: "wide.csv")
        #expect(loans.map(\.id.rawValue) == ["X2"])
        #expect(problems.contains { $0.line == 2 && $0.message == "the row has 12 fields, the header 11: is a comma inside a value that is not quoted?" },
                "\(problems)")
        let streamed = try #require(try LoanCSV.forEachChunk(text: text, file: "wide.csv", chunkSize: 10) { _ in })
        #expect(streamed.problems.map(\.description) == problems.map(\.description))
    }

    /// A column named twice (in English and in Chinese, here) is refused at the header,
    /// by both readers: its second field would otherwise be ignored.
    @Test func aColumnNamedTwiceIsRefused() throws {
        let text = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method,贷款金额\n"
            + "X1,a,91350100M000100Y43,small,c,b,100,4%,2020-01-01,12,annuity,999\n"
        let (loans, _, problems) = LoanCSV.loans(try CSVReader.records(text), file: "dup.csv")
        #expect(loans.isEmpty && problems.count == 1 && problems[0].line == 1)
        #expect(problems[0].message == "column principal is named twice in the header (field 7 'principal' and field 12 '贷款金额'): keep one")
        var handedOut = 0
        let streamed = try #require(try LoanCSV.forEachChunk(text: text, file: "dup.csv", chunkSize: 10) { handedOut += $0.count })
        #expect(handedOut == 0 && streamed.problems.map(\.message) == problems.map(\.message))
        #expect(LoanCSV.columns.repeatedColumns(["loan_id", "x", "y"]).isEmpty)
    }

    /// Export then import gives the same loans (what CSV carries).
    @Test func roundTrip() throws {
        let terms = try LoanTerms(principal: try Money(parsing: "1234567.89"), annualRate: try Rate(parsing: "4.35%"),
                                  start: try CivilDate(parsing: "2020-01-31"), termMonths: 24, method: .interestOnly, dayCount: .act365)
        let loan = LoanRecord(id: try LoanID(validating: "R,1 \"q\""), enterprise: EnterpriseRecord(code: try CreditCode(validating: "91350100M000100Y43"),
                              name: "济宁, \"测试\" 有限公司", size: .medium, county: "曲阜市"), bank: "济宁银行", terms: terms,
                              creditLine: try Money(parsing: "10000000"), applied: nil)
        let text = LoanCSV.header().joined(separator: ",") + "\r\n" + LoanCSV.fields(loan).map { field in
            field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
        let (loans, _, problems) = LoanCSV.loans(try CSVReader.records(text), file: "round.csv")
        #expect(problems.isEmpty, "\(problems)")
        #expect(loans == [loan])
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
