import Foundation
import ReliefDomain
import ReliefInterchange
import Testing

/// The loan-book XML: write then read gives the same records, the schema in the package equals
/// Samples/loanbook.xsd, and bad books are refused with located problems.
@Suite struct LoanBookTests {
    static let codeA = "91350100M000100Y43"

    static func records() throws -> [LoanBookRecord] {
        let lushing = EnterpriseRecord(code: try CreditCode(validating: codeA), name: "济宁市鲁兴机械有限公司 & <分公司>", size: .small, county: "任城区")
        let terms = try LoanTerms(principal: Money(yuan: 1_000_000), annualRate: try Rate(parsing: "4.35%"), start: try CivilDate(parsing: "2019-12-15"),
                                  termMonths: 12, method: .annuity)
        let bullet = try LoanTerms(principal: Money(fen: 50_000_001), annualRate: try Rate(parsing: "0.05125"), start: try CivilDate(parsing: "2020-02-29"),
                                   termMonths: 6, method: .interestOnly, dayCount: .act365, settlement: .quarterly)
        return [
            .enterprise(lushing),
            .unsizedEnterprise(code: try CreditCode(validating: "913708000000000011"), name: "乙公司", county: ""),
            .loan(LoanRecord(id: try LoanID(validating: "JN-2019-0001"), enterprise: lushing, bank: "济宁银行", terms: terms,
                             creditLine: Money(yuan: 2_000_000), applied: try CivilDate(parsing: "2020-02-10"))),
            .importBatch(.init(number: 1, source: "贷款台账 2020-02.csv, b&c.csv", recordedOn: try CivilDate(parsing: "2020-03-01"), records: 2,
                               duplicates: 7)),
            .loan(LoanRecord(id: try LoanID(validating: "JN-2020-0002"), enterprise: lushing, bank: "农商银行", terms: bullet, creditLine: nil, applied: nil),
                  rounding: .halfEven, batch: 1),
            .repayment(loan: try LoanID(validating: "JN-2019-0001"), period: 1, date: try CivilDate(parsing: "2020-01-15")),
            .bridgeFund(account: "37001234567", accountName: "济宁市应急转贷基金"),
            .bridgeCapital(date: try CivilDate(parsing: "2020-03-01"), amount: Money(yuan: 10_000_000)),
            .bridgeCapital(date: try CivilDate(parsing: "2020-03-31"), amount: Money(fen: -1_000)),
            .bridgeAdvance(.init(id: try AdvanceID(validating: "BR-001"), enterprise: lushing.code, bank: "济宁银行", county: "任城区",
                                 amount: Money(yuan: 6_000_000), date: try CivilDate(parsing: "2020-03-02"), account: "6222000000000001",
                                 repaid: try CivilDate(parsing: "2020-03-06"))),
            .bridgeAdvance(.init(id: try AdvanceID(validating: "BR-002"), enterprise: lushing.code, enterpriseName: "乙公司", bank: "济宁银行", county: "",
                                 amount: Money(fen: 1), date: try CivilDate(parsing: "2020-03-07"), account: nil, repaid: nil)),
        ]
    }

    static func read(_ bytes: [UInt8], file: String = "book.xml", reader: LoanBookReader? = nil) throws -> [LoanBookRecord] {
        var records: [LoanBookRecord] = []
        try (reader ?? LoanBookReader()).read(bytes: bytes, file: file) { record, _ in records.append(record) }
        return records
    }

    static func problems(_ text: String, file: String = "bad.xml") throws -> [ImportProblem] {
        do {
            _ = try read(Array(text.utf8), file: file)
            return []
        } catch let failure as ImportFailure {
            return failure.problems
        }
    }

    @Test func roundTripInMemory() throws {
        let writer = try LoanBookWriter()
        let records = try Self.records()
        for record in records { try writer.write(record) }
        let bytes = try #require(try writer.finish())
        #expect(try Self.read(bytes) == records)
        let validator = try XMLSchemaValidator(text: LoanBookSchema.xsd, name: "loanbook.xsd")
        #expect(validator.validate(bytes: bytes, file: "book.xml").isEmpty)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("principal=\"1000000.00\" rate=\"0.0435\""))
        #expect(text.contains("name=\"济宁市鲁兴机械有限公司 &amp; &lt;分公司&gt;\""))
        #expect(text.contains("<BridgeCapital date=\"2020-03-31\" amount=\"10.00\" withdrawal=\"true\"/>"))
    }

    @Test func roundTripThroughAFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loanbook-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try LoanBookWriter(path: path)
        let enterprise = EnterpriseRecord(code: try CreditCode(validating: Self.codeA), name: "测试企业", size: .micro, county: "曲阜市")
        try writer.write(.enterprise(enterprise))
        let terms = try LoanTerms(principal: Money(yuan: 300_000), annualRate: try Rate(parsing: "3.85%"), start: try CivilDate(parsing: "2020-01-01"),
                                  termMonths: 12, method: .equalPrincipal)
        for index in 0..<5_000 {
            try writer.write(.loan(LoanRecord(id: try LoanID(validating: "L\(index)"), enterprise: enterprise, bank: "济宁银行", terms: terms,
                                              creditLine: nil, applied: nil)))
        }
        #expect(try writer.finish() == nil)
        var count = 0
        var last: LoanBookRecord?
        let delivered = try LoanBookReader().read(path: path) { record, _ in
            count += 1
            last = record
        }
        #expect(delivered == 5_001 && count == 5_001)
        if case .loan(let loan, _, _) = last { #expect(loan.id.rawValue == "L4999" && loan.terms == terms) } else { Issue.record("last record is not a loan") }
    }

    @Test func writerKeepsTheOrder() throws {
        let records = try Self.records()
        let writer = try LoanBookWriter()
        try writer.write(records[records.count - 1])
        #expect(throws: LoanBookWriter.Problem.self) { try writer.write(records[0]) }
    }

    /// The XSD shipped in Samples/ is the one the binary validates with.
    @Test func samplesSchemaIsThePackagesSchema() throws {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sample = try String(contentsOf: package.appendingPathComponent("Samples/loanbook.xsd"), encoding: .utf8)
        #expect(sample == LoanBookSchema.xsd)
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LoanBook xmlns=\"urn:creditrelief:loanbook:1\" version=\"1\">\n"
    static let enterprise = "  <Enterprise creditCode=\"\(codeA)\" name=\"甲\" size=\"small\" county=\"任城区\"/>\n"

    @Test func badBooksAreRefusedWithLocations() throws {
        let loan = { (id: String, enterprise: String, principal: String) in
            "  <Loan id=\"\(id)\" enterprise=\"\(enterprise)\" bank=\"济宁银行\" principal=\"\(principal)\" rate=\"0.0435\" start=\"2020-01-15\" months=\"12\" method=\"annuity\" dayCount=\"30/360\" settlement=\"due-dates\"/>\n"
        }
        // Line 4: three decimals (the schema); line 5: an enterprise not listed (our check);
        // line 6: a credit code whose check character is wrong (our check).
        let text = Self.header + Self.enterprise + loan("A", Self.codeA, "12.345") + loan("B", "91350100M000100Y51", "100.00")
            + loan("C", "91350100M000100Y44", "100.00") + "</LoanBook>\n"
        let found = try Self.problems(text)
        #expect(found.contains { $0.line == 4 && $0.file == "bad.xml" && $0.message.contains("principal") }, "\(found)")
        #expect(found.contains { $0.line == 5 && $0.field == "Loan/@enterprise" }, "\(found)")
        #expect(found.contains { $0.line == 6 && $0.field == "Loan/@enterprise" }, "\(found)")

        // Out of order: a loan before its enterprise breaks the schema's sequence.
        let order = Self.header + loan("A", Self.codeA, "100.00") + Self.enterprise + "</LoanBook>\n"
        #expect(!(try Self.problems(order)).isEmpty)
        // Wrong namespace, truncated, DOCTYPE with entities, over the size limit.
        #expect(try Self.problems("<LoanBook xmlns=\"urn:other\" version=\"1\"/>").first?.message.contains("not a loan book") == true)
        #expect(try Self.problems(String((Self.header + Self.enterprise).dropLast(10))).first?.file == "bad.xml")
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE LoanBook [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
            + "<LoanBook xmlns=\"urn:creditrelief:loanbook:1\" version=\"1\">&b;</LoanBook>\n"
        #expect(!(try Self.problems(bomb)).isEmpty)
        let small = LoanBookReader(maximumBytes: 50)
        #expect(throws: ImportFailure.self) { _ = try Self.read(Array((Self.header + "</LoanBook>").utf8), reader: small) }
        // The record limit, lowered to 1: the second record is refused at its line, whatever the bytes.
        #expect(LoanBookReader().maximumBytes == Int.max)
        let few = LoanBookReader(recordsMax: 1)
        let two = Self.header + Self.enterprise + loan("A", Self.codeA, "100.00") + "</LoanBook>\n"
        let refused = #expect(throws: ImportFailure.self) { _ = try Self.read(Array(two.utf8), reader: few) }
        #expect(refused?.problems == [ImportProblem(file: "book.xml", line: 4,
                                                    message: "more than 1 records: more than any book of a few million loans holds")])
        #expect(try Self.read(Array(two.utf8), reader: LoanBookReader(recordsMax: 2)).count == 2)
        // An import batch numbered 0, or with a negative count, or without its source: the schema's.
        let batch = { (attributes: String) in Self.header + "  <ImportBatch \(attributes)/>\n</LoanBook>\n" }
        #expect(try Self.problems(batch("number=\"1\" source=\"a.csv\" date=\"2020-03-01\" records=\"0\" duplicates=\"0\"")).isEmpty)
        for bad in ["number=\"0\" source=\"a.csv\" date=\"2020-03-01\" records=\"0\" duplicates=\"0\"",
                    "number=\"1\" source=\"a.csv\" date=\"2020-03-01\" records=\"-1\" duplicates=\"0\"",
                    "number=\"1\" date=\"2020-03-01\" records=\"0\" duplicates=\"0\"",
                    "number=\"1\" source=\"a.csv\" date=\"2020-3-1\" records=\"0\" duplicates=\"0\""] {
            #expect(try Self.problems(batch(bad)).contains { $0.line == 3 }, "\(bad)")
        }
        // A valid empty book reads as nothing.
        #expect(try Self.read(Array((Self.header + "</LoanBook>\n").utf8)).isEmpty)
    }
}
