import Foundation
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefSamples

/// The demo: the main job end to end on data built into the binary. Writes the sample files
/// (the loan book with Chinese headers, the bridge register, the cultivation list, the fund's
/// camt.053) beside a new ledger, imports them as any bank file, applies the 2020 programme to
/// the portfolio, runs a month of the bridge fund and reconciles its statement, carries firms
/// to first loans, proves the ledger, and returns what happened for a front end to show.
public enum DemoScenario {
    /// Loans in the sample book.
    public static let sampleLoans = 300

    /// The files a demo writes in its folder (the ledger with its WAL files, the samples, the report).
    public static let writtenFiles = ["relief.sqlite", "relief.sqlite-wal", "relief.sqlite-shm", "loans.csv", "bridge-register.csv",
                                      "cultivation.csv", "report.html", "fund-statement-2020-03.xml"]

    /// `$TMPDIR/relief-demo`, emptied of the previous demo's files: one folder however often the
    /// demo runs (a folder per run piled up in the temporary directory). Other files there are
    /// left alone; a link or a file of that name is refused rather than followed or replaced.
    public static func freshFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-demo")
        let manager = FileManager.default
        if let type = (try? manager.attributesOfItem(atPath: folder.path))?[.type] as? FileAttributeType {
            guard type == .typeDirectory else {
                throw WorkflowError.refused("\(folder.path) exists and is not a folder: remove it, or build the demo ledger elsewhere")
            }
        } else {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw WorkflowError.missingInput("cannot create the demo folder \(folder.path): \(error.localizedDescription)")
            }
        }
        for name in writtenFiles {
            let file = folder.appendingPathComponent(name)
            if (try? manager.attributesOfItem(atPath: file.path)) != nil {
                do { try manager.removeItem(at: file) } catch {
                    throw WorkflowError.refused("cannot replace the previous demo's \(file.path): \(error.localizedDescription)")
                }
            }
        }
        return folder
    }

    /// What the demo did, step by step.
    public struct Result: Sendable {
        public let ledgerPath: String
        public let loansPath: String
        public let loansImported: Int
        public let lent: Money
        public let banks: Int
        public let programme: ReliefProgramme
        public let deferral: PortfolioDeferral.Summary
        /// The refusal reasons grouped by kind, with their counts, by kind.
        public let refusalKinds: [(kind: String, count: Int)]
        public let registerPath: String
        public let bridge: BridgeReport
        public let statementPath: String
        public let reconciliation: Reconciliation.Report
        public let cultivationPath: String
        public let cultivation: FirstLoanReport
        public let check: LedgerCheck.Report
        public let journalEntries: Int
        public let postings: Int
        public let report: ReportWorkflow.Data
        /// Where a front end writes the HTML report.
        public let reportPath: String
        public let workedExamples: [WorkedExample]
    }

    /// A published figure (RULES.md) beside the same figure recomputed; `label` reads before
    /// the figure ("..., annuity: 5,307.27").
    public struct WorkedExample: Sendable {
        public let label: String
        public let computed: Money
        public let published: Money
    }

    /// Runs the demo with a new ledger at `ledgerPath`, writing the sample files in its folder
    /// (which must hold none of them: nothing is overwritten).
    public static func run(ledgerPath path: String) throws -> Result {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            throw WorkflowError.missingInput("cannot create \(path): the folder \(folder.path) does not exist")
        }
        for name in ["loans.csv", "bridge-register.csv", "cultivation.csv", "report.html", "fund-statement-2020-03.xml"]
        where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            throw WorkflowError.refused("\(folder.appendingPathComponent(name).path) exists; the demo writes its sample files beside the ledger and overwrites nothing: build it in an empty folder")
        }
        let store = try LedgerStore.create(at: path)
        func write(_ name: String, _ text: String) throws -> String {
            let file = folder.appendingPathComponent(name).path
            guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                throw WorkflowError.missingInput("\(file): cannot be written")
            }
            return file
        }

        // 1. The loan book, imported like any bank file.
        let csvPath = try write("loans.csv", sampleLoanCSV())
        let (rows, readSummary) = LoanImport(maxInputBytes: 1 << 30).read(csvPath, encoding: nil)
        let loans = rows.map(\.loan)
        guard readSummary.problems.isEmpty else { throw ImportFailure(problems: readSummary.problems) }
        try store.writeJournal { journal in
            for loan in loans { _ = try LoanLedger.add(loan, journal: &journal) }
        }
        let lent = loans.reduce(Money.zero) { $0 + $1.terms.principal }

        // 2. The seed's programme over the portfolio.
        guard let programme = ReliefProgramme.preset(named: "2020") else { throw WorkflowError.internalError("preset 2020 missing") }
        let summary = try store.writeJournal { journal in try PortfolioDeferral.apply(programme, journal: &journal) }
        var reasons: [String: Int] = [:]
        for refusal in summary.refusals { reasons[reasonKind(refusal.reason), default: 0] += 1 }

        // 3. A month of the emergency bridge fund, and its account's statement reconciled.
        let registerPath = try write("bridge-register.csv", try bridgeRegisterCSV())
        let bridge = try runBridgeFund(store, registerPath: registerPath)
        let statementPath = try write("fund-statement-2020-03.xml", try fundStatement(store, through: try CivilDate(parsing: "2020-03-31")))
        let loaded = try StatementImport.load(statementPath)
        let reconciliation = try store.write { db in try Reconciliation.reconcile(entryIDs: try StatementImport.store(loaded, db).entryIDs, db) }

        // 4. First-loan cultivation: firms without loans, counsellors, the pipeline, first loans.
        let listPath = try write("cultivation.csv", try cultivationCSV())
        let cultivation = try runCultivation(store, listPath: listPath)

        // 5. The books prove themselves; the report's figures.
        let check = try store.read { db in try LedgerCheck.run(db) }
        let counts = try LedgerListings.journalSize(store)
        let report = try ReportWorkflow.gather(store, from: nil, to: try CivilDate(parsing: "2020-07-31"))
        return Result(ledgerPath: path, loansPath: csvPath, loansImported: loans.count, lent: lent, banks: Set(loans.map(\.bank)).count,
                      programme: programme, deferral: summary,
                      refusalKinds: reasons.sorted { $0.key < $1.key }.map { (kind: $0.key, count: $0.value) },
                      registerPath: registerPath, bridge: bridge, statementPath: statementPath, reconciliation: reconciliation,
                      cultivationPath: listPath, cultivation: cultivation, check: check, journalEntries: counts.entries, postings: counts.postings,
                      report: report, reportPath: folder.appendingPathComponent("report.html").path, workedExamples: try workedExamples())
    }

    /// The refusal reasons grouped by kind, for the summary.
    static func reasonKind(_ reason: String) -> String {
        if reason.contains("not eligible") { return "size class not eligible (large enterprises)" }
        if reason.contains("not applied") { return "no relief application" }
        if reason.contains("cap") { return "credit line over the cap" }
        return reason
    }

    /// The sample loan book as the bank's core system would export it (Chinese headers).
    public static func sampleLoanCSV() -> String {
        let chinese = ["贷款编号", "借款人", "统一社会信用代码", "企业规模", "县区", "贷款银行", "贷款金额", "年利率", "起始日", "期限月数",
                       "还款方式", "计息基础", "结息方式", "授信额度", "申请日"]
        var csv = CSVText(header: chinese)
        for index in 0..<sampleLoans { csv.append(LoanCSV.fields(SamplePortfolio.loan(index))) }
        return csv.text
    }

    /// The month's bridge register as the fund's clerks would keep it (Samples/bridge-register.csv):
    /// 40 advances through March 2020 to firms of the sample book, each repaid after 2 to 17 days
    /// (a few breach the 15-day maximum), an advance left out when the fund's cash (30 million
    /// capital) could not cover it that day.
    public static func bridgeRegisterCSV() throws -> String {
        let start = try CivilDate(parsing: "2020-03-01")
        let fees = BridgeFeeCalculator(terms: .seed())
        var cash = Money(yuan: 30_000_000)
        var due: [Int32: [(Money, Int)]] = [:]
        var csv = CSVText(header: BridgeRegisterCSV.header)
        for dayOffset in 1...45 {
            let day = start.adding(days: dayOffset)
            for (amount, days) in due.removeValue(forKey: day.daysSinceEpoch) ?? [] {
                cash += amount + fees.fee(amount: amount, days: days, dailyRate: BridgeTerms.seed().dailyRateCap)
            }
            guard dayOffset <= 20 else { continue }
            for slot in 0..<2 {
                let index = dayOffset * 2 + slot
                let loan = SamplePortfolio.loan(index)
                let amount = Money(yuan: Int64(500_000 + (index * 7_919) % 25 * 100_000))
                guard cash >= amount else { continue }
                cash -= amount
                let days = 2 + (index * 5) % 16
                due[day.adding(days: days).daysSinceEpoch, default: []].append((amount, days))
                csv.append(["BR-2020-\(100 + index)", loan.enterprise.code.value, loan.enterprise.name, loan.bank, loan.enterprise.county,
                            amount.description, day.description, day.adding(days: days).description, loan.id.rawValue,
                            "62284800\(100_000 + index)", "", ""])
            }
        }
        return csv.text
    }

    /// Capital of 30 million on 1 March, then the month's register imported from its CSV file.
    static func runBridgeFund(_ store: LedgerStore, registerPath: String) throws -> BridgeReport {
        let start = try CivilDate(parsing: "2020-03-01")
        let (rows, summary) = LoanImport(maxInputBytes: 1 << 30).readBridgeRegister(registerPath, encoding: nil)
        guard summary.problems.isEmpty else { throw ImportFailure(problems: summary.problems) }
        try store.writeJournal { journal in
            try BridgeFund.setAccount("37001600000000001", name: "济宁市应急转贷基金", journal.transaction)
            var book = try BridgeLedger(journal.transaction)
            _ = try book.moveCapital(Money(yuan: 30_000_000), on: start, reference: "demo-capital", journal: &journal)
            let recorded = try BridgeRegisterImport.record(rows.map { ($0, registerPath) }, journal: &journal)
            guard recorded.problems.isEmpty else { throw ImportFailure(problems: recorded.problems) }
        }
        let register = try store.read { db in try BridgeLedger.register(db) }
        return BridgeReport.compute(register, from: start, to: try CivilDate(parsing: "2020-03-31"), maximumDays: 15)
    }

    /// 40 firms without bank loans identified in March 2020, four counsellors, each firm
    /// carried a deterministic number of stages; those disbursed get their first loan booked.
    /// The cultivation list (Samples/cultivation.csv): 40 firms without bank loans identified in
    /// March 2020, with the columns `relief firstloan enterprise import` reads.
    public static func cultivationCSV() throws -> String {
        let identified = try CivilDate(parsing: "2020-03-02")
        var csv = CSVText(header: ["统一社会信用代码", "企业名称", "企业规模", "县区", "行业", "有无贷款记录", "识别日期"])
        for index in 0..<40 {
            let firm = SamplePortfolio.enterprise(10_000 + index)
            csv.append([firm.code.value, firm.name, index % 3 == 0 ? "微型" : "小型", firm.county, ["制造业", "批发零售", "餐饮", "农业"][index % 4],
                        "无", identified.adding(days: index % 10).description])
        }
        return csv.text
    }

    /// The list imported, four counsellors, each firm carried a deterministic number of stages;
    /// those disbursed get their first loan booked.
    static func runCultivation(_ store: LedgerStore, listPath: String) throws -> FirstLoanReport {
        let identified = try CivilDate(parsing: "2020-03-02")
        let (rows, read) = FirstLoanEnterpriseImport(defaultDate: identified).read(listPath, encoding: nil)
        guard read.problems.isEmpty else { throw ImportFailure(problems: read.problems) }
        try store.writeJournal { journal in
            let db = journal.transaction
            for counsellor in 1...4 {
                _ = try CultivationLedger.addCounsellor(try CounsellorID(validating: "C00\(counsellor)"), name: ["张明", "李华", "王芳", "刘强"][counsellor - 1], db)
            }
            for row in rows { _ = try CultivationLedger.register(row.registration, db) }
            for index in 0..<40 {
                let firm = SamplePortfolio.enterprise(10_000 + index)
                let day = identified.adding(days: index % 10)
                _ = try CultivationLedger.assign(try CounsellorID(validating: "C00\(index % 4 + 1)"), to: firm.code, on: day, db)
                let bank = SamplePortfolio.banks[index % SamplePortfolio.banks.count]
                let reached = index % 5  // 0: identified only ... 4: disbursed
                let path: [CultivationStage] = [.counselled, .applied, .approved, .disbursed]
                for (step, stage) in path.prefix(reached).enumerated() {
                    _ = try CultivationLedger.move(firm.code, to: stage, on: day.adding(days: 10 * (step + 1)), bank: bank, db)
                }
                if reached == 1 && index % 2 == 1 { _ = try CultivationLedger.move(firm.code, to: .withdrawn, on: day.adding(days: 30), bank: nil, db) }
                if reached == 4 {
                    let disbursed = day.adding(days: 40)
                    let terms = try LoanTerms(principal: Money(yuan: Int64(300_000 + index * 10_000)), annualRate: Rate(percent: 415, per: 100),
                                              start: disbursed, termMonths: 12, method: .interestOnly)
                    let loan = LoanRecord(id: try LoanID(validating: "FL2020\(100 + index)"),
                                          enterprise: EnterpriseRecord(code: firm.code, name: firm.name, size: index % 3 == 0 ? .micro : .small,
                                                                       county: firm.county),
                                          bank: bank, terms: terms, creditLine: nil, applied: nil)
                    _ = try LoanLedger.add(loan, journal: &journal)
                }
            }
        }
        let register = try store.read { db in try CultivationLedger.cultivationRegister(db) }
        return FirstLoanReport.compute(register, from: identified, to: try CivilDate(parsing: "2020-06-30"))
    }

    /// The fund account's camt.053 for March 2020 as its bank would send it: the capital in,
    /// each advance out and each repayment with its fee in (EndToEndId = the advance id); the
    /// bank took a 200.00 charge off one repayment and booked a USD credit by mistake, so the
    /// reconciliation has something to show.
    public static func fundStatement(_ store: LedgerStore, through end: CivilDate) throws -> String {
        let register = try store.read { db in try BridgeLedger.register(db) }
        var entries: [(date: CivilDate, amount: String, currency: String, direction: String, reference: String?)] = []
        for movement in register.capital where movement.date <= end {
            entries.append((movement.date, movement.amount.description, "CNY", movement.amount.isNegative ? "DBIT" : "CRDT", nil))
        }
        for (index, advance) in register.advances.enumerated() where advance.date <= end {
            entries.append((advance.date, advance.amount.description, "CNY", "DBIT", advance.id.rawValue))
            if let repayment = advance.repayment, repayment.date <= end {
                let received = advance.amount + repayment.fee - (index == 5 ? Money(yuan: 200) : .zero)
                entries.append((repayment.date, received.description, "CNY", "CRDT", advance.id.rawValue))
            }
        }
        entries.append((try CivilDate(parsing: "2020-03-20"), "1250.50", "USD", "CRDT", nil))
        entries.sort { ($0.date, $0.direction) < ($1.date, $1.direction) }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>JNB-FUND-202003</MsgId><CreDtTm>2020-04-01T08:00:00+08:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>JNB-FUND-STMT-202003</Id>
                  <CreDtTm>2020-04-01T08:00:00+08:00</CreDtTm>
                  <Acct><Id><Othr><Id>37001600000000001</Id></Othr></Id><Ccy>CNY</Ccy></Acct>

            """
        for (index, entry) in entries.enumerated() {
            xml += "      <Ntry><Amt Ccy=\"\(entry.currency)\">\(entry.amount.hasPrefix("-") ? String(entry.amount.dropFirst()) : entry.amount)</Amt>"
                + "<CdtDbtInd>\(entry.direction)</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>\(entry.date)</Dt></BookgDt>"
                + "<ValDt><Dt>\(entry.date)</Dt></ValDt><AcctSvcrRef>JNB2020\(1000 + index)</AcctSvcrRef>"
                + "<BkTxCd><Prtry><Cd>TRF</Cd></Prtry></BkTxCd>"
                + (entry.reference.map { "<NtryDtls><TxDtls><Refs><EndToEndId>\($0)</EndToEndId></Refs></TxDtls></NtryDtls>" } ?? "")
                + "</Ntry>\n"
        }
        return xml + "    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n"
    }

    /// The published worked examples of RULES.md, recomputed by the engine.
    public static func workedExamples() throws -> [WorkedExample] {
        let calculator = ScheduleCalculator()
        var examples: [WorkedExample] = []
        let checks: [(String, Money, Int, RepaymentMethod, Money)] = [
            ("1,000,000 at 4.90% over 360 months, annuity:", Money(yuan: 1_000_000), 360, .annuity, Money(fen: 530_727)),
            ("1,000,000 at 4.90% over 240 months, annuity:", Money(yuan: 1_000_000), 240, .annuity, Money(fen: 654_444)),
            ("630,000 at 4.90% over 360 months, annuity:", Money(yuan: 630_000), 360, .annuity, Money(fen: 334_358)),
            ("630,000 at 4.90% over 360 months, equal principal, month 1:", Money(yuan: 630_000), 360, .equalPrincipal, Money(fen: 432_250)),
        ]
        for (label, principal, months, method, published) in checks {
            let terms = try LoanTerms(principal: principal, annualRate: Rate(percent: 490, per: 100),
                                      start: try CivilDate(year: 2020, month: 1, day: 15), termMonths: months, method: method)
            examples.append(WorkedExample(label: label, computed: try calculator.schedule(for: terms).installments[0].payment, published: published))
        }
        let bullet = try LoanTerms(principal: Money(yuan: 1_000_000), annualRate: Rate(percent: 435, per: 100),
                                   start: try CivilDate(parsing: "2019-03-01"), termMonths: 12, method: .bullet)
        guard let programme = ReliefProgramme.preset(named: "2020") else { return examples }
        let deferral = DeferralCalculator(programme: programme).apply(to: try calculator.schedule(for: bullet))
        examples.append(WorkedExample(label: "1,000,000 at 4.35% deferred 121 days: ordinary interest",
                                      computed: deferral.totals.interestOnDeferredPrincipal, published: Money(fen: 1_462_083)))
        return examples
    }
}
