import Foundation
import Testing

/// End to end: `relief ledger reverse` corrects register-linked events through the built
/// binary; refusals exit 65 and change nothing; a ledger with corrections round-trips
/// through loan-book XML.
@Suite struct CorrectionCommandTests {
    static let code = "91350100M000100Y43"

    struct Ledger {
        let folder: URL
        @discardableResult
        func run(_ arguments: [String], expecting status: Int32 = 0) throws -> ReliefProcess.Result {
            let result = try ReliefProcess.run(arguments + ["--db", "r.sqlite"], in: folder)
            #expect(result.status == status, "\(arguments): \(result.stdout) \(result.stderr)")
            return result
        }

        /// What a refusal must leave unchanged, as the CLI shows it.
        func snapshot() throws -> [String] {
            try [["export", "journal"], ["export", "schedules"], ["bridge", "list", "--format", "csv"],
                 ["ledger", "trial-balance", "--format", "csv"]].map { try run($0).stdout }
        }

        func json(_ arguments: [String]) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(run(arguments + ["--format", "json"]).stdout.utf8)) as? [String: Any])
        }

        func check() throws { try run(["ledger", "check"]) }
    }

    static func ledger() throws -> Ledger {
        let ledger = Ledger(folder: try ReliefProcess.temporaryDirectory())
        try ledger.run(["init"])
        return ledger
    }

    /// 1,200,000.00 interest-only at 3.6% ACT/360 from 2020-01-15: 120.00 of interest a day;
    /// row 1 (31 days) 3,720.00, row 2 (29 days) 3,480.00.
    static func addLoan(_ ledger: Ledger) throws {
        try ledger.run(["loans", "add", "--id", "L1", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", code, "--size", "small",
                        "--county", "任城区", "--bank", "济宁银行", "--principal", "1200000", "--rate", "3.6%", "--start", "2020-01-15",
                        "--months", "12", "--method", "interest-only"])
    }

    static func entry(in output: String) throws -> String {
        try #require(output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    }

    @Test func loanRepaymentAndAccrualUndoneAndRecordedAgain() throws {
        let ledger = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: ledger.folder) }
        try Self.addLoan(ledger)
        let accrual = try ledger.run(["loans", "accrue", "--id", "L1", "--through", "2020-03-15"])
        #expect(accrual.stdout.contains("7,200.00"))
        let repay = try ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-02-15"])
        let repayment = try Self.entry(in: repay.stdout)
        #expect(repayment == "3")

        // The accrual cannot go while its row 1 stays repaid: exit 65, nothing written.
        let before = try ledger.snapshot()
        let refused = try ledger.run(["ledger", "reverse", "2", "--reason", "wrong date"], expecting: 65)
        #expect(refused.stderr.hasPrefix("relief: error: installment 1 of loan L1, accrued by entry 2, was repaid on 2020-02-15 (entry 3)"))
        #expect(try ledger.run(["ledger", "reverse", "1", "--reason", "x"], expecting: 65).stderr.contains("disbursement cannot be reversed"))
        #expect(try ledger.run(["ledger", "reverse", "99", "--reason", "x"], expecting: 65).stderr.contains("no journal entry 99"))
        #expect(try ledger.snapshot() == before)

        let undone = try ledger.run(["ledger", "reverse", repayment, "--date", "2020-02-20", "--reason", "paid by another firm"])
        #expect(undone.stdout == "Reversed entry 3 with entry 4; installment 1 of loan L1 is unpaid again (3,720.00 owed again)\n")
        #expect(try ledger.run(["ledger", "reverse", repayment, "--reason", "again"]).stderr.contains("already reversed by entry 4"))
        let cash = try ledger.json(["ledger", "balance", "1001"])
        #expect((cash["balances"] as? [[String: Any]])?.first?["balance"] as? String == "-1200000.00")
        try ledger.check()
        #expect(try ledger.run(["ledger", "reverse", "2", "--reason", "accrued too early"]).stdout
                == "Reversed entry 2 with entry 5; the accrual of loan L1 through 2020-03-15 is undone: installments 1, 2 unaccrued (7,200.00)\n")
        try ledger.check()

        // Recorded again: new entries; the same again is a duplicate.
        #expect(try ledger.run(["loans", "accrue", "--id", "L1", "--through", "2020-03-15"]).stdout.contains("(entry 6)"))
        #expect(try ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-02-15"]).stdout.hasSuffix("entry 7\n"))
        #expect(try ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-02-15"]).stderr.contains("duplicate"))
        let balance = try ledger.json(["ledger", "trial-balance"])
        let accounts = try #require(balance["accounts"] as? [[String: Any]])
        // Receivable: 7,200.00 accrued less row 1's 3,720.00 repaid.
        #expect(accounts.first { $0["account"] as? String == "1132" }?["debit"] as? String == "3480.00")
        #expect(balance["total_debit"] as? String == balance["total_credit"] as? String)
        try ledger.check()
    }

    /// 10,000,000.00 in; A 6,000,000.00 on 2 Mar repaid 6 Mar (4 days x 0.08%: 19,200.00);
    /// B 10,000,000.00 on 7 Mar.
    @Test func bridgeAdvanceCancelledAndRepaymentUndone() throws {
        let ledger = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: ledger.folder) }
        try ledger.run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01"])
        func advance(_ id: String, _ amount: String, _ date: String) throws -> String {
            try Self.entry(in: ledger.run(["bridge", "advance", "--id", id, "--enterprise", Self.code, "--bank", "济宁银行",
                                           "--amount", amount, "--date", date]).stdout)
        }
        let advanceA = try advance("A", "6000000", "2020-03-02")
        let repaymentA = try Self.entry(in: ledger.run(["bridge", "repay", "--id", "A", "--date", "2020-03-06"]).stdout)
        let advanceB = try advance("B", "10000000", "2020-03-07")

        let before = try ledger.snapshot()
        #expect(try ledger.run(["ledger", "reverse", advanceA, "--reason", "x"], expecting: 65).stderr
                .contains("advance A was repaid on 2020-03-06 (entry \(repaymentA)); undo the repayment first"))
        #expect(try ledger.run(["ledger", "reverse", repaymentA, "--reason", "x"], expecting: 65).stderr
                .contains("-6,000,000.00 at the end of 2020-03-07"))
        #expect(try ledger.run(["ledger", "reverse", "1", "--reason", "x"], expecting: 65).stderr.contains("--withdraw"))
        #expect(try ledger.snapshot() == before)

        #expect(try ledger.run(["ledger", "reverse", advanceB, "--reason", "wrong enterprise"]).stdout.contains("advance B is cancelled"))
        #expect(try ledger.run(["ledger", "reverse", repaymentA, "--reason", "not yet repaid"]).stdout.contains("outstanding again"))
        var report = try ledger.json(["bridge", "report", "--to", "2020-03-31"])
        #expect(report["outstanding"] as? String == "6000000.00")
        #expect(report["fee_income"] as? String == "0.00")
        #expect(report["balance"] as? String == "4000000.00")
        #expect(report["advances"] as? Int == 1)
        try ledger.check()
        try ledger.run(["ledger", "reverse", advanceA, "--reason", "amount wrong"])
        // A again, with the right figures: 5,000,000.00 on 8 Mar repaid 10 Mar (2 days: 8,000.00).
        _ = try advance("A", "5000000", "2020-03-08")
        #expect(try ledger.run(["bridge", "repay", "--id", "A", "--date", "2020-03-10"]).stdout.contains("fee 8,000.00"))
        report = try ledger.json(["bridge", "report", "--to", "2020-03-31"])
        #expect(report["balance"] as? String == "10008000.00")
        #expect(report["advances"] as? Int == 1)
        #expect(report["advanced_total"] as? String == "5000000.00")
        try ledger.check()
    }

    @Test func correctionsRoundTripThroughTheLoanBook() throws {
        let ledger = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: ledger.folder) }
        try Self.addLoan(ledger)
        try ledger.run(["loans", "accrue", "--id", "L1", "--through", "2020-03-15"])
        try ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-02-15"])
        try ledger.run(["ledger", "reverse", "3", "--reason", "wrong loan"])
        try ledger.run(["ledger", "reverse", "2", "--reason", "too early"])
        try ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-02-16"])
        try ledger.run(["loans", "accrue", "--id", "L1", "--through", "2020-04-15"])
        try ledger.run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01"])
        try ledger.run(["bridge", "advance", "--id", "A", "--enterprise", Self.code, "--bank", "济宁银行", "--amount", "6000000", "--date", "2020-03-02"])
        try ledger.run(["bridge", "repay", "--id", "A", "--date", "2020-03-06"])
        let journal = try ledger.run(["export", "journal"]).stdout
        let repayA = try #require(journal.split(separator: "\r\n").first { $0.contains("Repayment of bridge advance A") }?.split(separator: ",").first)
        try ledger.run(["ledger", "reverse", String(repayA), "--reason", "wrong date"])
        try ledger.run(["bridge", "repay", "--id", "A", "--date", "2020-03-09"])
        try ledger.run(["bridge", "advance", "--id", "B", "--enterprise", Self.code, "--bank", "济宁银行", "--amount", "1000000", "--date", "2020-03-10"])
        let advanceB = try #require(try ledger.run(["export", "journal"]).stdout.split(separator: "\r\n")
            .first { $0.contains("Bridge advance B") }?.split(separator: ",").first)
        try ledger.run(["ledger", "reverse", String(advanceB), "--reason", "duplicate request"])
        try ledger.check()

        try ledger.run(["export", "loanbook", "--out", "book.xml"])
        let xml = try String(contentsOf: ledger.folder.appendingPathComponent("book.xml"), encoding: .utf8)
        #expect(xml.contains(#"<Correction event="repayment" loan="L1" period="1" date="2020-02-15" reason="wrong loan"/>"#))
        #expect(xml.contains(#"<Correction event="accrual" loan="L1" through="2020-03-15" date="2020-03-15" reason="too early"/>"#))
        #expect(xml.contains(#"<Correction event="bridgeRepayment" advance="A" date="2020-03-06" reason="wrong date"/>"#))
        #expect(xml.contains(#"<Correction event="advance" advance="B" date="2020-03-10" reason="duplicate request"/>"#))
        let copy = ReliefProcess.run
        #expect(try copy(["init", "--db", "b.sqlite"], ledger.folder, [:]).status == 0)
        let imported = try copy(["import", "book.xml", "--db", "b.sqlite", "--format", "json"], ledger.folder, [:])
        #expect(imported.status == 0, "\(imported.stderr)")
        for command in [["ledger", "trial-balance", "--format", "json"], ["export", "journal"], ["export", "schedules"],
                        ["bridge", "list", "--format", "csv"], ["bridge", "report", "--to", "2020-03-31", "--format", "json"]] {
            let original = try ledger.run(command)
            let replayed = try copy(command + ["--db", "b.sqlite"], ledger.folder, [:])
            #expect(replayed.status == 0 && replayed.stdout == original.stdout, "\(command)")
        }
        #expect(try copy(["ledger", "check", "--db", "b.sqlite"], ledger.folder, [:]).status == 0)
        // Imported again: every record a duplicate, nothing changed.
        let again = try copy(["import", "book.xml", "--db", "b.sqlite", "--format", "json"], ledger.folder, [:])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(summary["imported"] as? Int == 0)
        #expect(try copy(["export", "journal", "--db", "b.sqlite"], ledger.folder, [:]).stdout == (try ledger.run(["export", "journal"]).stdout))
    }

    @Test func helpSaysWhatEachCorrectionDoes() throws {
        let help = try ReliefProcess.run(["ledger", "reverse", "--help"])
        #expect(help.status == 0)
        for words in ["loan repayment", "interest accrual", "bridge advance", "bridge repayment", "recorded again", "Refused (exit 65"] {
            #expect(help.stdout.contains(words), "\(words)")
        }
    }
}
