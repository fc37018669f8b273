import ArgumentParser
import Foundation
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefSamples

/// `relief demo`: the main job end to end on data built into the binary.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline on the bundled sample data (a fresh ledger in a temporary folder, or --db).",
        discussion: """
            Writes the sample loan book (Samples/loans.csv, 300 SME loans of Jining banks with \
            Chinese names) into the demo folder, imports it, applies the 2020 programme to the \
            portfolio, runs a month of the emergency bridge fund and its report, proves the \
            ledger's invariants, writes the HTML report beside the ledger, and prints what a \
            bank officer would read. Nothing is written in the current folder unless --db says so.
            """
    )

    @Option(help: ArgumentHelp("Build the demo ledger here instead (must not exist yet).", valueName: "path")) var db: String?

    /// Loans in the sample book.
    static let sampleLoans = 300

    /// The sample loan book as the bank's core system would export it (Chinese headers).
    static func sampleLoanCSV() -> String {
        let chinese = ["贷款编号", "借款人", "统一社会信用代码", "企业规模", "县区", "贷款银行", "贷款金额", "年利率", "起始日", "期限月数",
                       "还款方式", "计息基础", "结息方式", "授信额度", "申请日"]
        var csv = CSVText(header: chinese)
        for index in 0..<sampleLoans { csv.append(LoanCSV.fields(SamplePortfolio.loan(index))) }
        return csv.text
    }

    /// The files a demo writes in its folder (the ledger with its WAL files, the samples, the report).
    static let writtenFiles = ["relief.sqlite", "relief.sqlite-wal", "relief.sqlite-shm", "loans.csv", "bridge-register.csv",
                               "cultivation.csv", "report.html", "fund-statement-2020-03.xml"]

    /// `$TMPDIR/relief-demo`, emptied of the previous demo's files: one folder however often the
    /// demo runs (a folder per run piled up in the temporary directory). Other files there are
    /// left alone; a link or a file of that name is refused rather than followed or replaced.
    static func freshDemoFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-demo")
        let manager = FileManager.default
        if let type = (try? manager.attributesOfItem(atPath: folder.path))?[.type] as? FileAttributeType {
            guard type == .typeDirectory else {
                throw CommandFailure(.dataError, "\(folder.path) exists and is not a folder: remove it, or run the demo with --db PATH")
            }
        } else {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure(.noInput, "cannot create the demo folder \(folder.path): \(error.localizedDescription)")
            }
        }
        for name in writtenFiles {
            let file = folder.appendingPathComponent(name)
            if (try? manager.attributesOfItem(atPath: file.path)) != nil {
                do { try manager.removeItem(at: file) } catch {
                    throw CommandFailure(.dataError, "cannot replace the previous demo's \(file.path): \(error.localizedDescription)")
                }
            }
        }
        return folder
    }

    func run() throws {
        let path: String
        if let db {
            path = db
        } else {
            path = try DemoCommand.freshDemoFolder().appendingPathComponent("relief.sqlite").path
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            throw CommandFailure(.noInput, "cannot create \(path): the folder \(folder.path) does not exist")
        }
        for name in ["loans.csv", "bridge-register.csv", "cultivation.csv", "report.html", "fund-statement-2020-03.xml"] where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            throw CommandFailure(.dataError, "\(folder.appendingPathComponent(name).path) exists; the demo writes its sample files beside the ledger and overwrites nothing: choose --db in an empty folder")
        }
        let store = try LedgerStore.create(at: path)
        var text = "CreditRelief demo: the 2020 SME credit-relief policy, exact to the fen\nLedger: \(path)\n\n"

        // 1. The loan book, imported like any bank file.
        let csvPath = folder.appendingPathComponent("loans.csv").path
        guard FileManager.default.createFile(atPath: csvPath, contents: Data(DemoCommand.sampleLoanCSV().utf8)) else {
            throw CommandFailure(.noInput, "\(csvPath): cannot be written")
        }
        let (rows, readSummary) = LoanImport(maxInputBytes: 1 << 30).read(csvPath, encoding: nil)
        let loans = rows.map(\.loan)
        guard readSummary.problems.isEmpty else { throw ImportFailure(problems: readSummary.problems) }
        try store.writeJournal { journal in
            for loan in loans { _ = try LoanBook.add(loan, journal: &journal) }
        }
        let lent = loans.reduce(Money.zero) { $0 + $1.terms.principal }
        text += "1. Loan book: imported \(loans.count) loans from \(csvPath) (Chinese headers), \(lent.formatted(grouped: true)) CNY lent by \(Set(loans.map(\.bank)).count) banks\n\n"

        // 2. The seed's programme over the portfolio.
        guard let programme = ReliefProgramme.preset(named: "2020") else { throw CommandFailure(.software, "preset 2020 missing") }
        let summary = try store.writeJournal { journal in try PortfolioDeferral.apply(programme, journal: &journal) }
        text += "2. " + DeferralReport.describe(programme).replacingOccurrences(of: "\n", with: "\n   ") + "\n"
        text += PortfolioDeferralReport(programme: programme, summary: summary).summaryTable(indent: "   ")
        var reasons: [String: Int] = [:]
        for refusal in summary.refusals { reasons[DemoCommand.reasonKind(refusal.reason), default: 0] += 1 }
        for (reason, count) in reasons.sorted(by: { $0.key < $1.key }) { text += "   refused: \(count) x \(reason)\n" }
        text += "\n"

        // 3. A month of the emergency bridge fund.
        let registerPath = folder.appendingPathComponent("bridge-register.csv").path
        guard FileManager.default.createFile(atPath: registerPath, contents: Data(try DemoCommand.bridgeRegisterCSV().utf8)) else {
            throw CommandFailure(.noInput, "\(registerPath): cannot be written")
        }
        let bridge = try DemoCommand.runBridgeFund(store, registerPath: registerPath)
        text += "3. Emergency bridge fund, March 2020 (15 days at most, 0.08% a day), register imported from \(registerPath):\n"
        text += BridgeReportOutput(report: bridge).table().split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n") + "\n"

        // 3a. The fund account's bank statement, reconciled against the register.
        let statementPath = folder.appendingPathComponent("fund-statement-2020-03.xml").path
        guard FileManager.default.createFile(atPath: statementPath,
                                             contents: Data(try DemoCommand.fundStatement(store, through: try CivilDate(parsing: "2020-03-31")).utf8)) else {
            throw CommandFailure(.noInput, "\(statementPath): cannot be written")
        }
        let loaded = try StatementImport.load(statementPath)
        let reconciliation = try store.write { db in try Reconciliation.reconcile(entryIDs: try StatementImport.store(loaded, db).entryIDs, db) }
        text += "   Statement \(statementPath) (camt.053) reconciled: \(reconciliation.matched.count) entries matched, "
            + "\(reconciliation.mismatched.count) amount mismatch\(reconciliation.mismatched.count == 1 ? "" : "es"), "
            + "\(reconciliation.unmatchedEntries.count) statement entr\(reconciliation.unmatchedEntries.count == 1 ? "y" : "ies") and "
            + "\(reconciliation.unmatchedEvents.count) ledger event\(reconciliation.unmatchedEvents.count == 1 ? "" : "s") unmatched, "
            + "\(reconciliation.notReconcilable.count) not in CNY\n"
        for mismatch in reconciliation.mismatched {
            text += "   mismatch: \(mismatch.event.label) differs by \(mismatch.difference.formatted(grouped: true))\n"
        }
        text += "\n"

        // 3b. First-loan cultivation: firms without loans, counsellors, the pipeline, first loans.
        let listPath = folder.appendingPathComponent("cultivation.csv").path
        guard FileManager.default.createFile(atPath: listPath, contents: Data(try DemoCommand.cultivationCSV().utf8)) else {
            throw CommandFailure(.noInput, "\(listPath): cannot be written")
        }
        let cultivation = try DemoCommand.runCultivation(store, listPath: listPath)
        let figures = cultivation.totals
        text += "4. First-loan cultivation (首贷培植), March to June 2020, list imported from \(listPath): \(figures.underCultivation) firms under cultivation, "
            + "\(figures.firstLoanBorrowers) first loans of \(figures.firstLoanAmount.formatted(grouped: true)) CNY, first-loan rate "
            + "\(Decimals.format(figures.firstLoanRateTenThousandths, decimals: 4)); funnel "
            + CultivationStage.pipeline.map { "\($0.rawValue) \(figures.reached($0))" }.joined(separator: ", ") + "\n\n"

        // 4. The books prove themselves.
        let check = try store.read { db in try LedgerCheck.run(db) }
        let counts = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM journal_entries") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM postings GROUP BY entry_id, line)") ?? 0)
        }
        text += "5. Ledger check: \(check.isClean ? "every invariant holds" : "\(check.violations.count) VIOLATIONS") over \(counts.0) journal entries and \(counts.1) postings (\(check.checked.count) invariants)\n\n"

        // 5. The report people look at.
        let htmlPath = folder.appendingPathComponent("report.html").path
        let report = try store.read { db in try HTMLReport.gather(db, from: nil, to: try CivilDate(parsing: "2020-07-31")) }
        guard FileManager.default.createFile(atPath: htmlPath, contents: Data(report.render().utf8)) else {
            throw CommandFailure(.noInput, "\(htmlPath): cannot be written")
        }
        text += "6. HTML report with charts: \(htmlPath) (open it in any browser; no network needed)\n\n"

        // 6. The published examples, recomputed.
        text += "7. Published worked examples (RULES.md), recomputed:\n" + (try DemoCommand.workedExamples())
        text += "\nExplore: relief loans list --db \(path)\n         relief bridge report --db \(path) --to 2020-03-31\n         relief ledger trial-balance --db \(path)\n"
        StandardStreams.writeOut(text)
    }

    /// The refusal reasons grouped by kind, for the summary.
    static func reasonKind(_ reason: String) -> String {
        if reason.contains("not eligible") { return "size class not eligible (large enterprises)" }
        if reason.contains("not applied") { return "no relief application" }
        if reason.contains("cap") { return "credit line over the cap" }
        return reason
    }

    /// The month's bridge register as the fund's clerks would keep it (Samples/bridge-register.csv):
    /// 40 advances through March 2020 to firms of the sample book, each repaid after 2 to 17 days
    /// (a few breach the 15-day maximum), an advance left out when the fund's cash (30 million
    /// capital) could not cover it that day.
    static func bridgeRegisterCSV() throws -> String {
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
            try BridgeFund.setAccount("37001600000000001", name: "济宁市应急转贷基金", journal.db)
            var book = try BridgeBook(journal.db)
            _ = try book.moveCapital(Money(yuan: 30_000_000), on: start, reference: "demo-capital", journal: &journal)
            let recorded = try BridgeRegisterImport.record(rows.map { ($0, registerPath) }, journal: &journal)
            guard recorded.problems.isEmpty else { throw ImportFailure(problems: recorded.problems) }
        }
        let register = try store.read { db in try BridgeFund.register(db) }
        return BridgeReport.compute(register, from: start, to: try CivilDate(parsing: "2020-03-31"), maximumDays: 15)
    }

    /// 40 firms without bank loans identified in March 2020, four counsellors, each firm
    /// carried a deterministic number of stages; those disbursed get their first loan booked.
    /// The cultivation list (Samples/cultivation.csv): 40 firms without bank loans identified in
    /// March 2020, with the columns `relief firstloan enterprise import` reads.
    static func cultivationCSV() throws -> String {
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
            let db = journal.db
            for counsellor in 1...4 {
                _ = try FirstLoanBook.addCounsellor(try CounsellorID(validating: "C00\(counsellor)"), name: ["张明", "李华", "王芳", "刘强"][counsellor - 1], db)
            }
            for row in rows { _ = try FirstLoanBook.register(row.registration, db) }
            for index in 0..<40 {
                let firm = SamplePortfolio.enterprise(10_000 + index)
                let day = identified.adding(days: index % 10)
                _ = try FirstLoanBook.assign(try CounsellorID(validating: "C00\(index % 4 + 1)"), to: firm.code, on: day, db)
                let bank = SamplePortfolio.banks[index % SamplePortfolio.banks.count]
                let reached = index % 5  // 0: identified only ... 4: disbursed
                let path: [CultivationStage] = [.counselled, .applied, .approved, .disbursed]
                for (step, stage) in path.prefix(reached).enumerated() {
                    _ = try FirstLoanBook.move(firm.code, to: stage, on: day.adding(days: 10 * (step + 1)), bank: bank, db)
                }
                if reached == 1 && index % 2 == 1 { _ = try FirstLoanBook.move(firm.code, to: .withdrawn, on: day.adding(days: 30), bank: nil, db) }
                if reached == 4 {
                    let disbursed = day.adding(days: 40)
                    let terms = try LoanTerms(principal: Money(yuan: Int64(300_000 + index * 10_000)), annualRate: Rate(percent: 415, per: 100),
                                              start: disbursed, termMonths: 12, method: .interestOnly)
                    let loan = LoanRecord(id: try LoanID(validating: "FL2020\(100 + index)"),
                                          enterprise: EnterpriseRecord(code: firm.code, name: firm.name, size: index % 3 == 0 ? .micro : .small,
                                                                       county: firm.county),
                                          bank: bank, terms: terms, creditLine: nil, applied: nil)
                    _ = try LoanBook.add(loan, journal: &journal)
                }
            }
        }
        let register = try store.read { db in try FirstLoanBook.cultivationRegister(db) }
        return FirstLoanReport.compute(register, from: identified, to: try CivilDate(parsing: "2020-06-30"))
    }

    /// The fund account's camt.053 for March 2020 as its bank would send it: the capital in,
    /// each advance out and each repayment with its fee in (EndToEndId = the advance id); the
    /// bank took a 200.00 charge off one repayment and booked a USD credit by mistake, so the
    /// reconciliation has something to show.
    static func fundStatement(_ store: LedgerStore, through end: CivilDate) throws -> String {
        let register = try store.read { db in try BridgeFund.register(db) }
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

    static func workedExamples() throws -> String {
        let calculator = ScheduleCalculator()
        var text = ""
        let checks: [(String, Money, Int, RepaymentMethod, Money)] = [
            ("1,000,000 at 4.90% over 360 months, annuity", Money(yuan: 1_000_000), 360, .annuity, Money(fen: 530_727)),
            ("1,000,000 at 4.90% over 240 months, annuity", Money(yuan: 1_000_000), 240, .annuity, Money(fen: 654_444)),
            ("630,000 at 4.90% over 360 months, annuity", Money(yuan: 630_000), 360, .annuity, Money(fen: 334_358)),
            ("630,000 at 4.90% over 360 months, equal principal, month 1", Money(yuan: 630_000), 360, .equalPrincipal, Money(fen: 432_250)),
        ]
        for (label, principal, months, method, published) in checks {
            let terms = try LoanTerms(principal: principal, annualRate: Rate(percent: 490, per: 100),
                                      start: try CivilDate(year: 2020, month: 1, day: 15), termMonths: months, method: method)
            let first = try calculator.schedule(for: terms).installments[0].payment
            text += "   \(label): \(first.formatted(grouped: true)) \(first == published ? "matches" : "DIFFERS from") the published \(published.formatted(grouped: true))\n"
        }
        let bullet = try LoanTerms(principal: Money(yuan: 1_000_000), annualRate: Rate(percent: 435, per: 100),
                                   start: try CivilDate(parsing: "2019-03-01"), termMonths: 12, method: .bullet)
        guard let programme = ReliefProgramme.preset(named: "2020") else { return text }
        let deferral = DeferralCalculator(programme: programme).apply(to: try calculator.schedule(for: bullet))
        let ordinary = deferral.totals.interestOnDeferredPrincipal
        text += "   1,000,000 at 4.35% deferred 121 days: ordinary interest \(ordinary.formatted(grouped: true)) \(ordinary == Money(fen: 1_462_083) ? "matches" : "DIFFERS from") the published 14,620.83\n"
        return text
    }
}
