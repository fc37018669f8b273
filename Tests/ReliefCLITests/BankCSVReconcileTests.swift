import Foundation
import Testing

/// `relief reconcile` with a bank's own CSV export (GBK, preamble, separate columns).
@Suite struct BankCSVReconcileTests {
    @Test func gbkExportMatchesByAmountAndDate() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments, in: folder) }
        #expect(try run(["init"]).status == 0)
        #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01"]).status == 0)
        #expect(try run(["bridge", "advance", "--id", "BR-1", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行", "--amount", "6000000",
                         "--date", "2020-03-02"]).status == 0)
        // 6,000,000 x 0.08% x 4 days = 19,200.00 of fee with the principal on 2020-03-06.
        #expect(try run(["bridge", "repay", "--id", "BR-1", "--date", "2020-03-06"]).status == 0)
        let text = "中国工商银行账户历史明细\r\n交易日期,摘要,收入金额,支出金额,余额,对方户名\r\n"
            + "2020-03-01,资本金,\"10,000,000.00\",-,\"10,000,000.00\",济宁市财政局\r\n"
            + "2020-03-02,应急转贷,-,\"6,000,000.00\",\"4,000,000.00\",济宁市鲁兴机械有限公司\r\n"
            + "2020-03-06,转贷还款,\"6,019,200.00\",-,\"10,019,200.00\",济宁市鲁兴机械有限公司\r\n"
            + "人民币合计,,\"16,019,200.00\",\"6,000,000.00\",,\r\n"
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        try #require(text.data(using: gb18030)).write(to: folder.appendingPathComponent("icbc.csv"))
        let result = try run(["reconcile", "icbc.csv", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["entries"] as? Int == 3)
        #expect(object["matched"] as? Int == 3)
        #expect(object["unmatched_statement"] as? Int == 0)
        #expect(result.stderr.contains("skipped"))
        let again = try #require(try JSONSerialization.jsonObject(with: Data(try run(["reconcile", "icbc.csv", "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(again["matched"] as? Int == 0)
        #expect(again["duplicates"] as? Int == 3)
        func reconciled(_ name: String, _ content: String) throws -> [String: Any] {
            try Data(content.utf8).write(to: folder.appendingPathComponent(name))
            return try #require(try JSONSerialization.jsonObject(with: Data(try run(["reconcile", name, "--format", "json"]).stdout.utf8)) as? [String: Any])
        }
        // The same export in UTF-8 with LF line ends is another file of the same movements:
        // known by their running balance, all three are duplicates, matched before.
        let copy = try reconciled("icbc-utf8.csv", text.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(copy["imported"] as? Int == 0 && copy["duplicates"] as? Int == 3 && copy["already_matched"] as? Int == 3, "\(copy)")
        // An export overlapping it (its last two movements and a new one): one stored.
        let lines = text.components(separatedBy: "\r\n")
        let overlapping = ([lines[1], lines[3], lines[4], "2020-03-09,资本金,\"500,000.00\",-,\"10,519,200.00\",济宁市财政局"]).joined(separator: "\r\n") + "\r\n"
        let later = try reconciled("icbc-later.csv", overlapping)
        #expect(later["imported"] as? Int == 1 && later["duplicates"] as? Int == 2, "\(later)")
        // Without a balance (or a reference) a row has nothing but its file to be known by: stored
        // again, each note says that the movement is matched already, not that the ledger has none.
        let noBalance = try reconciled("icbc-bare.csv", "交易日期,摘要,收入金额,支出金额,对方户名\r\n2020-03-01,资本金,10000000.00,-,济宁市财政局\r\n")
        let notes = (noBalance["items"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(noBalance["imported"] as? Int == 1 && notes.count == 1 && notes[0].contains("is already matched to statement entry"), "\(noBalance)")
        // Imported with `relief import`, the export's skipped lines are counted and said.
        #expect(try run(["init", "--db", "other.sqlite"]).status == 0)
        let imported = try run(["import", "icbc.csv", "--db", "other.sqlite", "--format", "json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(summary["imported"] as? Int == 3 && summary["skipped"] as? Int == 1, "\(imported.stdout)")
        #expect(imported.stderr.contains("icbc.csv: skipped line 6: not a transaction"), "\(imported.stderr)")
        // --encoding when detection is not wanted: the GBK export read as UTF-8 is refused,
        // as GBK is the same statement (all duplicates); an unknown name is a usage error.
        let wrong = try run(["reconcile", "icbc.csv", "--encoding", "utf-8"])
        #expect(wrong.status == 65 && wrong.stderr.contains("neither XML nor utf-8 text"), "\(wrong.stderr)")
        let given = try #require(try JSONSerialization.jsonObject(with: Data(try run(["reconcile", "icbc.csv", "--encoding", "gbk", "--format", "json"]).stdout.utf8))
                                 as? [String: Any])
        #expect(given["duplicates"] as? Int == 3)
        #expect(try run(["reconcile", "icbc.csv", "--encoding", "latin1"]).status == 64)
        try Data("a,b\n1,2\n".utf8).write(to: folder.appendingPathComponent("other.csv"))
        let other = try run(["reconcile", "other.csv"])
        #expect(other.status == 65)
        #expect(other.stderr.contains("not a statement"))
    }
}
