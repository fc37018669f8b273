import Foundation
import Testing

/// A loan booked with half-even rounding keeps it wherever it goes: each interest of this loan
/// is a tie (10,001.00 x 0.5% = 50.005: 50.00 half-even, 50.01 half-up).
@Suite struct LoanRoundingTransferTests {
    static let loan = ["loans", "add", "--id", "HE-1", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", "91350100M000100Y43",
                       "--size", "small", "--county", "任城区", "--bank", "济宁银行", "--principal", "10001", "--rate", "6%",
                       "--start", "2020-01-15", "--months", "3", "--method", "interest-only", "--day-count", "30/360"]

    /// Through the loan book: written as `rounding="half-even"` on its <Loan>, imported into a
    /// fresh ledger with its schedule rows, exported again byte for byte. Booking the id again
    /// with the other rounding is refused.
    @Test func aHalfEvenLoanRoundTripsThroughTheLoanBook() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = ReliefProcess.In(folder)
        let loan = Self.loan
        _ = try run(["init"])
        _ = try run(loan + ["--rounding", "half-even"])
        let refused = try run(loan, status: 65)
        #expect(refused.stderr.contains("rounded half-even, not half-up"), "\(refused.stderr)")
        _ = try run(["loans", "repay", "--id", "HE-1", "--period", "1", "--date", "2020-02-15"])
        _ = try run(["export", "loanbook", "--out", "book.xml"])
        let book = try String(contentsOf: folder.appendingPathComponent("book.xml"), encoding: .utf8)
        #expect(book.contains("rounding=\"half-even\""), "\(book)")
        _ = try run(["init", "--db", "copy.sqlite"])
        _ = try run(["import", "book.xml", "--db", "copy.sqlite"])
        _ = try run(["export", "loanbook", "--db", "copy.sqlite", "--out", "again.xml"])
        #expect(try String(contentsOf: folder.appendingPathComponent("again.xml"), encoding: .utf8) == book)
        let shown = try run(["loans", "show", "HE-1", "--db", "copy.sqlite", "--format", "csv"]).stdout
        #expect(shown.contains("50.00") && !shown.contains("50.01"), "\(shown)")
        #expect(try run(["ledger", "trial-balance", "--format", "json"]).stdout
                == (try run(["ledger", "trial-balance", "--db", "copy.sqlite", "--format", "json"]).stdout))
        _ = try run(["ledger", "check", "--db", "copy.sqlite"])
    }

    /// Through the loan CSV: `relief export loans` writes a `rounding` column when a loan needs
    /// one, and `relief import` books the loan so.
    @Test func theRoundingColumnRoundTrips() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = ReliefProcess.In(folder)
        let loan = Self.loan
        _ = try run(["init"])
        _ = try run(loan + ["--rounding", "half-even"])
        _ = try run(loan.map { $0 == "HE-1" ? "HU-2" : $0 })
        _ = try run(["export", "loans", "--out", "loans.csv"])
        let csv = try String(contentsOf: folder.appendingPathComponent("loans.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasSuffix(",applied,rounding") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("HE-1,") && $0.hasSuffix(",half-even") } && lines.contains { $0.hasPrefix("HU-2,") && $0.hasSuffix(",half-up") })

        _ = try run(["init", "--db", "copy.sqlite"])
        let imported = try run(["import", "loans.csv", "--db", "copy.sqlite", "--format", "json"]).stdout
        #expect(imported.contains("\"imported\": 2") || imported.contains("\"imported\":2"), "\(imported)")
        let shown = try run(["loans", "show", "HE-1", "--db", "copy.sqlite", "--format", "csv"]).stdout
        #expect(shown.contains(",50.00,") && !shown.contains("50.01"), "\(shown)")
        let other = try run(["loans", "show", "HU-2", "--db", "copy.sqlite", "--format", "csv"]).stdout
        #expect(other.contains(",50.01,"), "\(other)")
        let again = try run(["import", "loans.csv", "--db", "copy.sqlite", "--format", "json"]).stdout
        #expect(again.contains("\"duplicates\": 2") || again.contains("\"duplicates\":2"), "\(again)")
        #expect(try run(["ledger", "trial-balance", "--format", "json"]).stdout
                == (try run(["ledger", "trial-balance", "--db", "copy.sqlite", "--format", "json"]).stdout))

        // The same loan without the column is the half-up loan: refused, not taken as a duplicate.
        let withoutColumn = lines.filter { !$0.hasPrefix("HU-2,") }.map { String($0[..<$0.lastIndex(of: ",")!]) }.joined(separator: "\r\n") + "\r\n"
        try withoutColumn.write(to: folder.appendingPathComponent("plain.csv"), atomically: true, encoding: .utf8)
        let refused = try run(["import", "plain.csv", "--db", "copy.sqlite"], status: 65)
        #expect(refused.stderr.contains("rounded half-even, not half-up"), "\(refused.stderr)")
        // A rounding the loan file does not take is located.
        try csv.replacingOccurrences(of: ",half-even", with: ",up").write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        _ = try run(["init", "--db", "bad.sqlite"])
        let bad = try run(["import", "bad.csv", "--db", "bad.sqlite"], status: 65)
        #expect(bad.stderr.contains("bad.csv:2: rounding"), "\(bad.stderr)")
    }

    /// Problems are listed by line: the one the ledger finds while booking (line 3, the
    /// half-even loan again without its rounding) is found before those of reading the whole
    /// file (line 2) but listed after them; and each term limit a row breaks names its field.
    @Test func problemsComeInLineOrder() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = ReliefProcess.In(folder)
        _ = try run(["init"])
        _ = try run(Self.loan + ["--rounding", "half-even"])
        let csv = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method,day_count\r\n"
            + "B-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,100,40%,2020-02-30,601,interest-only,30/360\r\n"
            + "HE-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,10001,6%,2020-01-15,3,interest-only,30/360\r\n"
        try Data(csv.utf8).write(to: folder.appendingPathComponent("order.csv"))
        let refused = try run(["import", "order.csv", "--format", "json"], status: 65)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any])
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(problems.map { "\($0["line"] ?? "?"):\($0["field"] as? String ?? "-")" } == ["2:start", "2:rate", "2:months", "3:-"], "\(problems)")
        let lines = refused.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 5 && lines[0].contains("order.csv:2: start:") && lines[3].contains("order.csv:3: ") && lines[3].contains("half-even"),
                "\(refused.stderr)")
    }
}
