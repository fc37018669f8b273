import Foundation
import GRDB
import Testing

/// Imported bank statements and their reconciliation matches travel in the loan book: a
/// ledger with a loan, the bridge fund and a reconciled camt.053 statement is exported,
/// imported into a fresh ledger and exported again byte for byte, with the same statement
/// tables; a second import stores nothing; a bad statement value refuses the whole book.
@Suite struct StatementTransferTests {
    /// The fund account's statement for 1–6 March 2020, one entry a line (so each record's
    /// line is known): the capital paid in (no reference: matched by amount and date), the
    /// advance BR-001 paid out (EndToEndId), a bank charge nobody booked, installment 1 of
    /// loan L-1 received 35.00 short (10,400.00 of 10,435.00; no AcctSvcrRef, so its key is
    /// the file's digest and position), a USD credit with five decimals, and a reversed batch
    /// of two details sharing the entry's amount.
    static let statement = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>JNB-20200306</MsgId><CreDtTm>2020-03-06T18:00:00+08:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>JNB-STMT-0306</Id>
              <CreDtTm>2020-03-06T18:00:00+08:00</CreDtTm>
              <Acct><Id><Othr><Id>37001234567</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
              <Ntry><Amt Ccy="CNY">10000000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2020-03-01</Dt></BookgDt><AcctSvcrRef>JNB0301001</AcctSvcrRef></Ntry>
              <Ntry><Amt Ccy="CNY">6000000.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2020-03-02</Dt></BookgDt><ValDt><Dt>2020-03-02</Dt></ValDt><AcctSvcrRef>JNB0302001</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>BR-001</EndToEndId></Refs><RltdPties><Cdtr><Nm>济宁市鲁兴机械有限公司</Nm></Cdtr><CdtrAcct><Id><Othr><Id>6222000000000001</Id></Othr></Id></CdtrAcct></RltdPties><RmtInf><Ustrd>应急转贷 BR-001</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
              <Ntry><Amt Ccy="CNY">88.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2020-03-04</Dt></BookgDt><AcctSvcrRef>JNB0304002</AcctSvcrRef></Ntry>
              <Ntry><Amt Ccy="CNY">10400.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2020-03-05</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>L-1</EndToEndId></Refs><RltdPties><Dbtr><Nm>济宁市鲁兴机械有限公司</Nm></Dbtr></RltdPties><RmtInf><Ustrd>第1期 &amp; 利息 &lt;还款&gt; "全额"</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
              <Ntry><Amt Ccy="USD">100.12340</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2020-03-05</Dt></BookgDt><AcctSvcrRef>JNB0305003</AcctSvcrRef></Ntry>
              <Ntry><Amt Ccy="CNY">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2020-03-06</Dt></BookgDt><AcctSvcrRef>JNB0306004</AcctSvcrRef><NtryDtls><Btch><MsgId>B-1</MsgId></Btch><TxDtls><Refs><InstrId>I-1</InstrId></Refs></TxDtls><TxDtls><Refs><InstrId>I-2</InstrId></Refs></TxDtls></NtryDtls></Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """

    /// Every row and column of the three statement tables, ordered by their keys.
    static func statementTables(_ path: URL) throws -> [[String]] {
        let queue = try DatabaseQueue(path: path.path)
        return try queue.read { db in
            var rows: [[String]] = []
            for sql in ["SELECT * FROM statements ORDER BY digest", "SELECT * FROM statement_entries ORDER BY entry_key",
                        "SELECT e.entry_key, m.* FROM statement_matches m JOIN statement_entries e ON e.id = m.statement_entry_id ORDER BY e.entry_key"] {
                for row in try Row.fetchAll(db, sql: sql) {
                    rows.append(row.columnNames.map { name in "\(name)=\(row[name].map { "\($0)" } ?? "NULL")" })
                }
                rows.append(["--"])
            }
            return rows
        }
    }

    static func count(_ path: URL, _ table: String) throws -> Int {
        try DatabaseQueue(path: path.path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func statementsAndMatchesRoundTrip() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String], expecting status: Int32 = 0) throws -> ReliefProcess.Result {
            let result = try ReliefProcess.run(arguments, in: folder)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try run(["init"])
        // Installment 1 of 12 equal-principal, 30/360: 10,000.00 + 120,000.00 x 4.35% / 12 = 10,435.00.
        _ = try run(["loans", "add", "--id", "L-1", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", "91350100M000100Y43", "--size", "small",
                     "--county", "任城区", "--bank", "济宁银行", "--principal", "120000", "--rate", "4.35%", "--start", "2020-02-05", "--months", "12",
                     "--method", "equal-principal", "--day-count", "30/360"])
        _ = try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--account", "37001234567", "--account-name", "济宁市应急转贷基金"])
        _ = try run(["bridge", "advance", "--id", "BR-001", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行", "--amount", "6000000",
                     "--date", "2020-03-02", "--account", "6222000000000001"])
        _ = try run(["loans", "repay", "--id", "L-1", "--period", "1", "--date", "2020-03-05"])
        try Data(Self.statement.utf8).write(to: folder.appendingPathComponent("statement.xml"))
        let reconciled = try Self.json(try run(["reconcile", "statement.xml", "--format", "json"]).stdout)
        #expect(reconciled["imported"] as? Int == 7)
        #expect(reconciled["matched"] as? Int == 2)
        #expect(reconciled["mismatched"] as? Int == 1)

        _ = try run(["export", "loanbook", "--out", "book.xml"])
        let book = try String(contentsOf: folder.appendingPathComponent("book.xml"), encoding: .utf8)
        let lines = book.split(separator: "\n").map(String.init)
        // The statement after the cultivation history, its seven entries inside it, then the three matches.
        let statementLine = try #require(lines.firstIndex { $0.hasPrefix("  <Statement ") })
        #expect(lines[statementLine].contains(#"source="statement.xml""#) && lines[statementLine].contains(#"messageDefinition="camt.053.001.02""#)
                && lines[statementLine].contains(#"messageId="JNB-20200306""#) && lines[statementLine].contains(#"entries="7""#))
        #expect(lines[(statementLine + 1)...(statementLine + 7)].allSatisfy { $0.hasPrefix("    <StatementEntry ") })
        #expect(lines[statementLine + 8] == "  </Statement>")
        #expect(lines[(statementLine + 9)...(statementLine + 11)].allSatisfy { $0.hasPrefix("  <Match ") })
        #expect(lines[statementLine + 12] == "</LoanBook>")
        let digestStart = try #require(lines[statementLine].range(of: #"digest=""#))
        let digest = String(lines[statementLine][digestStart.upperBound...].prefix(64))
        #expect(digest.count == 64 && digest.allSatisfy { $0.isHexDigit })
        // The USD amount as the bank wrote it, trailing zero and all; the loan repayment keyed by file and position.
        #expect(book.contains(#"amount="100.12340" entryAmount="100.12340" currency="USD" direction="CRDT""#))
        #expect(book.contains(#"<StatementEntry key="file:\#(digest):4:1" account="37001234567" statementRef="JNB-STMT-0306" entryNumber="4" detailNumber="1" detailCount="1" bookingDate="2020-03-05" amount="10400.00" entryAmount="10400.00" currency="CNY" direction="CRDT" status="BOOK" endToEndId="L-1" counterpartyName="济宁市鲁兴机械有限公司""#))
        #expect(book.contains(#"key="ref|37001234567|JNB0306004|2|2020-03-06|CRDT|300.00 CNY" account="37001234567" statementRef="JNB-STMT-0306" entryNumber="6" detailNumber="2" detailCount="2" bookingDate="2020-03-06" amount="300.00" entryAmount="300.00" currency="CNY" amountShared="true" direction="CRDT" reversal="true" status="BOOK" servicerRef="JNB0306004" instructionId="I-2" messageId="B-1" sourceLine="14"/>"#))
        #expect(book.contains(#"<Match entry="ref|37001234567|JNB0301001|1|2020-03-01|CRDT|10000000.00 CNY" event="capital" ref="bridge:capital:2020-03-01:1000000000" method="amount-date" difference="0.00"/>"#))
        #expect(book.contains(#"<Match entry="ref|37001234567|JNB0302001|1|2020-03-02|DBIT|6000000.00 CNY" event="advance" ref="BR-001" method="end-to-end" difference="0.00"/>"#))
        #expect(book.contains(#"<Match entry="file:\#(digest):4:1" event="loan-repayment" ref="loan:L-1:repayment:1" method="end-to-end" difference="-35.00"/>"#))

        // Into a fresh ledger, and out again byte for byte, with the same statement tables.
        _ = try run(["init", "--db", "copy.sqlite"])
        let first = try Self.json(try run(["import", "book.xml", "--db", "copy.sqlite", "--format", "json"]).stdout)
        _ = try run(["export", "loanbook", "--db", "copy.sqlite", "--out", "again.xml"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("again.xml")) == (try Data(contentsOf: folder.appendingPathComponent("book.xml"))))
        let original = try Self.statementTables(folder.appendingPathComponent("relief.sqlite"))
        let copied = try Self.statementTables(folder.appendingPathComponent("copy.sqlite"))
        #expect(copied == original)
        #expect(original.count == 1 + 1 + 7 + 1 + 3 + 1)
        // Exact columns, as the bank wrote them: 100.12340 USD is 10012340 at scale 5; the remittance decoded.
        let usd = try #require(copied.first { $0.contains("currency=USD") })
        #expect(usd.contains("amount_mantissa=10012340") && usd.contains("amount_scale=5") && usd.contains("entry_amount_mantissa=10012340"))
        let repayment = try #require(copied.first { $0.contains("end_to_end_id=L-1") })
        #expect(repayment.contains(#"remittance=第1期 & 利息 <还款> "全额""#) && repayment.contains("source_line=12") && repayment.contains("reversal=0"))
        #expect(copied.contains { $0.contains("event_kind=loan-repayment") && $0.contains("difference_fen=-3500") })
        #expect(try run(["ledger", "check", "--db", "copy.sqlite"]).stdout.contains("every invariant holds"))

        // Again: every record a duplicate, nothing stored twice.
        let second = try Self.json(try run(["import", "book.xml", "--db", "copy.sqlite", "--format", "json"]).stdout)
        #expect(second["imported"] as? Int == 0)
        #expect(second["duplicates"] as? Int == first["imported"] as? Int)
        #expect((first["imported"] as? Int ?? 0) >= 11)  // the statement, its 7 entries and 3 matches at least
        #expect(try Self.statementTables(folder.appendingPathComponent("copy.sqlite")) == original)
        _ = try run(["export", "loanbook", "--db", "copy.sqlite", "--out", "third.xml"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("third.xml")) == (try Data(contentsOf: folder.appendingPathComponent("book.xml"))))
        #expect(try run(["ledger", "check", "--db", "copy.sqlite"]).status == 0)
        // Reconciling the statement in the copy finds the matches already there.
        let again = try Self.json(try run(["reconcile", "statement.xml", "--db", "copy.sqlite", "--format", "json"]).stdout)
        #expect(again["imported"] as? Int == 0 && again["already_matched"] as? Int == 3 && again["matched"] as? Int == 0)
    }

    /// A statement value out of its type refuses the whole book (exit 65) with its line and
    /// attribute; the fresh ledger it was imported into holds nothing.
    @Test(arguments: [
        (#"amount="100.12340""#, #"amount="100.123400""#, "amount"),
        (#"currency="USD""#, #"currency="usd""#, "currency"),
        (#"direction="DBIT" status="BOOK" servicerRef="JNB0304002""#, #"direction="XX" status="BOOK" servicerRef="JNB0304002""#, "direction"),
        (#"difference="-35.00""#, #"difference="-35.001""#, "difference"),
    ])
    func badStatementValuesAreRefused(written: String, bad: String, field: String) throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let book = Self.sampleBook
        #expect(book.components(separatedBy: written).count == 2, "\(written) is not once in the book")
        let line = book.prefix(upTo: try #require(book.range(of: written)).lowerBound).filter { $0 == "\n" }.count + 1
        try Data(book.replacingOccurrences(of: written, with: bad).utf8).write(to: folder.appendingPathComponent("bad.xml"))
        #expect(try ReliefProcess.run(["init", "--db", "fresh.sqlite"], in: folder).status == 0)
        let result = try ReliefProcess.run(["import", "bad.xml", "--db", "fresh.sqlite"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.xml:\(line)"), "line \(line): \(result.stderr)")
        #expect(result.stderr.contains(field), "\(result.stderr)")
        for table in ["statements", "statement_entries", "statement_matches", "journal_entries", "enterprises"] {
            #expect(try Self.count(folder.appendingPathComponent("fresh.sqlite"), table) == 0, "\(table)")
        }
    }

    /// A small book written by hand in the writer's layout: a loan, its repayment, the fund,
    /// a statement of four entries (a USD amount with five decimals among them) and two matches.
    static let sampleBook = """
        <?xml version="1.0" encoding="UTF-8"?>
        <LoanBook xmlns="urn:creditrelief:loanbook:1" version="1" revision="2">
          <Enterprise creditCode="91350100M000100Y43" name="济宁市鲁兴机械有限公司" size="small" county="任城区"/>
          <Loan id="L-1" enterprise="91350100M000100Y43" bank="济宁银行" principal="120000.00" rate="0.0435" start="2020-02-05" months="12" method="equal-principal" dayCount="30/360" settlement="due-dates"/>
          <Repayment loan="L-1" period="1" date="2020-03-05"/>
          <Statement source="statement.xml" digest="\(String(repeating: "ab", count: 32))" messageDefinition="camt.053.001.02" messageId="JNB-20200306" entries="4">
            <StatementEntry key="ref|37001234567|JNB0304002|1|2020-03-04|DBIT|88.00 CNY" account="37001234567" entryNumber="1" detailNumber="1" detailCount="0" bookingDate="2020-03-04" amount="88.00" entryAmount="88.00" currency="CNY" direction="DBIT" status="BOOK" servicerRef="JNB0304002" sourceLine="11"/>
            <StatementEntry key="file:\(String(repeating: "ab", count: 32)):2:1" account="37001234567" entryNumber="2" detailNumber="1" detailCount="1" bookingDate="2020-03-05" amount="10400.00" entryAmount="10400.00" currency="CNY" direction="CRDT" status="BOOK" endToEndId="L-1" sourceLine="12"/>
            <StatementEntry key="ref|37001234567|JNB0305003|1|2020-03-05|CRDT|100.12340 USD" account="37001234567" entryNumber="3" detailNumber="1" detailCount="0" bookingDate="2020-03-05" amount="100.12340" entryAmount="100.12340" currency="USD" direction="CRDT" status="BOOK" servicerRef="JNB0305003" sourceLine="13"/>
          </Statement>
          <Match entry="file:\(String(repeating: "ab", count: 32)):2:1" event="loan-repayment" ref="loan:L-1:repayment:1" method="end-to-end" difference="-35.00"/>
        </LoanBook>

        """

    /// The hand-written book itself imports into a fresh ledger (so the refusals above are the bad values').
    @Test func theSampleBookImports() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.sampleBook.utf8).write(to: folder.appendingPathComponent("book.xml"))
        #expect(try ReliefProcess.run(["init", "--db", "fresh.sqlite"], in: folder).status == 0)
        let result = try ReliefProcess.run(["import", "book.xml", "--db", "fresh.sqlite", "--format", "json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        // Enterprise, loan, repayment, statement, 3 entries, 1 match.
        #expect(try Self.json(result.stdout)["imported"] as? Int == 8)
        let tables = try Self.statementTables(folder.appendingPathComponent("fresh.sqlite"))
        #expect(tables.contains { $0.contains("currency=USD") && $0.contains("amount_mantissa=10012340") && $0.contains("amount_scale=5") })
        #expect(tables.contains { $0.contains("event_ref=entry:2") && $0.contains("difference_fen=-3500") })
    }
}
