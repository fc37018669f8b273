import Foundation
import GRDB
@testable import ReliefCLI
import ReliefDomain
import ReliefInterchange
@testable import ReliefLedger
import Testing

/// Export a ledger built with the CLI as loan-book XML, import it into a fresh ledger, and
/// compare what both hold (SPEC.md round-trip invariant). Expected values are read from the
/// original ledger, never pasted from output.
@Suite struct LoanBookTransferTests {
    static let code = "91350100M000100Y43"

    /// A ledger exercising every event the loan book carries: loans, a repayment before and
    /// after a deferral, an accrual, a deferral under a user's programme file (40% uplift,
    /// compound interest on deferred interest), an extension, a renewal, bridge terms changed
    /// between advances, capital in and out, an advance under its own terms and its
    /// repayment, a journal entry without a register and its reversal, and cultivation.
    static func buildLedger(in folder: URL, _ db: String) throws {
        func run(_ arguments: [String]) throws {
            let result = try ReliefProcess.run(arguments + ["--db", db], in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        func add(_ id: String, _ principal: String, _ start: String, _ months: String, _ extra: [String] = []) throws {
            try run(["loans", "add", "--id", id, "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", code, "--size", "small", "--county", "任城区",
                     "--bank", "济宁银行", "--principal", principal, "--rate", "4.35%", "--start", start, "--months", months,
                     "--applied", "2020-02-10"] + extra)
        }
        try run(["init"])
        try add("L1", "1000000", "2019-12-15", "12")
        try add("L2", "500000", "2019-06-20", "12", ["--method", "bullet"])
        try add("L3", "800000", "2019-10-10", "6", ["--method", "interest-only"])
        try add("L4", "300000", "2019-09-05", "12")
        try run(["loans", "repay", "--id", "L1", "--period", "1", "--date", "2020-01-15"])
        try run(["loans", "accrue", "--id", "L4", "--through", "2020-01-31"])
        try Data("""
            { "name": "jining", "title": "Jining city deferral", "from": "2020-02-01", "until": "2020-05-31", "deferral_date": "2020-07-31",
              "penalty_uplift": "40%", "compound_on_deferred_interest": true, "application_required": false }
            """.utf8).write(to: folder.appendingPathComponent("prog.json"))
        try run(["defer", "--programme", "prog.json", "--loan", "L1", "--loan", "L4"])
        try run(["loans", "extend", "--id", "L3", "--to", "2020-10-10"])
        try run(["loans", "renew", "--id", "L2", "--new-id", "L2R", "--on", "2020-06-20", "--new-rate", "4%", "--new-day-count", "act/365"])
        let renewed = try ReliefProcess.run(["loans", "show", "L2R", "--format", "json", "--db", db], in: folder)
        #expect(renewed.stdout.contains("\"day_count\": \"act/365\""), "\(renewed.stdout.prefix(400))")
        try run(["loans", "repay", "--id", "L1", "--period", "2", "--date", "2020-07-31"])
        try run(["bridge", "terms", "--tiers", "5:0.05%,*:0.08%", "--min-fee", "100"])
        try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--account", "37001234567", "--account-name", "济宁市应急转贷基金"])
        try run(["bridge", "advance", "--id", "BR-1", "--enterprise", code, "--bank", "济宁银行", "--amount", "2000000", "--date", "2020-03-02",
                 "--daily-rate", "0.06%", "--loan", "L2"])
        try run(["bridge", "terms", "--max-days", "10", "--rate-cap", "0.05%", "--tiers", "*:0.05%"])
        try run(["bridge", "repay", "--id", "BR-1", "--date", "2020-03-09"])
        try run(["bridge", "fund", "--amount", "1000000", "--date", "2020-03-20", "--withdraw"])
        try run(["firstloan", "enterprise", "add", "--code", code, "--name", "济宁市鲁兴机械有限公司", "--size", "small", "--county", "任城区",
                 "--date", "2020-03-02"])
        try run(["firstloan", "counsellor", "add", "--id", "C1", "--name", "张明"])
        try run(["firstloan", "counsellor", "assign", "--id", "C1", "--code", code, "--date", "2020-03-03"])
        try run(["firstloan", "stage", "--code", code, "--to", "counselled", "--date", "2020-03-05"])
        // An entry without a register (a library caller's own event), then its reversal.
        let entry = try LedgerStore.open(at: folder.appendingPathComponent(db).path).writeJournal { journal in
            try journal.record(try JournalEntryDraft(
                date: try CivilDate(parsing: "2020-08-01"), kind: .manual, description: "Suspense posting", idempotencyKey: "manual:1",
                loanID: try LoanID(validating: "L1"),
                postings: [.debit(ChartOfAccounts.cash, Money(fen: 12_345), loan: try LoanID(validating: "L1")),
                           .credit(ChartOfAccounts.interestIncome, Money(fen: 12_345))])).entryID
        }
        try run(["ledger", "reverse", String(entry), "--date", "2020-08-02", "--reason", "posted in error"])
    }

    @Test func everyEventSurvivesExportAndImport() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.buildLedger(in: folder, "a.sqlite")
        let export = try ReliefProcess.run(["export", "loanbook", "--db", "a.sqlite", "--out", "book.xml"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("book.xml")))
        #expect(LoanBookSchema.validator.validate(bytes: bytes, file: "book.xml").isEmpty)

        #expect(try ReliefProcess.run(["init", "--db", "b.sqlite"], in: folder).status == 0)
        let imported = try ReliefProcess.run(["import", "book.xml", "--db", "b.sqlite", "--format", "json"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        for command in [["ledger", "trial-balance", "--format", "json"], ["loans", "list", "--format", "csv"], ["export", "schedules"],
                        ["export", "journal"], ["export", "enterprises"], ["bridge", "list", "--format", "csv"], ["bridge", "terms"],
                        ["bridge", "report", "--to", "2020-03-31", "--format", "json"],
                        ["firstloan", "report", "--to", "2020-12-31", "--format", "json"]] {
            let original = try ReliefProcess.run(command + ["--db", "a.sqlite"], in: folder)
            let copy = try ReliefProcess.run(command + ["--db", "b.sqlite"], in: folder)
            #expect(original.status == 0 && original.stdout == copy.stdout, "\(command)")
        }
        let check = try ReliefProcess.run(["ledger", "check", "--db", "b.sqlite"], in: folder)
        #expect(check.status == 0, "\(check.stdout)")

        // What the CLI does not print: each deferral with its run's parameters, each advance's own terms.
        func facts(_ db: String) throws -> ([StoredDeferral], [ProgrammeRun], [Row]) {
            try LedgerStore.open(at: folder.appendingPathComponent(db).path).read { db in
                let deferrals = try ["L1", "L4"].flatMap { try LoanLedger.deferrals(of: try LoanID(validating: $0), db) }
                let runs = try Int64.fetchAll(db.database, sql: "SELECT run_id FROM deferrals ORDER BY id").compactMap { try ProgrammeRun.fetch($0, db) }
                let advances = try Row.fetchAll(db.database, sql: """
                    SELECT id, daily_rate_units, tiers, minimum_fee_fen, max_days, commitment_fen, loan_ref FROM bridge_advances ORDER BY id
                    """)
                return (deferrals, runs, advances)
            }
        }
        let (deferrals, runs, advances) = try facts("a.sqlite")
        let (copiedDeferrals, copiedRuns, copiedAdvances) = try facts("b.sqlite")
        #expect(deferrals.count == 2 && copiedDeferrals == deferrals)
        #expect(runs.count == 2 && copiedRuns == runs)
        #expect(copiedRuns.first?.programme.penaltyUplift == Rate(percent: 40))
        #expect(copiedRuns.first?.programme.compoundOnDeferredInterest == true)
        #expect(advances.count == 1 && copiedAdvances == advances)
        // The advance keeps the terms it was made under (tiers, minimum fee, 15 days), not the fund's later ones.
        #expect(copiedAdvances.first?["tiers"] == "5:0.05%,*:0.08%")
        #expect(copiedAdvances.first?["max_days"] == 15)

        // The book exported again from the copy is the same file; importing it twice changes nothing.
        #expect(try ReliefProcess.run(["export", "loanbook", "--db", "b.sqlite", "--out", "again.xml"], in: folder).status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("again.xml")) == (try Data(contentsOf: folder.appendingPathComponent("book.xml"))))
        let twice = try ImportExportCommandTests.json(try ReliefProcess.run(["import", "book.xml", "--db", "b.sqlite", "--format", "json"], in: folder).stdout)
        #expect(twice["imported"] as? Int == 0)
        #expect((twice["duplicates"] as? Int ?? 0) > 0)
    }

    /// A format-1 book (no revision, advances with `repaid`) still imports, with the books a
    /// ledger recording the same events through the CLI has.
    @Test func revisionOneBookStillImports() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String], _ db: String) throws -> ReliefProcess.Result {
            let result = try ReliefProcess.run(arguments + ["--db", db], in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try run(["init"], "a.sqlite")
        _ = try run(["loans", "add", "--id", "JN-2019-0001", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", Self.code, "--size", "small",
                     "--county", "任城区", "--bank", "济宁银行", "--principal", "1000000", "--rate", "4.35%", "--start", "2019-12-15",
                     "--months", "12", "--applied", "2020-02-10"], "a.sqlite")
        _ = try run(["loans", "repay", "--id", "JN-2019-0001", "--period", "1", "--date", "2020-01-15"], "a.sqlite")
        _ = try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--account", "37001234567"], "a.sqlite")
        _ = try run(["bridge", "advance", "--id", "BR-001", "--enterprise", Self.code, "--bank", "济宁银行", "--amount", "6000000",
                     "--date", "2020-03-02"], "a.sqlite")
        _ = try run(["bridge", "repay", "--id", "BR-001", "--date", "2020-03-06"], "a.sqlite")
        // Advanced and repaid the same day: its repayment comes after it, not with the day's others.
        _ = try run(["bridge", "advance", "--id", "BR-002", "--enterprise", Self.code, "--bank", "济宁银行", "--amount", "1000000",
                     "--date", "2020-03-06"], "a.sqlite")
        _ = try run(["bridge", "repay", "--id", "BR-002", "--date", "2020-03-06"], "a.sqlite")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <LoanBook xmlns="urn:creditrelief:loanbook:1" version="1">
              <Enterprise creditCode="\(Self.code)" name="济宁市鲁兴机械有限公司" size="small" county="任城区"/>
              <Loan id="JN-2019-0001" enterprise="\(Self.code)" bank="济宁银行" principal="1000000.00" rate="0.0435" start="2019-12-15" months="12" method="annuity" dayCount="30/360" settlement="due-dates" applied="2020-02-10"/>
              <Repayment loan="JN-2019-0001" period="1" date="2020-01-15"/>
              <BridgeFund account="37001234567"/>
              <BridgeCapital date="2020-03-01" amount="10000000.00"/>
              <BridgeAdvance id="BR-001" enterprise="\(Self.code)" bank="济宁银行" county="" amount="6000000.00" date="2020-03-02" repaid="2020-03-06"/>
              <BridgeAdvance id="BR-002" enterprise="\(Self.code)" bank="济宁银行" county="" amount="1000000.00" date="2020-03-06" repaid="2020-03-06"/>
            </LoanBook>

            """.utf8).write(to: folder.appendingPathComponent("old.xml"))
        _ = try run(["init"], "b.sqlite")
        let imported = try ImportExportCommandTests.json(try run(["import", "old.xml", "--format", "json"], "b.sqlite").stdout)
        // The loan, its repayment, the capital, the two advances and their repayments.
        #expect(imported["imported"] as? Int == 7)
        for command in [["loans", "list", "--format", "csv"], ["bridge", "list", "--format", "csv"], ["ledger", "trial-balance", "--format", "json"],
                        ["loans", "show", "JN-2019-0001", "--format", "csv"]] {
            #expect(try run(command, "a.sqlite").stdout == (try run(command, "b.sqlite").stdout), "\(command)")
        }
    }

    /// A written schedule that the replay does not reproduce is refused at its line, and
    /// nothing is written.
    @Test func scheduleMismatchIsRefusedWithItsLine() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.buildLedger(in: folder, "a.sqlite")
        #expect(try ReliefProcess.run(["export", "loanbook", "--db", "a.sqlite", "--out", "book.xml"], in: folder).status == 0)
        var lines = try String(contentsOf: folder.appendingPathComponent("book.xml"), encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("<Installment loan=\"L4\"") && $0.contains("deferred=\"true\"") })
        let original = lines[index]
        let principal = try #require(original.range(of: #"principal="[0-9.]+""#, options: .regularExpression))
        lines[index] = original.replacingCharacters(in: principal, with: "principal=\"1.00\"")
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("bad.xml"), atomically: true, encoding: .utf8)

        #expect(try ReliefProcess.run(["init", "--db", "b.sqlite"], in: folder).status == 0)
        let result = try ReliefProcess.run(["import", "bad.xml", "--db", "b.sqlite"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.xml:\(index + 1): Installment/@principal: schedule mismatch"), "\(result.stderr)")
        let loans = try ReliefProcess.run(["loans", "list", "--format", "csv", "--db", "b.sqlite"], in: folder)
        #expect(loans.stdout.split(separator: "\r\n").count <= 1, "nothing written: \(loans.stdout)")

        // The loan's own principal changed: every row of its schedule differs; the first is
        // named with each field that differs, the others counted, not listed one by one.
        var changed = try String(contentsOf: folder.appendingPathComponent("book.xml"), encoding: .utf8).components(separatedBy: "\n")
        let loanLine = try #require(changed.firstIndex { $0.contains("<Loan id=\"L4\"") })
        let loanPrincipal = try #require(changed[loanLine].range(of: #"principal="[0-9.]+""#, options: .regularExpression))
        changed[loanLine] = changed[loanLine].replacingCharacters(in: loanPrincipal, with: "principal=\"123456.00\"")
        try changed.joined(separator: "\n").write(to: folder.appendingPathComponent("loan.xml"), atomically: true, encoding: .utf8)
        let whole = try ReliefProcess.run(["import", "loan.xml", "--db", "b.sqlite"], in: folder)
        let mismatches = whole.stderr.split(separator: "\n").filter { $0.contains("schedule mismatch") }
        #expect(whole.status == 65 && mismatches.count == 2, "\(whole.stderr)")
        #expect(mismatches.last?.contains("more installments of loan L4 differ") == true, "\(whole.stderr)")
    }
}

/// A loan book holds every enterprise of the ledger, sized or not.
@Suite struct UnsizedEnterpriseTransferTests {
    /// Enterprises whose size the ledger does not know (from an enterprise list without sizes,
    /// or known from a bridge advance) travel too: they were left out of the loan book.
    @Test func enterprisesWithoutASizeTravel() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = ReliefProcess.In(folder)
        try "credit_code,name,size,county\r\n91370800000000000X,甲公司,,任城区\r\n913708000000000011,乙公司,small,嘉祥县\r\n"
            .write(toFile: folder.appendingPathComponent("firms.csv").path, atomically: true, encoding: .utf8)
        _ = try run(["init"])
        _ = try run(["import", "firms.csv"])
        _ = try run(["export", "loanbook", "--out", "book.xml"])
        let book = try String(contentsOfFile: folder.appendingPathComponent("book.xml").path, encoding: .utf8)
        #expect(book.contains("<Enterprise creditCode=\"91370800000000000X\" name=\"甲公司\" county=\"任城区\"/>"), "\(book)")
        _ = try run(["init", "--db", "copy.sqlite"])
        _ = try run(["import", "book.xml", "--db", "copy.sqlite"])
        #expect(try run(["export", "enterprises", "--db", "copy.sqlite"]).stdout == (try run(["export", "enterprises"]).stdout))
        _ = try run(["export", "loanbook", "--db", "copy.sqlite", "--out", "again.xml"])
        #expect(try String(contentsOfFile: folder.appendingPathComponent("again.xml").path, encoding: .utf8) == book)
    }
}
