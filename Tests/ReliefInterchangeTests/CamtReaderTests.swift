import Foundation
import ReliefDomain
import ReliefInterchange
import ReliefTestSupport
import Testing

/// The camt.053/054 reader on hand-written messages with known answers, on the public
/// conformance corpus (when ../shared is present) and on hostile input.
@Suite struct CamtReaderTests {
    static let reader = CamtStatementReader()

    /// ../shared/conformance beside the package: the tests that read it are enabled only when
    /// it is present (`conformanceTrait`), so `try #require` here fails loudly if one runs without.
    static var conformance: URL {
        get throws {
            try #require(SharedFolder.isPresent ? SharedFolder.conformance : nil, Comment(rawValue: SharedFolder.absent))
        }
    }

    /// Skips a test, visibly and with the reason, in a clone without ../shared.
    static let conformanceTrait = ConditionTrait.enabled(if: SharedFolder.isPresent, Comment(rawValue: SharedFolder.absent))

    static func document(version: String = "camt.053.001.04", _ body: String) -> [UInt8] {
        let message = version.hasPrefix("camt.054") ? "BkToCstmrDbtCdtNtfctn" : "BkToCstmrStmt"
        let statement = version.hasPrefix("camt.054") ? "Ntfctn" : "Stmt"
        return Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:\(version)">
              <\(message)>
                <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2020-03-10T18:00:00+08:00</CreDtTm></GrpHdr>
                <\(statement)>
                  <Id>STMT-1</Id>
                  <Acct><Id><Othr><Id>37001234567</Id></Othr></Id></Acct>
            \(body)
                </\(statement)>
              </\(message)>
            </Document>
            """.utf8)
    }

    static func failure(_ body: () throws -> CamtStatement) -> ImportFailure? {
        do {
            _ = try body()
            return nil
        } catch let failure as ImportFailure {
            return failure
        } catch {
            return nil
        }
    }

    @Test func creditWithFiveDecimalsIsKeptExactly() throws {
        let bytes = Self.document("""
                  <Ntry>
                    <NtryRef>1</NtryRef>
                    <Amt Ccy="EUR">1234.56789</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>2020-03-02</Dt></BookgDt>
                    <ValDt><DtTm>2020-03-03T09:15:00.123456789+08:00</DtTm></ValDt>
                    <AcctSvcrRef>BANK-REF-1</AcctSvcrRef>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls>
                      <TxDtls>
                        <Refs><MsgId>PAY-MSG</MsgId><InstrId>INSTR-1</InstrId><EndToEndId>BR-001</EndToEndId></Refs>
                        <RltdPties>
                          <Dbtr><Nm>济宁市鲁兴机械有限公司</Nm></Dbtr>
                          <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
                          <Cdtr><Nm>Fund</Nm></Cdtr>
                        </RltdPties>
                        <RmtInf><Ustrd>还款 BR-001</Ustrd></RmtInf>
                      </TxDtls>
                    </NtryDtls>
                  </Ntry>
            """)
        let statement = try Self.reader.read(bytes: bytes, file: "credit.xml")
        #expect(statement.messageDefinition == "camt.053.001.04")
        #expect(statement.messageID == "MSG-1")
        #expect(statement.statementCount == 1)
        try #require(statement.entries.count == 1)
        let entry = statement.entries[0]
        #expect(entry.amount == ExactAmount(mantissa: 123_456_789, scale: 5, currency: "EUR"))
        #expect(entry.amount.decimalText == "1234.56789")
        #expect(entry.amount.fen == nil)
        #expect(entry.direction == .credit)
        #expect(!entry.isReversal)
        #expect(entry.account == "37001234567")
        #expect(entry.statementID == "STMT-1")
        #expect(entry.bookingDate == (try CivilDate(parsing: "2020-03-02")))
        #expect(entry.valueDate == (try CivilDate(parsing: "2020-03-03")))
        #expect(entry.status == "BOOK")
        #expect(entry.accountServicerReference == "BANK-REF-1")
        #expect(entry.endToEndID == "BR-001")
        #expect(entry.instructionID == "INSTR-1")
        #expect(entry.messageID == "PAY-MSG")
        #expect(entry.counterpartyName == "济宁市鲁兴机械有限公司")
        #expect(entry.counterpartyAccount == "DE89370400440532013000")
        #expect(entry.remittance == "还款 BR-001")
        #expect(entry.line == 8)  // the <Ntry> line: the document's body starts on line 8
    }

    @Test func debitReversalWithoutDetails() throws {
        let bytes = Self.document(version: "camt.053.001.02", """
                  <Ntry>
                    <Amt Ccy="CNY">6000000.00</Amt>
                    <CdtDbtInd>DBIT</CdtDbtInd>
                    <RvslInd>true</RvslInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>2020-03-02</Dt></BookgDt>
                    <AcctSvcrRef>R-2</AcctSvcrRef>
                    <AddtlNtryInf>冲正</AddtlNtryInf>
                  </Ntry>
            """)
        let entry = try #require(try Self.reader.read(bytes: bytes, file: "rev.xml").entries.first)
        #expect(entry.direction == .debit)
        #expect(entry.isReversal)
        #expect(entry.amount.fen == 600_000_000)
        #expect(entry.detailCount == 0)
        #expect(entry.remittance == "冲正")
        #expect(entry.endToEndID == nil)
    }

    /// One entry of 600.00 paid out as three transfers: three records with their own amounts,
    /// the entry's direction although one detail claims the other.
    @Test func batchOfThreeDetailsGivesThreeRecords() throws {
        let detail = { (reference: String, amount: String, direction: String, name: String) in
            """
                      <TxDtls>
                        <Refs><EndToEndId>\(reference)</EndToEndId></Refs>
                        <Amt Ccy="CNY">\(amount)</Amt>
                        <CdtDbtInd>\(direction)</CdtDbtInd>
                        <RltdPties><Cdtr><Pty><Nm>\(name)</Nm></Pty></Cdtr></RltdPties>
                      </TxDtls>
            """
        }
        let bytes = Self.document(version: "camt.053.001.08", """
                  <Ntry>
                    <Amt Ccy="CNY">600.00</Amt>
                    <CdtDbtInd>DBIT</CdtDbtInd>
                    <Sts><Cd>BOOK</Cd></Sts>
                    <BookgDt><DtTm>2020-03-05T10:00:00+08:00</DtTm></BookgDt>
                    <NtryDtls>
                      <Btch><MsgId>BATCH-9</MsgId><NbOfTxs>3</NbOfTxs></Btch>
            \(detail("A", "100.00", "DBIT", "甲公司"))
            \(detail("B", "200.5", "CRDT", "乙公司"))
            \(detail("C", "299.5", "DBIT", "丙公司"))
                    </NtryDtls>
                  </Ntry>
            """)
        let statement = try Self.reader.read(bytes: bytes, file: "batch.xml")
        #expect(statement.entries.map(\.endToEndID) == ["A", "B", "C"])
        #expect(statement.entries.map(\.amount.fen) == [10_000, 20_050, 29_950])
        #expect(statement.entries.allSatisfy { $0.direction == .debit && $0.detailCount == 3 && $0.entryNumber == 1 })
        #expect(statement.entries.allSatisfy { $0.entryAmount.fen == 60_000 && !$0.amountIsShared })
        #expect(statement.entries.map(\.detailNumber) == [1, 2, 3])
        #expect(statement.entries.map(\.counterpartyName) == ["甲公司", "乙公司", "丙公司"])
        #expect(statement.entries.allSatisfy { $0.messageID == "BATCH-9" && $0.status == "BOOK" })
        #expect(statement.entries[0].bookingDate == (try CivilDate(parsing: "2020-03-05")))
        #expect(statement.notices.count == 1)
        #expect(statement.notices.first?.contains("batch.xml:") == true)
        // Lines are increasing and each is a <TxDtls> line.
        #expect(statement.entries.map(\.line) == statement.entries.map(\.line).sorted())
    }

    @Test func amountProblemsAreCollectedWithLineAndField() throws {
        let bytes = Self.document("""
                  <Ntry>
                    <Amt Ccy="EUR">12.345678</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                  </Ntry>
                  <Ntry>
                    <Amt>5.00</Amt>
                    <CdtDbtInd>SIDEWAYS</CdtDbtInd>
                    <BookgDt><Dt>2020-02-30</Dt></BookgDt>
                  </Ntry>
            """)
        let failure = try #require(Self.failure { try Self.reader.read(bytes: bytes, file: "bad.xml") })
        let described = failure.problems.map(\.description)
        #expect(described.contains { $0.hasPrefix("bad.xml:9: Ntry/Amt:") && $0.contains("more than 5 decimals") })
        #expect(described.contains { $0.hasPrefix("bad.xml:13: Ntry/Amt:") && $0.contains("Ccy") })
        #expect(described.contains { $0.hasPrefix("bad.xml:14: Ntry/CdtDbtInd:") })
        #expect(described.contains { $0.hasPrefix("bad.xml:15: Ntry/BookgDt:") })
        #expect(failure.problems.count == 4)
    }

    @Test func hostileAndBrokenInputIsRefused() throws {
        // Truncated: not well-formed, with a line.
        var truncated = Self.document("<Ntry><Amt Ccy=\"CNY\">1.00</Amt>")
        truncated.removeLast(40)
        let broken = try #require(Self.failure { try Self.reader.read(bytes: truncated, file: "cut.xml") })
        #expect(broken.problems.first?.message.contains("not well-formed") == true)
        #expect(broken.description.contains("cut.xml:"))

        // An entity bomb is refused before any expansion: by libxml2's loop guard when it
        // parses ahead of the reader, else at its DOCTYPE.
        var bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [\n<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
        var previous = "a"
        for level in 1...12 {
            let name = "e\(level)"
            bomb += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
            previous = name
        }
        bomb += "]>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&\(previous);</Document>\n"
        let bombFailure = try #require(Self.failure { try Self.reader.read(bytes: Array(bomb.utf8), file: "bomb.xml") })
        let bombMessage = bombFailure.problems.first?.message ?? ""
        #expect(bombMessage.contains("DOCTYPE") || bombMessage.contains("entity"), "\(bombFailure)")

        // An external entity is never fetched: the DOCTYPE is refused.
        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Document>&x;</Document>\n"
        let externalFailure = try #require(Self.failure { try Self.reader.read(bytes: Array(external.utf8), file: "xxe.xml") })
        #expect(externalFailure.problems.first?.message.contains("DOCTYPE") == true)

        // Another namespace (a payment initiation) is not a statement.
        let pain = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"><CstmrCdtTrfInitn/></Document>"
        let painFailure = try #require(Self.failure { try Self.reader.read(bytes: Array(pain.utf8), file: "pain.xml") })
        #expect(painFailure.problems.first?.description.hasPrefix("pain.xml:1: Document:") == true)

        // Over the size limit (lowered for the test): refused before reading.
        let small = CamtStatementReader(maximumBytes: 100)
        let big = try #require(Self.failure { try small.read(bytes: Self.document(""), file: "big.xml") })
        #expect(big.problems.first?.message.contains("over the limit of 100 bytes") == true)

        // Empty input.
        #expect(Self.failure { try Self.reader.read(bytes: [], file: "empty.xml") } != nil)
        // Not XML at all (a CSV).
        #expect(Self.failure { try Self.reader.read(bytes: Array("a,b\n1,2\n".utf8), file: "x.csv") } != nil)
    }

    @Test func fileOverLimitIsRefusedByPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("camt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("s.xml")
        try Data(Self.document("<Ntry><Amt Ccy=\"CNY\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>")).write(to: file)
        #expect(try Self.reader.read(path: file.path).entries.count == 1)
        let failure = try #require(Self.failure { try CamtStatementReader(maximumBytes: 64).read(path: file.path) })
        #expect(failure.problems.first?.description.hasPrefix("s.xml:1:") == true)
    }

    // MARK: - Conformance corpus

    @Test(Self.conformanceTrait) func everyConformanceStatementParses() throws {
        let folder = try Self.conformance.appendingPathComponent("iso20022")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("camt") && $0.hasSuffix(".xml") }
        #expect(names.count == 6)
        for name in names where !name.contains("wrong") {
            let statement = try Self.reader.read(path: folder.appendingPathComponent(name).path)
            #expect(!statement.entries.isEmpty, "\(name)")
        }
    }

    /// The corpus validates against the official XSDs (MANIFEST.md), except the `wrong` file:
    /// an independent check that what the reader accepts and refuses is what ISO says.
    @Test(Self.conformanceTrait) func conformanceFilesAgainstTheirSchemas() throws {
        let folder = try Self.conformance
        let files = [("genkgo-camt_camt053.v2.minimal.xml", "camt.053.001.02"), ("genkgo-camt_camt053.v2.multi.statement.xml", "camt.053.001.02"),
                     ("moov-iso20022_FI_camt_053_sample.xml", "camt.053.001.02"), ("genkgo-camt_camt053.v8.xml", "camt.053.001.08"),
                     ("genkgo-camt_camt054.v2.xml", "camt.054.001.02"), ("genkgo-camt_camt053.v2.wrong.xml", "camt.053.001.02")]
        var validators: [String: XMLSchemaValidator] = [:]  // each schema compiled once
        for (name, definition) in files {
            if validators[definition] == nil {
                validators[definition] = try XMLSchemaValidator(path: folder.appendingPathComponent("xsd/\(definition).xsd").path)
            }
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("iso20022/\(name)")))
            let problems = try #require(validators[definition]).validate(bytes: bytes, file: name)
            #expect(problems.isEmpty == !name.contains("wrong"), "\(name): \(problems)")
            #expect((try? Self.reader.read(bytes: bytes, file: name)) != nil || name.contains("wrong"))
        }
    }

    @Test(Self.conformanceTrait) func wrongConformanceFileIsRefusedClearly() throws {
        let folder = try Self.conformance.appendingPathComponent("iso20022")
        let path = folder.appendingPathComponent("genkgo-camt_camt053.v2.wrong.xml").path
        let failure = try #require(Self.failure { try Self.reader.read(path: path) })
        try #require(failure.problems.count == 1)
        #expect(failure.problems[0].description
            == "genkgo-camt_camt053.v2.wrong.xml:3: Stmt: a camt.053.001.02 message must hold at least one statement (Stmt); this one has none")
    }

    @Test(Self.conformanceTrait) func genkgoMinimalAndMultiStatement() throws {
        let folder = try Self.conformance.appendingPathComponent("iso20022")
        let minimal = try Self.reader.read(path: folder.appendingPathComponent("genkgo-camt_camt053.v2.minimal.xml").path)
        #expect(minimal.entries.count == 1)
        #expect(minimal.entries.first?.direction == .credit)
        #expect(minimal.entries.first?.endToEndID == nil)
        let multi = try Self.reader.read(path: folder.appendingPathComponent("genkgo-camt_camt053.v2.multi.statement.xml").path)
        #expect(multi.statementCount == 2)
        #expect(Set(multi.entries.map(\.direction)) == [.credit, .debit])
        #expect(Set(multi.entries.map(\.account)).count == 1)
        #expect(Set(multi.entries.compactMap(\.statementID)).count == 2)
    }

    @Test(Self.conformanceTrait) func genkgoVersion8() throws {
        let folder = try Self.conformance.appendingPathComponent("iso20022")
        let statement = try Self.reader.read(path: folder.appendingPathComponent("genkgo-camt_camt053.v8.xml").path)
        #expect(statement.messageDefinition == "camt.053.001.08")
        let entry = try #require(statement.entries.first)
        #expect(statement.entries.count == 1)
        // The entry's 8.85 EUR, not the lone detail's "0 SEK".
        #expect(entry.amount == ExactAmount(mantissa: 885, scale: 2, currency: "EUR"))
        #expect(entry.direction == .credit)
        #expect(entry.status == "BOOK")
        #expect(entry.bookingDate == (try CivilDate(parsing: "2014-12-31")))
        #expect(entry.valueDate == (try CivilDate(parsing: "2015-01-02")))
        #expect(entry.endToEndID == "MUELL/FINP/RA12345")
        #expect(entry.counterpartyName == "NAME NAME")
        #expect(entry.counterpartyAccount == "NL56AGDH9619008421")
        #expect(entry.accountServicerReference == "AAAASESS-FP-CN_98765/01")
        #expect(entry.account == "NL26VAYB8060476890")
        #expect(entry.remittance == "4654654654654654")
    }

    @Test(Self.conformanceTrait) func genkgoNotificationBatch() throws {
        let folder = try Self.conformance.appendingPathComponent("iso20022")
        let notification = try Self.reader.read(path: folder.appendingPathComponent("genkgo-camt_camt054.v2.xml").path)
        #expect(notification.isNotification)
        #expect(notification.entries.count == 3)
        #expect(notification.entries.allSatisfy {
            $0.direction == .debit && $0.amountIsShared && $0.amount == ExactAmount(mantissa: 200_000, scale: 0, currency: "SEK")
                && $0.counterpartyName == nil && $0.account == "CH2801234000123456789"
        })
        #expect(notification.entries.map(\.detailNumber) == [1, 2, 3])
        #expect(notification.entries[2].remittance
            == "Unstructured Remittance Information V3 block 1; Unstructured Remittance Information V3 block 2; Ref number V3 block 1; Ref number V3 block 2")
    }

    /// The Finnish sample's own transaction summary (TxsSummry: 10 entries, 6 credits summing
    /// 23075.00, 4 debits summing 9430.17) checks the entry-level reading independently.
    @Test(Self.conformanceTrait) func finnishSampleMatchesItsOwnSummary() throws {
        let folder = try Self.conformance.appendingPathComponent("iso20022")
        let statement = try Self.reader.read(path: folder.appendingPathComponent("moov-iso20022_FI_camt_053_sample.xml").path)
        var byEntry: [Int: StatementEntry] = [:]
        for entry in statement.entries where byEntry[entry.entryNumber] == nil { byEntry[entry.entryNumber] = entry }
        #expect(byEntry.count == 10)
        let credits = byEntry.values.filter { $0.direction == .credit }
        let debits = byEntry.values.filter { $0.direction == .debit }
        #expect(credits.count == 6)
        #expect(debits.count == 4)
        func cents(_ entries: [StatementEntry]) -> Int64 {
            entries.reduce(0) { sum, entry in
                #expect(entry.entryAmount.scale == 2 && entry.entryAmount.currency == "EUR")
                return sum + entry.entryAmount.mantissa
            }
        }
        #expect(cents(credits) == 2_307_500)
        #expect(cents(debits) == 943_017)
        #expect(Set(statement.entries.map(\.account)) == ["FI7433010001222090"])
        // The batch entry of 4230.05 has three details whose own amounts sum to it.
        let batch = statement.entries.filter { $0.entryAmount == ExactAmount(mantissa: 423_005, scale: 2, currency: "EUR") }
        #expect(batch.count == 3)
        #expect(batch.reduce(0) { $0 + $1.amount.mantissa } == 423_005)
        #expect(batch.contains { $0.instructionID == "TITOT1106ID03" && $0.counterpartyName == "Creditor Company" })
    }
}

/// SHA-256 against the FIPS 180-4 examples.
@Suite struct ContentDigestTests {
    @Test func knownVectors() {
        #expect(ContentDigest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentDigest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentDigest.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
