import Foundation
import ReliefDomain
import ReliefInterchange
import Testing

/// Chinese banks' statement exports with the quirks of conformance/MANIFEST.md.
@Suite struct BankStatementCSVTests {
    func entries(_ text: String) throws -> ([StatementEntry], [String], [ImportProblem]) {
        let result = BankStatementCSV.entries(try CSVReader.records(text), file: "s.csv", account: "acct")
        return (result.entries, result.skipped, result.problems)
    }

    /// ICBC: a preamble, income and expense in separate columns, `-` for empty, fields padded
    /// with spaces and ending in a TAB, a masked balance, a blank line and a totals row.
    @Test func icbcStyle() throws {
        let text = "中国工商银行账户历史明细\r\n账号: 1602000000000001\r\n"
            + "交易日期,摘要,收入金额,支出金额,余额,对方户名\r\n"
            + "2020-03-02 ,应急转贷\t,-,\"6,000,000.00\",\"xx,yyyy.zz\",济宁市鲁兴机械有限公司\t,\r\n"
            + "2020-03-06,还款,\"6,019,200.00\",-,\"10,019,200.00\",济宁市鲁兴机械有限公司\r\n"
            + " \r\n"
            + "人民币合计,,\"6,019,200.00\",\"6,000,000.00\",,\r\n"
        let (rows, skipped, problems) = try entries(text)
        #expect(problems.isEmpty, "\(problems)")
        #expect(rows.count == 2)
        #expect(rows[0].direction == .debit)
        #expect(rows[0].amount == ExactAmount(mantissa: 600_000_000, scale: 2, currency: "CNY"))
        #expect(rows[0].bookingDate == (try CivilDate(parsing: "2020-03-02")))
        #expect(rows[0].counterpartyName == "济宁市鲁兴机械有限公司")
        #expect(rows[1].direction == .credit)
        #expect(rows[1].amount.mantissa == 601_920_000)
        #expect(rows[1].line == 5)
        #expect(skipped.count == 2)  // the blank line and the totals row
    }

    /// Agricultural Bank: `YYYYMMDD` dates, signed amounts, a header name with spaces.
    @Test func abcStyle() throws {
        let text = "日 志 号,交易日期,交易金额,余额,对方户名\n0001,20200302,-6000000.00,4000000.00,鲁兴\n0002,20200306,+6019200.00,10019200.00,鲁兴\n"
        let (rows, _, problems) = try entries(text)
        #expect(problems.isEmpty)
        #expect(rows.map(\.direction) == [.debit, .credit])
        #expect(rows.map(\.accountServicerReference) == ["0001", "0002"])
    }

    /// A transaction-amount and a booked-amount column where one of them is `-`.
    @Test func eitherAmountColumn() throws {
        let text = "交易日期,交易金额,入账金额,借贷\n2020-03-02,-,\"1,000.00\",借 Dr\n2020-03-03,\"2,000.00\",-,贷 Cr\n"
        let (rows, _, problems) = try entries(text)
        #expect(problems.isEmpty)
        #expect(rows.map(\.amount.mantissa) == [100_000, 200_000])
        #expect(rows.map(\.direction) == [.debit, .credit])
    }

    /// A row that looks like a transaction but cannot be read is a problem with line and field.
    @Test func unreadableRowIsAProblem() throws {
        let (_, _, problems) = try entries("交易日期,交易金额\n2020-03-02,12.345\n2020-13-40,1.00\n")
        #expect(problems.map(\.line) == [2, 3])
        #expect(problems.first?.message.contains("more than two decimals") == true)
    }

    /// Bank of China: UTF-16 with a title line and quoted balances with separators.
    @Test func bocUTF16() throws {
        let text = "中国银行交易流水明细单\r\n记账日期,交易金额,余额,对方户名\r\n2020-03-02,\"-1,000.00\",\"9,000.00\",鲁兴\r\n"
        let bytes = [UInt8]([0xFF, 0xFE]) + Array(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(TextEncoding.detect(bytes) == .utf16)
        let decoded = try #require(TextEncoding.utf16.decode(bytes))
        let (rows, _, problems) = try entries(decoded)
        #expect(problems.isEmpty)
        #expect(rows.first?.amount.mantissa == 100_000)
    }

    /// The two real exports of conformance/bank-csv (skipped without ../shared).
    @Test(CamtReaderTests.conformanceTrait) func conformanceFiles() throws {
        let shared = try CamtReaderTests.conformance.appendingPathComponent("bank-csv")
        let bocom = try String(contentsOf: shared.appendingPathComponent("double-entry-generator_example-bocom_debit-records.csv"), encoding: .utf8)
        let (bocomRows, _, bocomProblems) = try entries(bocom)
        #expect(bocomProblems.isEmpty)
        #expect(bocomRows.count == 6)
        // Row 1: 贷 Cr 1.23 (interest credited); row 2: 借 Dr 3.21.
        #expect(bocomRows[0].direction == .credit && bocomRows[0].amount.mantissa == 123)
        #expect(bocomRows[1].direction == .debit && bocomRows[1].amount.mantissa == 321)
        let cmb = try String(contentsOf: shared.appendingPathComponent("double-entry-generator_example-cmb-records.csv"), encoding: .utf8)
        let (cmbRows, _, cmbProblems) = try entries(cmb)
        #expect(cmbProblems.isEmpty)
        #expect(cmbRows.count == 5)
        // "1,234.00" in, "-1,000.00" out.
        #expect(cmbRows[0].direction == .credit && cmbRows[0].amount.mantissa == 123_400)
        #expect(cmbRows[1].direction == .debit && cmbRows[1].amount.mantissa == 100_000)
    }
}
