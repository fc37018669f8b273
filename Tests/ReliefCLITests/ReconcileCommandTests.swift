import Foundation
import ReliefTestSupport
import Testing

/// End to end: a bridge register built with the CLI reconciled against a camt.053 statement
/// of the fund's account written by hand.
@Suite struct ReconcileCommandTests {
    /// The fund's statement for 2–5 March 2020: the advance BR-001 paid out (6,000,000.00,
    /// EndToEndId BR-001), a bank charge of 88.00 nobody booked, and a USD credit.
    static let statement = Fixtures.camtStatement

    @Test func reconcileAStatementTwice() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments + ["--db", "fund.sqlite"], in: folder) }
        #expect(try run(["init"]).status == 0)
        #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--account", "37001234567",
                         "--account-name", "济宁市应急转贷基金"]).status == 0)
        #expect(try run(["bridge", "advance", "--id", "BR-001", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行",
                         "--amount", "6000000", "--date", "2020-03-02", "--account", "6222000000000001"]).status == 0)
        try Data(Self.statement.utf8).write(to: folder.appendingPathComponent("statement.xml"))

        let first = try run(["reconcile", "statement.xml", "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(object["entries"] as? Int == 3)
        #expect(object["imported"] as? Int == 3)
        #expect(object["matched"] as? Int == 1)
        #expect(object["mismatched"] as? Int == 0)
        #expect(object["unmatched_statement"] as? Int == 1)
        #expect(object["not_reconcilable"] as? Int == 1)
        // The capital paid in on 2020-03-01 is within the statement's dates (+/- 3 days) and not on it.
        #expect(object["unmatched_ledger"] as? Int == 1)
        let items = try #require(object["items"] as? [[String: Any]])
        let matched = try #require(items.first { $0["status"] as? String == "matched" })
        #expect(matched["reference"] as? String == "BR-001")
        #expect(matched["method"] as? String == "end-to-end")
        #expect(matched["amount"] as? String == "6000000.00")
        #expect(matched["line"] as? Int == 9)
        let foreign = try #require(items.first { $0["status"] as? String == "not-reconcilable" })
        #expect(foreign["amount"] as? String == "100.12345" && foreign["currency"] as? String == "USD")

        let second = try run(["reconcile", "statement.xml", "--format", "json"])
        let again = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(again["imported"] as? Int == 0)
        #expect(again["duplicates"] as? Int == 3)
        #expect(again["matched"] as? Int == 0)
        #expect(again["already_matched"] as? Int == 1)

        let table = try run(["reconcile", "statement.xml"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Matched before"))
        let csv = try run(["reconcile", "statement.xml", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("status,line,date,direction,amount,currency"))
    }

    @Test func badStatementsExitWithTheContractCodes() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments + ["--db", "fund.sqlite"], in: folder) }
        #expect(try run(["init"]).status == 0)
        #expect(try run(["reconcile", "missing.xml"]).status == 66)
        let truncated = String(Self.statement.prefix(600))
        try Data(truncated.utf8).write(to: folder.appendingPathComponent("cut.xml"))
        let cut = try run(["reconcile", "cut.xml"])
        #expect(cut.status == 65)
        #expect(cut.stderr.hasPrefix("relief: error: cut.xml:"))
        let before = try run(["ledger", "trial-balance", "--format", "json"]).stdout
        try Data(Self.statement.replacingOccurrences(of: "88.00", with: "88.001x").utf8).write(to: folder.appendingPathComponent("bad.xml"))
        let bad = try run(["reconcile", "bad.xml"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("bad.xml:24: Ntry/Amt:"), "\(bad.stderr)")
        #expect(try run(["ledger", "trial-balance", "--format", "json"]).stdout == before)
    }

    /// Reconciling again does not hide an amount mismatch found the first time: the demo's
    /// statement has one (BR-2020-107, 200.00 short), counted among the matches made before.
    @Test func aMismatchFoundBeforeStaysVisible() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["demo", "--db", "demo.sqlite"], in: folder)
        let again = try ReliefProcess.expect(["reconcile", "fund-statement-2020-03.xml", "--db", "demo.sqlite", "--format", "json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(object["matched"] as? Int == 0 && object["mismatched"] as? Int == 0)
        #expect(object["already_matched"] as? Int == 73 && object["already_mismatched"] as? Int == 1, "\(again.stdout.prefix(400))")
        let table = try ReliefProcess.expect(["reconcile", "fund-statement-2020-03.xml", "--db", "demo.sqlite"], in: folder)
        #expect(table.stdout.contains("of which with an amount mismatch"), "\(table.stdout.prefix(600))")
    }

    /// A batch entry whose three transaction details carry no amounts moved 6,000,000.00
    /// once: its first detail stands for it with the references of all three (the advance's
    /// EndToEndId is on the second), the other two are batch details, not unmatched entries.
    @Test func aBatchEntryWithoutDetailAmountsCountsItsAmountOnce() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.fund(in: folder, advances: [("BR-001", "91350100M000100Y43", "6000000")])
        let batch = Self.batch(amount: "6000000.00", references: ["NOTPROVIDED", "BR-001", "NOTPROVIDED"])
        try Data(batch.utf8).write(to: folder.appendingPathComponent("batch.xml"))
        for (pass, key) in [(1, "matched"), (2, "already_matched")] {
            let result = try run(["reconcile", "batch.xml", "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object["entries"] as? Int == 3, "pass \(pass)")
            #expect(object[key] as? Int == 1 && object["batch_details"] as? Int == 2, "pass \(pass): \(result.stdout)")
            // Unmatched on the ledger's side: only the capital paid in on 2020-03-01, which no entry names.
            #expect(object["unmatched_statement"] as? Int == 0 && object["unmatched_ledger"] as? Int == 1, "pass \(pass): \(result.stdout)")
            let items = try #require(object["items"] as? [[String: Any]])
            let carrier = try #require(items.first { $0["status"] as? String == (pass == 1 ? "matched" : "already-matched") })
            #expect(carrier["reference"] as? String == "BR-001" && carrier["line"] as? Int == 16, "\(carrier)")
            #expect(items.filter { $0["status"] as? String == "batch-detail" }.compactMap { $0["line"] as? Int } == [17, 18])
        }
    }

    /// A fund of 10,000,000.00 paid in on 2020-03-01 in a new ledger in `folder`, with these
    /// advances made on 2020-03-02; returns `relief` run on that ledger (its exit status checked).
    static func fund(in folder: URL, advances: [(id: String, enterprise: String, amount: String)]) throws
        -> ([String]) throws -> ReliefProcess.Result {
        let run = { (arguments: [String]) throws -> ReliefProcess.Result in
            try ReliefProcess.expect(arguments + ["--db", "fund.sqlite"], in: folder)
        }
        _ = try run(["init"])
        _ = try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01"])
        for advance in advances {
            _ = try run(["bridge", "advance", "--id", advance.id, "--enterprise", advance.enterprise, "--bank", "济宁银行",
                         "--amount", advance.amount, "--date", "2020-03-02"])
        }
        return run
    }

    /// A camt.054 notification of one DBIT batch entry of `amount` booked 2020-03-02, whose
    /// transaction details carry only these end-to-end references (no amounts); the first
    /// detail is on line 16.
    static func batch(amount: String, references: [String]) -> String {
        let details = references.map { "<TxDtls><Refs><EndToEndId>\($0)</EndToEndId></Refs></TxDtls>" }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
              <BkToCstmrDbtCdtNtfctn>
                <GrpHdr><MsgId>JNB-N-0302</MsgId><CreDtTm>2020-03-02T18:00:00+08:00</CreDtTm></GrpHdr>
                <Ntfctn>
                  <Id>JNB-N-0302</Id>
                  <CreDtTm>2020-03-02T18:00:00+08:00</CreDtTm>
                  <Acct><Id><Othr><Id>37001234567</Id></Othr></Id></Acct>
                  <Ntry>
                    <Amt Ccy="CNY">\(amount)</Amt>
                    <CdtDbtInd>DBIT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>2020-03-02</Dt></BookgDt>
                    <BkTxCd><Prtry><Cd>TRF</Cd></Prtry></BkTxCd>
                    <NtryDtls><Btch><NbOfTxs>\(references.count)</NbOfTxs></Btch>
            \(details)
                    </NtryDtls>
                  </Ntry>
                </Ntfctn>
              </BkToCstmrDbtCdtNtfctn>
            </Document>

            """
    }

    /// A batch that paid three advances at once (2,000,000 + 2,500,000 + 1,500,000 =
    /// 6,000,000.00), each detail naming its own: the three are matched, the detail without a
    /// reference is covered by them; a batch 100.00 over their sum is a mismatch of 100.00.
    @Test func aBatchPayingSeveralAdvancesMatchesEachToItsDetail() throws {
        for (amount, difference) in [("6000000.00", "0.00"), ("6000100.00", "100.00")] {
            let folder = try ReliefProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let run = try Self.fund(in: folder, advances: [("BR-1", "91350100M000100Y43", "2000000"), ("BR-2", "913708000000000011", "2500000"),
                                                           ("BR-3", "913708000000000024", "1500000")])
            try Data(Self.batch(amount: amount, references: ["BR-1", "NOTPROVIDED", "BR-2", "BR-3"]).utf8)
                .write(to: folder.appendingPathComponent("batch.xml"))
            let result = try run(["reconcile", "batch.xml", "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let items = try #require(object["items"] as? [[String: Any]])
            let matches = items.filter { ["matched", "mismatched"].contains($0["status"] as? String) }
            #expect(matches.compactMap { $0["reference"] as? String }.sorted() == ["BR-1", "BR-2", "BR-3"], "\(result.stdout)")
            #expect(object["batch_details"] as? Int == 1 && object["unmatched_statement"] as? Int == 0, "\(result.stdout)")
            let first = try #require(matches.first { $0["reference"] as? String == "BR-1" })
            #expect(first["line"] as? Int == 16 && first["difference"] as? String == difference, "\(first)")
            #expect(object["mismatched"] as? Int == (difference == "0.00" ? 0 : 1))
            // Again: the three stand, the fourth detail is still covered, nothing else.
            let again = try #require(try JSONSerialization.jsonObject(with: Data(try run(["reconcile", "batch.xml", "--format", "json"]).stdout.utf8))
                                     as? [String: Any])
            #expect(again["already_matched"] as? Int == 3 && again["batch_details"] as? Int == 1 && again["unmatched_statement"] as? Int == 0)
        }
    }
}
