import Foundation
import Testing

/// End to end: corrections survive the repayment CSV and loan-book round trips, a corrected
/// book re-imports as duplicates, and a book's manual entries cannot take the keys the
/// ledger reserves for its own events.
@Suite struct CorrectionSafetyTests {
    typealias Ledger = CorrectionCommandTests.Ledger

    static func copy(_ arguments: [String], _ ledger: Ledger, db: String = "b.sqlite") throws -> ReliefProcess.Result {
        try ReliefProcess.run(arguments + ["--db", db], in: ledger.folder)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Installment 1 of L1 (3,720.00 of interest, no principal) repaid on 01-15, reversed,
    /// repaid again on 01-20; installment 2 repaid and reversed: only the 01-20 repayment stands.
    @Test func repaymentExportKeepsOnlyStandingRepayments() throws {
        let ledger = try CorrectionCommandTests.ledger()
        defer { try? FileManager.default.removeItem(at: ledger.folder) }
        try CorrectionCommandTests.addLoan(ledger)
        #expect(try CorrectionCommandTests.entry(in: ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-01-15"]).stdout) == "2")
        try ledger.run(["ledger", "reverse", "2", "--reason", "wrong firm"])
        #expect(try CorrectionCommandTests.entry(in: ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-01-20"]).stdout) == "4")
        #expect(try CorrectionCommandTests.entry(in: ledger.run(["loans", "repay", "--id", "L1", "--period", "2", "--date", "2020-02-15"]).stdout) == "5")
        try ledger.run(["ledger", "reverse", "5", "--reason", "bounced"])
        #expect(try ledger.run(["export", "repayments"]).stdout
                == "loan_id,period,date,principal,interest,amount\r\nL1,1,2020-01-20,0.00,3720.00,3720.00\r\n")

        // The CSV round trip into a fresh ledger keeps the corrected state.
        try ledger.run(["export", "loans", "--out", "loans.csv"])
        try ledger.run(["export", "repayments", "--out", "repayments.csv"])
        #expect(try Self.copy(["init"], ledger).status == 0)
        #expect(try Self.copy(["import", "loans.csv"], ledger).status == 0)
        let imported = try Self.copy(["import", "repayments.csv", "--format", "json"], ledger)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try Self.json(imported.stdout)["imported"] as? Int == 1)
        for command in [["export", "repayments"], ["ledger", "trial-balance", "--format", "json"]] {
            #expect(try Self.copy(command, ledger).stdout == (try ledger.run(command).stdout), "\(command)")
        }
        #expect(try Self.copy(["ledger", "check"], ledger).status == 0)
    }

    /// Installment 1 repaid (entry 2); the accrual through 03-20 skips it as paid and accrues
    /// installment 2 (3,480.00, entry 3); the repayment reversed (entry 4) leaves installment 1
    /// unpaid and unaccrued. The book re-imported is all duplicates, into its own ledger or a
    /// fresh one twice.
    @Test func correctedBookReimportsAsDuplicates() throws {
        let ledger = try CorrectionCommandTests.ledger()
        defer { try? FileManager.default.removeItem(at: ledger.folder) }
        try CorrectionCommandTests.addLoan(ledger)
        try ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-02-15"])
        #expect(try ledger.run(["loans", "accrue", "--id", "L1", "--through", "2020-03-20"]).stdout.contains("3,480.00"))
        try ledger.run(["ledger", "reverse", "2", "--reason", "wrong firm"])
        try ledger.run(["export", "loanbook", "--out", "book.xml"])
        let journal = try ledger.run(["export", "journal"]).stdout

        let same = try ledger.run(["import", "book.xml", "--format", "json"])
        let summary = try Self.json(same.stdout)
        #expect(summary["imported"] as? Int == 0)
        #expect(summary["duplicates"] as? Int == 5)
        #expect(try ledger.run(["export", "journal"]).stdout == journal)
        try ledger.check()

        #expect(try Self.copy(["init"], ledger).status == 0)
        for round in 1...2 {
            let imported = try Self.copy(["import", "book.xml", "--format", "json"], ledger)
            #expect(imported.status == 0, "round \(round): \(imported.stderr)")
            #expect(try Self.json(imported.stdout)["imported"] as? Int == (round == 1 ? 5 : 0))
            #expect(try Self.copy(["export", "journal"], ledger).stdout == journal)
            #expect(try Self.copy(["ledger", "check"], ledger).status == 0)
        }
    }

    /// A book whose manual entry takes a key the ledger reserves is refused where it stands:
    /// exit 65, nothing written.
    @Test func manualEntriesCannotTakeReservedKeys() throws {
        let ledger = try CorrectionCommandTests.ledger()
        defer { try? FileManager.default.removeItem(at: ledger.folder) }
        try CorrectionCommandTests.addLoan(ledger)
        try ledger.run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-02-15"])
        try ledger.run(["export", "loanbook", "--out", "plain.xml"])
        let plain = try String(contentsOf: ledger.folder.appendingPathComponent("plain.xml"), encoding: .utf8)
        let repayment = #"<Repayment loan="L1" period="1" date="2020-02-15"/>"#
        #expect(plain.contains(repayment))
        func entry(_ key: String) -> String {
            #"<Entry number="9" date="2020-02-16" description="Suspense" key="\#(key)"><Posting account="1001" debit="1.00"/><Posting account="6011" credit="1.00"/></Entry>"#
        }
        let correction = #"<Correction event="repayment" loan="L1" period="1" date="2020-02-15" reason="wrong firm"/>"#
        #expect(try Self.copy(["init"], ledger).status == 0)
        for key in ["reverse:2", "loan:L1:repayment:3", "r2:loan:L1:repayment:1", "bridge:capital:x", "deferral:L1:2020", "loan:L9:disbursement"] {
            let book = plain.replacingOccurrences(of: repayment, with: repayment + entry(key) + (key == "reverse:2" ? correction : ""))
            try book.write(to: ledger.folder.appendingPathComponent("bad.xml"), atomically: true, encoding: .utf8)
            let line = try #require(book.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<Entry") }) + 1
            let result = try Self.copy(["import", "bad.xml"], ledger)
            #expect(result.status == 65, "\(key): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("relief: error: bad.xml:\(line):"), "\(key): \(result.stderr)")
            #expect(result.stderr.contains("'\(key)'") && result.stderr.contains("reserves for its own events"), "\(key): \(result.stderr)")
            #expect(try Self.copy(["export", "journal"], ledger).stdout == "entry,date,kind,description,account,loan_id,debit,credit\r\n", "\(key)")
        }
        // An ordinary key is fine.
        let fine = plain.replacingOccurrences(of: repayment, with: repayment + entry("suspense:1"))
        try fine.write(to: ledger.folder.appendingPathComponent("fine.xml"), atomically: true, encoding: .utf8)
        #expect(try Self.copy(["import", "fine.xml"], ledger).status == 0)
        #expect(try Self.copy(["ledger", "check"], ledger).status == 0)
    }
}
