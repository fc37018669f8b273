import ArgumentParser
import ReliefLedger

/// `relief reconcile STATEMENT`: stores a bank statement's entries and matches them to the
/// ledger's bridge advances, repayments (with fees), capital movements and loan repayments.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match a bank statement (ISO 20022 camt.053/054) to the ledger's events.",
        discussion: """
            Matches by end-to-end reference first (EndToEndId or InstrId = the advance id or \
            the loan id), then by exact amount, direction and booking date within 3 days, \
            preferring the event whose counterparty agrees. Reports matched entries, amount \
            mismatches, entries and ledger events left unmatched, and entries in a currency \
            other than CNY (not reconcilable, never dropped). The statement's entries are \
            stored with their references; running it again stores and matches nothing twice.

            Example:
              relief reconcile statement.xml --format json
            """
    )

    @Argument(help: ArgumentHelp("The statement file (camt.053 or camt.054 XML).", valueName: "statement"))
    var statement: String
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let loaded = try StatementImport.load(statement)
        for notice in loaded.statement.notices { StandardStreams.writeError("relief: notice: \(notice)\n") }
        let store = try database.open()
        let (stored, report) = try store.write { db -> (StatementBook.Outcome, Reconciliation.Report) in
            let stored = try StatementImport.store(loaded, db)
            return (stored, try Reconciliation.reconcile(entryIDs: stored.entryIDs, db))
        }
        let rendering = ReconcileReport(file: loaded.file, statement: loaded.statement, stored: stored, report: report)
        switch output.format {
        case .json: StandardStreams.writeOut(rendering.json().rendered())
        case .csv: StandardStreams.writeOut(rendering.csv())
        case .table: StandardStreams.writeOut(rendering.table())
        }
    }
}
