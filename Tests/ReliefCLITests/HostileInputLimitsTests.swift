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
