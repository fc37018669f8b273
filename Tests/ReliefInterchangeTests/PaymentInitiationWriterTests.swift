import Foundation
import ReliefDomain
import ReliefInterchange
import Testing

/// pain.001.001.09 for bridge advances: content checked by hand, validity against the official
/// XSD when ../shared is present.
@Suite struct PaymentInitiationWriterTests {
    static let fund = PaymentInitiationWriter.Party(name: "济宁市应急转贷基金", account: "37001234567")

    static func transfers() throws -> [PaymentInitiationWriter.Transfer] {
        [
            .init(endToEndID: "BR-001", amount: Money(yuan: 6_000_000), executionDate: try CivilDate(parsing: "2020-03-02"),
                  creditor: .init(name: "济宁市鲁兴机械有限公司", account: "6222000000000001"), remittance: "应急转贷 BR-001 济宁银行"),
            .init(endToEndID: "BR-002", amount: Money(fen: 100_000_050), executionDate: try CivilDate(parsing: "2020-03-03"),
                  creditor: .init(name: "A&B <贸易> \"公司\"", account: "6222000000000002"), remittance: nil),
            .init(endToEndID: "BR-003", amount: Money(fen: 1), executionDate: try CivilDate(parsing: "2020-03-02"),
                  creditor: .init(name: "任城区小微企业", account: "6222000000000003"), remittance: "测试"),
        ]
    }

    static func document() throws -> [UInt8] {
        try PaymentInitiationWriter.write(messageID: "RELIEF-PAY-20200302090000", createdAt: "2020-03-02T09:00:00", debtor: fund,
                                          transfers: try transfers())
    }

    @Test func contentAsWorkedByHand() throws {
        let text = String(decoding: try Self.document(), as: UTF8.self)
        // 6,000,000.00 + 1,000,000.50 + 0.01
        #expect(text.contains("<NbOfTxs>3</NbOfTxs>"))
        #expect(text.contains("<CtrlSum>7000000.51</CtrlSum>"))
        // One block per execution date: 2020-03-02 (BR-001, BR-003) then 2020-03-03.
        #expect(text.components(separatedBy: "<PmtInf>").count == 3)
        #expect(text.contains("<CtrlSum>6000000.01</CtrlSum>"))
        #expect(text.contains("<InstdAmt Ccy=\"CNY\">6000000.00</InstdAmt>"))
        #expect(text.contains("<InstdAmt Ccy=\"CNY\">0.01</InstdAmt>"))
        #expect(text.contains("<EndToEndId>BR-001</EndToEndId>"))
        #expect(text.contains("<Nm>济宁市鲁兴机械有限公司</Nm>"))
        #expect(text.contains("<Nm>A&amp;B &lt;贸易&gt; &quot;公司&quot;</Nm>"))
        #expect(text.contains("<DbtrAcct>\n        <Id>\n          <Othr>\n            <Id>37001234567</Id>"))
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        let first = try #require(text.range(of: "BR-001"))
        let third = try #require(text.range(of: "BR-003"))
        let second = try #require(text.range(of: "BR-002"))
        #expect(first.lowerBound < third.lowerBound && third.lowerBound < second.lowerBound)
    }

    @Test func limitsAreRefused() throws {
        let long = String(repeating: "X", count: 36)
        var transfers = try Self.transfers()
        transfers[0] = .init(endToEndID: long, amount: Money(yuan: 1), executionDate: transfers[0].executionDate,
                             creditor: transfers[0].creditor, remittance: nil)
        #expect(throws: PaymentInitiationWriter.Problem.self) {
            _ = try PaymentInitiationWriter.write(messageID: "M", createdAt: "2020-03-02T09:00:00", debtor: Self.fund, transfers: transfers)
        }
        #expect(throws: PaymentInitiationWriter.Problem.self) {
            _ = try PaymentInitiationWriter.write(messageID: "M", createdAt: "2020-03-02T09:00:00", debtor: Self.fund, transfers: [])
        }
    }

    /// The official schema, compiled once for this test; it accepts the public sample and
    /// refuses a copy without its debtor, so its verdict on ours means something.
    @Test(CamtReaderTests.conformanceTrait) func validAgainstTheOfficialSchema() throws {
        let conformance = try CamtReaderTests.conformance
        let validator = try XMLSchemaValidator(path: conformance.appendingPathComponent("xsd/pain.001.001.09.xsd").path)
        let sample = try [UInt8](Data(contentsOf: conformance.appendingPathComponent("iso20022/python-sepaxml_test_pain00100109_SAMPLE_RESULT.xml")))
        #expect(validator.validate(bytes: sample, file: "sample.xml").isEmpty)
        let broken = String(decoding: sample, as: UTF8.self).replacingOccurrences(of: "<Dbtr>\n        <Nm>TestCreditor</Nm>\n      </Dbtr>", with: "")
        let problems = validator.validate(bytes: Array(broken.utf8), file: "broken.xml")
        #expect(!problems.isEmpty)
        #expect(problems.first?.description.hasPrefix("broken.xml:") == true)
        let ours = validator.validate(bytes: try Self.document(), file: "payments.xml")
        #expect(ours.isEmpty, "\(ours)")
    }
}
