import Foundation
import GRDB
import Testing

/// Where a loan came from survives a move: the loan book lists each import run that booked
/// loans (`<ImportBatch>`, before its first loan) and each such loan names it (`batch`); an
/// import into another ledger logs those runs there and links the loans to them.
@Suite struct ImportLogTransferTests {
    static let header = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method,day_count,settlement,credit_line,applied\r\n"
    static let first = "A-1,济宁市鲁兴机械有限公司,91370800000000000X,micro,任城区,济宁银行,100000.00,3.5%,2019-01-01,12,annuity,30/360,due-dates,,\r\n"
        + "A-2,济宁市泰和机械有限公司,913708000000000011,small,嘉祥县,济宁银行,200000.00,3.75%,2019-02-07,12,equal-principal,30/360,due-dates,,\r\n"
    static let second = "B-1,济宁市华源机械有限公司,913708000000000024,small,邹城市,济宁银行,300000.00,4%,2019-03-01,12,annuity,30/360,due-dates,,\r\n"

    /// Rows of `import_batches` and each loan's batch (its source), read from the file at `path`.
    static func log(_ path: String) throws -> (batches: [String], loans: [String: String]) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let batches = try Row.fetchAll(db, sql: "SELECT source, recorded_on, records, duplicates FROM import_batches ORDER BY id").map { row in
                "\(row["source"] as String) \(row["recorded_on"] as String) \(row["records"] as Int)/\(row["duplicates"] as Int)"
            }
            var loans: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT l.id, b.source FROM loans l JOIN journal_entries e ON e.idempotency_key = 'loan:' || l.id || ':disbursement'
                LEFT JOIN import_batches b ON b.id = e.batch_id
                """) {
                loans[row["id"]] = (row["source"] as String?) ?? "-"
            }
            return (batches, loans)
        }
    }

    @Test func importRunsTravelWithTheirLoans() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = ReliefProcess.In(folder)
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        try (Self.header + Self.first).write(toFile: path("a.csv"), atomically: true, encoding: .utf8)
        try (Self.header + Self.second).write(toFile: path("b.csv"), atomically: true, encoding: .utf8)
        _ = try run(["init"])
        _ = try run(["import", "a.csv"])
        _ = try run(["import", "b.csv", "a.csv"])  // books B-1; A-1 and A-2 are duplicates
        _ = try run(["loans", "add", "--id", "M-1", "--borrower", "济宁市金泰机械有限公司", "--credit-code", "913708000000000037", "--size", "medium",
                     "--county", "梁山县", "--bank", "济宁银行", "--principal", "50000", "--rate", "4%", "--start", "2019-04-01", "--months", "6"])
        let original = try Self.log(path("relief.sqlite"))
        #expect(original.loans == ["A-1": "a.csv", "A-2": "a.csv", "B-1": "b.csv, a.csv", "M-1": "-"])
        #expect(original.batches.count == 2 && original.batches[1].hasSuffix(" 1/2"), "\(original.batches)")

        _ = try run(["export", "loanbook", "--out", "book.xml"])
        let book = try String(contentsOfFile: path("book.xml"), encoding: .utf8)
        let lines = book.split(separator: "\n").map(String.init)
        let firstBatch = try #require(lines.firstIndex { $0.contains("<ImportBatch number=\"1\" source=\"a.csv\"") && $0.contains("records=\"2\" duplicates=\"0\"") })
        let firstLoan = try #require(lines.firstIndex { $0.contains("<Loan id=\"A-1\"") })
        #expect(firstBatch < firstLoan && lines[firstLoan].contains("batch=\"1\""), "\(book)")
        #expect(lines.contains { $0.contains("<ImportBatch number=\"2\" source=\"b.csv, a.csv\"") && $0.contains("records=\"1\" duplicates=\"2\"") })
        #expect(lines.contains { $0.contains("<Loan id=\"B-1\"") && $0.contains("batch=\"2\"") })
        #expect(lines.contains { $0.contains("<Loan id=\"M-1\"") && !$0.contains("batch=") })
        #expect(lines.filter { $0.contains("<ImportBatch ") }.count == 2)

        // Into a fresh ledger: the two runs are logged there (with their day and counts) and
        // the loans point to them; the book's own import is a third run, booking no loan of its own.
        _ = try run(["init", "--db", "copy.sqlite"])
        _ = try run(["import", "book.xml", "--db", "copy.sqlite"])
        let copied = try Self.log(path("copy.sqlite"))
        #expect(copied.loans == original.loans)
        #expect(copied.batches.first?.hasPrefix("book.xml ") == true && Array(copied.batches.dropFirst()) == original.batches, "\(copied.batches)")
        // `loans show` says where a loan came from.
        let day = original.batches[1].split(separator: " ").dropLast().last.map(String.init) ?? "?"
        let shown = try run(["loans", "show", "B-1", "--db", "copy.sqlite"]).stdout
        #expect(shown.contains("Booked by the import of b.csv, a.csv on \(day)\n"), "\(shown)")
        let manual = try run(["loans", "show", "M-1", "--db", "copy.sqlite", "--format", "json"]).stdout
        #expect(manual.contains("\"imported\": null") || manual.contains("\"imported\":null"), "\(manual)")
        _ = try run(["export", "loanbook", "--db", "copy.sqlite", "--out", "again.xml"])
        #expect(try String(contentsOfFile: path("again.xml"), encoding: .utf8) == book)
        // Again: every loan is booked already, so no run of the book is logged twice.
        _ = try run(["import", "book.xml", "--db", "copy.sqlite"])
        #expect(try Self.log(path("copy.sqlite")).batches.count == 4)
        _ = try run(["ledger", "check", "--db", "copy.sqlite"])

        // A loan naming a run not listed above it, and a run listed twice: refused, located, nothing written.
        let unlisted = lines.filter { !$0.contains("<ImportBatch number=\"1\"") }.joined(separator: "\n") + "\n"
        try unlisted.write(toFile: path("unlisted.xml"), atomically: true, encoding: .utf8)
        _ = try run(["init", "--db", "bad.sqlite"])
        let refused = try run(["import", "unlisted.xml", "--db", "bad.sqlite"], status: 65)
        #expect(refused.stderr.contains("unlisted.xml:") && refused.stderr.contains("names import batch 1, which is not listed above it"), "\(refused.stderr)")
        let twice = lines.flatMap { $0.contains("<ImportBatch number=\"2\"") ? [$0, $0] : [$0] }.joined(separator: "\n") + "\n"
        try twice.write(toFile: path("twice.xml"), atomically: true, encoding: .utf8)
        let refusedTwice = try run(["import", "twice.xml", "--db", "bad.sqlite"], status: 65)
        #expect(refusedTwice.stderr.contains("import batch 2 is listed twice"), "\(refusedTwice.stderr)")
        let untouched = try Self.log(path("bad.sqlite"))
        #expect(untouched.batches.isEmpty && untouched.loans.isEmpty)

        // An Entry naming a loan the ledger does not have: located, exit 65, in a dry run too
        // (the database refused it only at the commit, as an internal error).
        let loanLine = try #require(lines.firstIndex { $0.contains("<Loan id=\"A-1\"") })
        var entry = lines
        entry.insert("  <Entry number=\"999\" date=\"2020-05-01\" description=\"x\" key=\"manual:1\" loan=\"NOPE\"><Posting account=\"1301\" debit=\"100.00\" loan=\"NOPE\"/><Posting account=\"1001\" credit=\"100.00\"/></Entry>",
                     at: loanLine + 1)
        try (entry.joined(separator: "\n") + "\n").write(toFile: path("entry.xml"), atomically: true, encoding: .utf8)
        for dryRun in [true, false] {
            let refusedEntry = try run(["import", "entry.xml", "--db", "bad.sqlite"] + (dryRun ? ["--dry-run"] : []), status: 65)
            #expect(refusedEntry.stderr.contains("entry.xml:\(loanLine + 2): Entry/@loan: no loan NOPE"), "\(refusedEntry.stderr)")
        }
    }
}
