import Foundation
@testable import ReliefCLI
import Testing

/// `PaymentsExport.run` (wired into `relief export payments`) on a register built with the CLI.
@Suite struct PaymentsExportTests {
    @Test func advancesWithAccountsBecomeTransfers() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("fund.sqlite").path
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments + ["--db", database], in: folder) }
        #expect(try run(["init"]).status == 0)
        let options = try DatabaseOptions.parse(["--db", database])
        let out = folder.appendingPathComponent("payments.xml").path
        #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01"]).status == 0)
        #expect(try run(["bridge", "advance", "--id", "BR-001", "--enterprise", "91350100M000100Y43", "--name", "济宁市鲁兴机械有限公司",
                         "--bank", "济宁银行", "--amount", "6000000", "--date", "2020-03-02", "--account", "6222000000000001"]).status == 0)
        // Without the fund's account there is no debtor: refused.
        #expect(throws: CommandFailure.self) { try PaymentsExport.run(database: options, out: out) }
        #expect(try run(["bridge", "fund", "--account", "37001234567", "--account-name", "济宁市应急转贷基金"]).status == 0)
        #expect(try run(["bridge", "advance", "--id", "BR-002", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行",
                         "--amount", "100000", "--date", "2020-03-03"]).status == 0)
        try PaymentsExport.run(database: options, out: out)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("<EndToEndId>BR-001</EndToEndId>"))
        #expect(!text.contains("BR-002"))  // no account recorded: named on stderr, not paid
        #expect(text.contains("<Nm>济宁市应急转贷基金</Nm>"))
        #expect(text.contains("<Nm>济宁市鲁兴机械有限公司</Nm>"))
        #expect(text.contains("<InstdAmt Ccy=\"CNY\">6000000.00</InstdAmt>"))
        #expect(text.contains("<Id>37001234567</Id>"))
        #expect(text.contains("<Ustrd>应急转贷 BR-001 济宁银行</Ustrd>"))
    }
}
