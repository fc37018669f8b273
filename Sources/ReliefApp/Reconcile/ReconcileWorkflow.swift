import Foundation
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
    /// reconciles it. `name` is what the person knows the file by (an upload's name, not where
    /// the server saved it): the report and the problems use it.
    /// With `bank` (a bank account's reconciliation), the statement is matched against that
    /// bank's loans' repayments only.
    public static func run(path: String, name: String? = nil, encoding: TextEncoding? = nil, bank: String? = nil, ledger: () throws -> LedgerStore,
                           notice: (String) -> Void = { _ in }) throws -> Result {
        do {
            return try reconcile(path: path, name: name, encoding: encoding, bank: bank, ledger: ledger, notice: notice)
        } catch let failure as ImportFailure where name != nil {
            throw ImportFailure(problems: failure.problems.map { ImportProblem(file: name ?? $0.file, line: $0.line, field: $0.field, message: $0.message) })
        }
    }

    static func reconcile(path: String, name: String?, encoding: TextEncoding?, bank: String?, ledger: () throws -> LedgerStore,
                          notice: (String) -> Void) throws -> Result {
        // A camt statement is stored as it is read (never held whole), then matched; a bank's
        // CSV export is read whole first.
        if StatementImport.isCamtFile(path) {
            let store = try ledger()
            let (statement, stored, report) = try store.write { db -> (CamtStatement, StatementLedger.Outcome, Reconciliation.Report) in
                let (statement, stored) = try StatementImport.storeStreaming(path, maximumBytes: CamtStatementReader.defaultMaximumBytes,
                                                                             keepingIDs: true, db)
                return (statement, stored, try Reconciliation.reconcile(entryIDs: stored.entryIDs, bank: bank, db))
            }
            for text in statement.notices { notice(text) }
            return Result(file: name ?? (path as NSString).lastPathComponent, statement: statement, stored: stored, report: report)
        }
        let loaded = try StatementImport.load(path, encoding: encoding)
        for text in loaded.statement.notices { notice(text) }
        let store = try ledger()
        let (stored, report) = try store.write { db -> (StatementLedger.Outcome, Reconciliation.Report) in
            let stored = try StatementImport.store(loaded, db)
            return (stored, try Reconciliation.reconcile(entryIDs: stored.entryIDs, bank: bank, db))
        }
        return Result(file: name ?? loaded.file, statement: loaded.statement, stored: stored, report: report)
    }
}
