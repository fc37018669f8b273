import Foundation
import ReliefInterchange
import ReliefSamples
import Testing

/// `relief import` books a loan CSV a chunk at a time (`LoanImport.chunkSize`, 8,192 loans):
/// a file longer than a chunk is all-or-nothing and idempotent like a short one, and a loan id
/// repeated in the file is refused even when the first one lies in an earlier chunk.
@Suite struct ChunkedImportTests {
    static let loans = 9_000

    /// The sample portfolio's first `count` loans as a loan CSV, then `extra` lines.
    static func csv(_ count: Int, extra: [String] = []) -> String {
        var lines = [LoanCSV.header().joined(separator: ",")]
        for index in 0..<count {
            lines.append(LoanCSV.fields(SamplePortfolio.loan(index)).map { $0.utf8.contains(UInt8(ascii: ",")) ? "\"\($0)\"" : $0 }.joined(separator: ","))
        }
        return (lines + extra).joined(separator: "\r\n") + "\r\n"
    }

    static func loanCount(_ folder: URL) throws -> Int {
        let listed = try ReliefProcess.run(["loans", "list", "--format", "csv"], in: folder)
        return listed.stdout.utf8.filter { $0 == UInt8(ascii: "\n") }.count - 1  // CRLF lines: count the LF bytes
    }

    @Test func aFileLongerThanAChunkIsAllOrNothing() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ReliefProcess.run(["init"], in: folder).status == 0)
        try Self.csv(Self.loans).write(to: folder.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        // The first loan again after the first chunk.
        let first = Self.csv(1).split(separator: "\r\n")[1]
        try Self.csv(Self.loans, extra: [String(first)]).write(to: folder.appendingPathComponent("repeat.csv"), atomically: true, encoding: .utf8)
        // The same with a bad date on the last line (line 9,002: header, 9,000 loans, then it).
        var bad = LoanCSV.fields(SamplePortfolio.loan(Self.loans))
        bad[LoanCSV.header().firstIndex(of: "start")!] = "2020-02-30"
        try Self.csv(Self.loans, extra: [bad.map { $0.utf8.contains(UInt8(ascii: ",")) ? "\"\($0)\"" : $0 }.joined(separator: ",")])
            .write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)

        let refused = try ReliefProcess.run(["import", "bad.csv"], in: folder)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad.csv:9002"), "\(refused.stderr.prefix(400))")
        #expect(try Self.loanCount(folder) == 0, "nothing written")

        let repeated = try ReliefProcess.run(["import", "repeat.csv"], in: folder)
        #expect(repeated.status == 65)
        #expect(repeated.stderr.contains("repeat.csv:9002: loan_id: 'JN2019000000' is already on line 2"), "\(repeated.stderr.prefix(400))")
        #expect(try Self.loanCount(folder) == 0, "nothing written")

        let imported = try ReliefProcess.run(["import", "big.csv", "--format", "json"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr.prefix(400))")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(summary["imported"] as? Int == Self.loans)
        #expect(summary["duplicates"] as? Int == 0)
        #expect(try Self.loanCount(folder) == Self.loans)

        let again = try ReliefProcess.run(["import", "big.csv", "--format", "json"], in: folder)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(second["imported"] as? Int == 0)
        #expect(second["duplicates"] as? Int == Self.loans)
        #expect(try ReliefProcess.run(["ledger", "check"], in: folder).status == 0)
    }
}
