import ReliefApp
import ReliefInterchange
import ReliefLedger

/// `relief export loanbook`: the ledger's records (`LedgerStore.exportLoanBook`) through the
/// loan-book writer, to `--out` or stdout.
enum LoanBookExportCommand {
    /// Writes the database as a loan book to `out` (or stdout); returns the records written.
    @discardableResult
    static func export(database: DatabaseOptions, out: String?) throws -> Int {
        let file = try out.map { try OutputFile($0, database: database.path) }
        let store = try database.open()
        var written = 0
        do {
            // Records go to the writer as they are read: memory stays flat in the ledger's size.
            if let file {
                // Written beside the target and renamed when complete: a failure half-way
                // leaves no truncated loan book behind.
                try file.write { path in written = try LoanBookTransfer.export(store, to: path) }
            } else {
                let writer = try LoanBookWriter()
                try store.exportLoanBook { record in try writer.write(record); written += 1 }
                StandardStreams.writeOut(String(decoding: try writer.finish() ?? [], as: UTF8.self))
            }
        } catch let problem as LoanBookWriter.Problem {
            throw CommandFailure(.dataError, problem.description)
        } catch let problem as PaymentInitiationWriter.Problem {
            throw CommandFailure(.software, problem.description)
        }
        return written
    }
}
