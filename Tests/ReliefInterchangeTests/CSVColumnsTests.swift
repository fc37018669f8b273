import ReliefDomain
import ReliefInterchange
import Testing

/// How a header with two names for one column is read: the specific name wins over a generic
/// one (实际还款日期 over 还款日期, which is often the due date); two names with nothing to
/// choose between them are refused, so that a second value is never silently ignored.
@Suite struct CSVColumnsTests {
    @Test func theSpecificNameWinsOverTheGenericOne() throws {
        for header in ["借据号,期数,还款日期,实际还款日期", "借据号,期数,实际还款日期,还款日期"] {
            let text = header + "\nJN-1,1," + (header.hasSuffix("实际还款日期") ? "2020-01-15,2020-01-20" : "2020-01-20,2020-01-15") + "\n"
            let (rows, _, problems) = RepaymentCSV.rows(try CSVReader.records(text), file: "r.csv")
            #expect(problems.isEmpty, "\(problems)")
            #expect(rows.map(\.date.description) == ["2020-01-20"], "\(header)")
        }
        // The amount actually repaid (实还金额) over 还款金额; 本金 gives way to 还款本金.
        let columns = RepaymentCSV.columns
        #expect(columns.match(["借据号", "期数", "还款日期", "还款金额", "实还金额"])?["amount"] == 4)
        #expect(columns.repeatedColumns(["借据号", "期数", "还款日期", "本金", "还款本金"]).isEmpty)
    }

    @Test func twoNamesWithNothingToChooseAreRefused() throws {
        let columns = RepaymentCSV.columns
        #expect(columns.repeatedColumns(["借据号", "期数", "还款日期", "还款日期"]).count == 1)
        #expect(columns.repeatedColumns(["借据号", "期数", "date", "实际还款日期"])
                == ["column date is named twice in the header (field 3 'date' and field 4 '实际还款日期'): keep one"])
        let text = "借据号,期数,date,实际还款日期\nJN-1,1,2020-01-15,2020-01-20\n"
        let (rows, _, problems) = RepaymentCSV.rows(try CSVReader.records(text), file: "r.csv")
        #expect(rows.isEmpty && problems.map(\.line) == [1])
    }
}
