import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

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
    @Flag(help: "Then serve the demo's ledger (`relief serve`) with one account per role, passwords made for this run.") var serve = false
    @Option(help: ArgumentHelp("The port to serve on with --serve (0: one the system chooses).", valueName: "port"), transform: ValueParsers.count) var port = 8080

    func validate() throws {
        guard port <= 65_535 else { throw ValidationError("--port \(port) is not a port (0 to 65535)") }
    }

    func run() throws {
        let path: String
        let demo: DemoScenario.Result
        do {
            path = try db ?? DemoScenario.freshFolder().appendingPathComponent("relief.sqlite").path
            demo = try DemoScenario.run(ledgerPath: path)
        } catch WorkflowError.refused(let message) {
            throw CommandFailure(.dataError, "\(message) (--db PATH chooses where)")
        }
        try OutputFile(demo.reportPath, database: path).write(Data(HTMLReport(demo.report).render().utf8))
        StandardStreams.writeOut(DemoCommand.describe(demo))
        guard serve else { return }
        let store = try LedgerStore.open(at: path)
        let accounts = try DemoAccounts.add(store, today: try Today.resolve())
        try ServeCommand.serve(store, host: "127.0.0.1", port: port) { address in
            var text = "Open \(address)/ in a browser; the accounts of this run:\n"
            for account in accounts {
                text += "  sign in as \(account.name) / \(account.password) (\(account.role.rawValue)\(account.bank.map { ", \($0)" } ?? ""))\n"
            }
            StandardStreams.writeOut(text + "Stop with Ctrl-C.\n")
        }
    }

    /// What a bank officer reads: each step with its figures.
    static func describe(_ demo: DemoScenario.Result) -> String {
        let path = demo.ledgerPath
        var text = "CreditRelief demo: the 2020 SME credit-relief policy, exact to the fen\nLedger: \(path)\n\n"
        text += "1. Loan book: imported \(demo.loansImported) loans from \(demo.loansPath) (Chinese headers), \(demo.lent.formatted(grouped: true)) CNY lent by \(demo.banks) banks\n\n"
        text += "2. " + DeferralReport.describe(demo.programme).replacingOccurrences(of: "\n", with: "\n   ") + "\n"
        text += PortfolioDeferralReport(programme: demo.programme, summary: demo.deferral).summaryTable(indent: "   ")
        for (reason, count) in demo.refusalKinds { text += "   refused: \(count) x \(reason)\n" }
        text += "\n"
        text += "3. Emergency bridge fund, March 2020 (15 days at most, 0.08% a day), register imported from \(demo.registerPath):\n"
        text += BridgeReportOutput(report: demo.bridge).table().split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n") + "\n"
        let reconciliation = demo.reconciliation
        text += "   Statement \(demo.statementPath) (camt.053) reconciled: \(reconciliation.matched.count) entries matched, "
            + "\(reconciliation.mismatched.count) amount mismatch\(reconciliation.mismatched.count == 1 ? "" : "es"), "
            + "\(reconciliation.unmatchedEntries.count) statement entr\(reconciliation.unmatchedEntries.count == 1 ? "y" : "ies") and "
            + "\(reconciliation.unmatchedEvents.count) ledger event\(reconciliation.unmatchedEvents.count == 1 ? "" : "s") unmatched, "
            + "\(reconciliation.notReconcilable.count) not in CNY\n"
        for mismatch in reconciliation.mismatched {
            text += "   mismatch: \(mismatch.event.label) differs by \(mismatch.difference.formatted(grouped: true))\n"
        }
        text += "\n"
        let figures = demo.cultivation.totals
        text += "4. First-loan cultivation (首贷培植), March to June 2020, list imported from \(demo.cultivationPath): \(figures.underCultivation) firms under cultivation, "
            + "\(figures.firstLoanBorrowers) first loans of \(figures.firstLoanAmount.formatted(grouped: true)) CNY, first-loan rate "
            + "\(Decimals.format(figures.firstLoanRateTenThousandths, decimals: 4)); funnel "
            + CultivationStage.pipeline.map { "\($0.rawValue) \(figures.reached($0))" }.joined(separator: ", ") + "\n\n"
        let check = demo.check
        text += "5. Ledger check: \(check.isClean ? "every invariant holds" : "\(check.violations.count) VIOLATIONS") over \(demo.journalEntries) journal entries and \(demo.postings) postings (\(check.checked.count) invariants)\n\n"
        text += "6. HTML report with charts: \(demo.reportPath) (open it in any browser; no network needed)\n\n"
        text += "7. Published worked examples (RULES.md), recomputed:\n"
        for example in demo.workedExamples {
            text += "   \(example.label) \(example.computed.formatted(grouped: true)) \(example.computed == example.published ? "matches" : "DIFFERS from") the published \(example.published.formatted(grouped: true))\n"
        }
        text += "\nExplore: relief loans list --db \(path)\n         relief bridge report --db \(path) --to 2020-03-31\n         relief ledger trial-balance --db \(path)\n"
        return text
    }
}
