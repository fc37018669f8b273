import Foundation
import Testing

/// Issue "Fuzzing every parser", limits: a runaway field and a file of bad rows are refused
/// through `relief import` and `relief reconcile` with exit 65, at their line, with a bounded
/// message, and nothing written. (`Benchmarks/limits/run` measures the same at full size.)
@Suite struct HostileInputLimitsTests {
    static let loanHeader = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method\n"

    func ledger() throws -> URL {
        let folder = try ReliefProcess.temporaryDirectory()
        _ = try ReliefProcess.expect(["init"], in: folder)
        return folder
    }

    func loanCount(_ folder: URL) throws -> Int {
        try ReliefProcess.expect(["loans", "list", "--format", "csv"], in: folder).stdout.split(whereSeparator: \.isNewline).count - 1
    }

    @Test func aFieldPastItsLimitIsRefusedAtItsLine() throws {
        let folder = try ledger()
        defer { try? FileManager.default.removeItem(at: folder) }
        let borrower = String(repeating: "x", count: 70_000)
        try Data((Self.loanHeader + "L1,Acme,91370800000000000X,micro,County,Bank,100000.00,3.5%,2019-01-01,12,annuity\n"
                  + "L2,\(borrower),91370800000000000X,micro,County,Bank,100000.00,3.5%,2019-01-01,12,annuity\n").utf8)
            .write(to: folder.appendingPathComponent("loans.csv"))
        let result = try ReliefProcess.run(["import", "loans.csv"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr == """
            relief: error: loans.csv:3: field 2 holds more than 65536 bytes (is a quote missing its pair?)
            relief: error: 1 problem, nothing imported

            """)
        #expect(try loanCount(folder) == 0)

        try Data(("交易日期,交易金额,对方户名,摘要\n2020-03-02,100.00,\(borrower),x\n").utf8).write(to: folder.appendingPathComponent("statement.csv"))
        for command in [["import", "statement.csv"], ["reconcile", "statement.csv"]] {
            let refused = try ReliefProcess.run(command, in: folder)
            #expect(refused.status == 65, "\(command)")
            #expect(refused.stderr.hasPrefix("relief: error: statement.csv:2: field 3 holds more than 65536 bytes (is a quote missing its pair?)\n"), "\(command)")
            #expect(refused.stdout.isEmpty)
        }
    }

    @Test func aFileOfBadRowsListsTheFirstThousandAndSaysWhereItStopped() throws {
        let folder = try ledger()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (0..<5_000).map { "L\($0),Acme,91370800000000000X,micro,County,Bank,-1,3.5%,2019-01-01,12,annuity\n" }.joined()
        try Data((Self.loanHeader + rows).utf8).write(to: folder.appendingPathComponent("bad.csv"))
        let result = try ReliefProcess.run(["import", "bad.csv"], in: folder)
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = (2...1_001).map { "relief: error: bad.csv:\($0): principal: principal -1.00 is outside 0.01 to 10,000,000,000.00 CNY" }
            + ["relief: error: bad.csv:1001: stopped after 1000 problems; the rest of the file was not checked (correct these and import it again)",
               "relief: error: 1001 problems, nothing imported", ""]
        #expect(lines == expected)
        #expect(try loanCount(folder) == 0)
    }
}

/// A camt statement is stored as it is read, a chunk at a time (8,192 entries): a problem in
/// its last entry still leaves nothing stored.
@Suite struct StreamedStatementImportTests {
    static func statement(_ count: Int, badAt: Int? = nil) -> String {
        let entries = (1...count).map { index in
            "<Ntry><Amt Ccy=\"CNY\">\(index == badAt ? "-5.00" : "\(index).00")</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2020-03-02</Dt></BookgDt><AcctSvcrRef>R\(index)</AcctSvcrRef></Ntry>\n"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
            <GrpHdr><MsgId>BIG</MsgId><CreDtTm>2020-04-01T08:00:00</CreDtTm></GrpHdr>
            <Stmt><Id>S</Id><CreDtTm>2020-04-01T08:00:00</CreDtTm><Acct><Id><Othr><Id>3700</Id></Othr></Id></Acct>

            """ + entries + "</Stmt></BkToCstmrStmt></Document>\n"
    }

    @Test func aProblemInTheLastEntryOfABigStatementStoresNothing() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        let count = 8_200
        try Data(Self.statement(count, badAt: count).utf8).write(to: folder.appendingPathComponent("bad.xml"))
        let refused = try ReliefProcess.run(["import", "bad.xml"], in: folder)
        #expect(refused.status == 65)
        // The entry on line 4 + 8,200 of the file.
        #expect(refused.stderr.hasPrefix("relief: error: bad.xml:8204: Ntry/Amt: "), "\(refused.stderr)")
        // Nothing of the first 8,192 (one chunk, already stored when the problem was read) remains:
        // the same statement, corrected, imports every entry as new.
        try Data(Self.statement(count).utf8).write(to: folder.appendingPathComponent("good.xml"))
        let imported = try ReliefProcess.expect(["import", "good.xml"], in: folder)
        #expect(imported.stdout == "Imported 8200 records; 0 duplicates (already in the ledger, unchanged); 0 lines skipped\n")
        let again = try ReliefProcess.expect(["import", "good.xml"], in: folder)
        #expect(again.stdout == "Imported 0 records; 8200 duplicates (already in the ledger, unchanged); 0 lines skipped\n")
    }
}

/// `--max-input-bytes` takes any size up to 2^63-1 (SPEC capability 9): a limit past 2 GiB was
/// refused as "not a valid whole number" (issue: the city's day at a million loans).
@Suite struct MaxInputBytesTests {
    @Test func anySizeUpTo2To63Minus1IsALimitAndNothingElseIs() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        try Data((HostileInputLimitsTests.loanHeader + "L1,Acme,91370800000000000X,micro,County,Bank,100000.00,3.5%,2019-01-01,12,annuity\n").utf8)
            .write(to: folder.appendingPathComponent("loans.csv"))
        for limit in ["5000000000", "2147483648", "9223372036854775807"] {
            let accepted = try ReliefProcess.run(["import", "loans.csv", "--dry-run", "--max-input-bytes", limit], in: folder)
            #expect(accepted.status == 0, "\(limit): \(accepted.stderr)")
        }
        let cases = [("9223372036854775808", "expected 1 to 9223372036854775807"), ("0", "expected 1 to 9223372036854775807"),
                     ("-1", "expected digits only, e.g. 5000000000"), ("1e9", "expected digits only, e.g. 5000000000")]
        for (limit, reason) in cases {
            let refused = try ReliefProcess.run(["import", "loans.csv", "--max-input-bytes=\(limit)"], in: folder)
            #expect(refused.status == 64, "\(limit)")
            #expect(refused.stderr.contains(reason), "\(limit): \(refused.stderr)")
        }
        let serve = try ReliefProcess.run(["serve", "--max-input-bytes", "0"], in: folder)
        #expect(serve.status == 64)
    }
}

/// An empty statement file is a statement problem (65), not an unreadable file (66).
@Suite struct EmptyStatementTests {
    @Test func anEmptyFileIsNotAStatement() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        try Data().write(to: folder.appendingPathComponent("empty.xml"))
        let result = try ReliefProcess.run(["reconcile", "empty.xml"], in: folder)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("relief: error: empty.xml:1: not a statement"), "\(result.stderr)")
    }
}
