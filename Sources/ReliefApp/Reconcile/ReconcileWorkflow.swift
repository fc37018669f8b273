import ReliefInterchange
import ReliefLedger

/// `reconcile`: a statement (camt.053/054, or a bank's CSV export) stored and its entries
/// matched against the ledger's events, in one transaction.
public enum ReconcileWorkflow {
    /// What reconciling one statement found.
    public struct Result: Sendable {
        /// The statement file's name as problems and reports name it.
        public let file: String
        public let statement: CamtStatement
        /// What storing its entries did (new entries, duplicates).
        public let stored: StatementLedger.Outcome
        public let report: Reconciliation.Report
    }

    /// Reads the statement at `path` (a missing file is `WorkflowError.missingInput`, problems
    /// in it an `ImportFailure`), reports the reader's notices to `notice`, then stores and
    /// reconciles it.
    public static func run(path: String, encoding: TextEncoding? = nil, ledger: () throws -> LedgerStore,
                           notice: (String) -> Void = { _ in }) throws -> Result {
        let loaded = try StatementImport.load(path, encoding: encoding)
        for text in loaded.statement.notices { notice(text) }
        let store = try ledger()
        let (stored, report) = try store.write { db -> (StatementLedger.Outcome, Reconciliation.Report) in
            let stored = try StatementImport.store(loaded, db)
            return (stored, try Reconciliation.reconcile(entryIDs: stored.entryIDs, db))
        }
        return Result(file: loaded.file, statement: loaded.statement, stored: stored, report: report)
    }
}
