import Foundation
import Testing
@testable import ReliefInterchange

/// The named limits of the readers (issue: fuzzing and hostile input): each is met exactly, then
/// passed by one, and refused at its line with a message that names it.
@Suite struct ReaderLimitsTests {
    static let loanHeader = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method\n"

    // MARK: CSV fields and records

    @Test func aFieldOfTheLimitIsReadAndOneByteMoreIsRefused() throws {
        let limit = CSVScanner.fieldBytesMax
        let atLimit = String(repeating: "x", count: limit)
        #expect(try CSVReader.records("a,b\n\(atLimit),c\n").map(\.fields) == [["a", "b"], [atLimit, "c"]])
        #expect(try CSVReader.records("a\n\"\(atLimit)\"\n").map(\.fields) == [["a"], [atLimit]])

        let over = #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("a,b\nc,\(atLimit)x\n") }
        #expect(over?.line == 2)
        #expect(over?.message == "field 2 holds more than 65536 bytes (is a quote missing its pair?)")
        // Quoted, across line breaks: the record's first line is named.
        let quoted = #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("a\n\"\(atLimit)\nx\"\n") }
        #expect(quoted?.line == 2)
        #expect(quoted?.message == "field 1 holds more than 65536 bytes (is a quote missing its pair?)")
    }

    @Test func aRecordPastTheLimitIsRefusedThoughEachFieldIsShort() throws {
        // 20 fields of 60,000 bytes: 1,200,019 bytes, over 1 MiB, each field under its limit.
        let field = String(repeating: "y", count: 60_000)
        let wide = Array(repeating: field, count: 20).joined(separator: ",")
        let over = #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("h\n\n\(wide)\n") }
        #expect(over?.line == 3)
        #expect(over?.message == "the record is longer than 1048576 bytes")
        // 17 of them (1,020,016 bytes) are within it.
        let within = Array(repeating: field, count: 17).joined(separator: ",")
        #expect(try CSVReader.records(within).first?.fields.count == 17)
    }

    @Test func aLoanFileWithAHugeCellIsRefusedAtItsLineByTheStreamingDecoder() throws {
        let cell = String(repeating: "名", count: 30_000)  // 90,000 bytes of UTF-8
        let text = Self.loanHeader + "L1,\(cell),91370800000000000X,micro,County,Bank,100000.00,3.5%,2019-01-01,12,annuity\n"
        let malformed = #expect(throws: CSVReader.Malformed.self) { _ = try LoanCSV.rows(text: text, file: "loans.csv") }
        #expect(malformed?.line == 2)
        #expect(malformed?.message == "field 2 holds more than 65536 bytes (is a quote missing its pair?)")
    }

    // MARK: Problems collected

    /// `count` loan rows each with one problem (a principal of -1), lines 2 to count + 1.
    static func badLoans(_ count: Int) -> String {
        Self.loanHeader + (0..<count).map { "L\($0),Acme,91370800000000000X,micro,County,Bank,-1,3.5%,2019-01-01,12,annuity\n" }.joined()
    }

    @Test func aLoanFileStopsAtTheThousandthProblemAndSaysWhere() throws {
        let result = try #require(try LoanCSV.rows(text: Self.badLoans(1_500), file: "loans.csv"))
        #expect(result.rows.isEmpty)
        #expect(result.problems.count == ProblemList.maximum + 1)
        #expect(result.problems.prefix(ProblemList.maximum).map(\.line) == Array(2...1_001))
        #expect(result.problems.prefix(ProblemList.maximum).allSatisfy { $0.field == "principal" })
        #expect(result.problems.last == ImportProblem(file: "loans.csv", line: 1_001, message:
            "stopped after 1000 problems; the rest of the file was not checked (correct these and import it again)"))
        // Exactly the maximum: every problem, and no closing line.
        let exact = try #require(try LoanCSV.rows(text: Self.badLoans(999), file: "loans.csv"))
        #expect(exact.problems.count == 999)
        // The record-list decoder keeps the same limit.
        let records = try CSVReader.records(Self.badLoans(1_200))
        let listed = LoanCSV.rows(records, file: "loans.csv")
        #expect(listed.problems.count == ProblemList.maximum + 1)
        #expect(listed.problems.last?.line == 1_001)
    }

    @Test func aStatementFileStopsAtTheThousandthProblem() throws {
        let rows = (0..<1_200).map { "2020-03-02,abc\($0),对方\n" }.joined()
        let records = try CSVReader.records("交易日期,交易金额,对方户名\n" + rows)
        let (entries, _, problems) = BankStatementCSV.entries(records, file: "s.csv", account: "a")
        #expect(entries.isEmpty)
        #expect(problems.count == ProblemList.maximum + 1)
        #expect(problems.first?.line == 2)
        #expect(problems.last?.message.hasPrefix("stopped after 1000 problems") == true)
    }

    @Test func aRefusalListsAtMostTheMaximumOfEachFileAndCountsTheRest() {
        let first = (1...1_200).map { ImportProblem(file: "a.csv", line: $0, message: "bad") }
        let second = (1...5).map { ImportProblem(file: "b.csv", line: $0, message: "worse") }
        let capped = ProblemList.capped(first.prefix(600) + second + first.dropFirst(600))
        // 1,001 of a file: the maximum and the line where its reader stopped.
        #expect(capped.count == 1_001 + 1 + 5)
        #expect(capped.filter { $0.file == "a.csv" }.count == 1_002)
        #expect(capped.last == ImportProblem(file: "a.csv", line: 1_001, message: "199 more problems in this file are not listed"))
        let justOver = (1...1_002).map { ImportProblem(file: "c.csv", line: $0, message: "bad") }
        #expect(ProblemList.capped(justOver).last == ImportProblem(file: "c.csv", line: 1_001, message: "1 more problem in this file is not listed"))
        #expect(ProblemList.capped(Array(justOver.prefix(1_001))) == Array(justOver.prefix(1_001)))
        #expect(capped.filter { $0.file == "b.csv" } == second)
        // Within the maximum, nothing changes.
        #expect(ProblemList.capped(second) == second)
    }

    // MARK: The digest of a file, streamed

    @Test func theStreamedDigestIsSHA256() throws {
        // FIPS 180-2's examples: "abc", the 448-bit message, a million "a", and the empty input.
        #expect(ContentDigest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentDigest.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(ContentDigest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let million = folder.appendingPathComponent("a")
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: million)
        #expect(ContentDigest.sha256Hex(fileAt: million.path) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Fed in pieces that end anywhere in a block: the same digest as whole.
        let bytes = (0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 128, 2_999] {
            var hash = ContentDigest.SHA256()
            bytes[..<split].withUnsafeBytes { hash.update($0) }
            bytes[split...].withUnsafeBytes { hash.update($0) }
            #expect(hash.hexDigest() == ContentDigest.sha256Hex(bytes), "split at \(split)")
        }
        #expect(ContentDigest.sha256Hex(fileAt: folder.appendingPathComponent("missing").path) == nil)
    }
}
