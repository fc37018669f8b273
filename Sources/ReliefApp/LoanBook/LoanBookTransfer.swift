import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger

/// The whole ledger as loan-book XML and back: `relief export loanbook` (`export`) and
/// `relief import` of a loan book (`isLoanBook`, `record`).
///
/// Export writes format revision 2: every enterprise, then every event in the order the
/// journal recorded it (loans, repayments, accruals, programme runs and their deferrals,
/// extensions, renewals, bridge capital, advances with their own terms, bridge repayments,
/// entries without a register and their reversals), the fund's terms and account, the
/// current schedules that differ from their terms', the cultivation history, the imported
/// bank statements with every column of their stored entries (amounts exact: mantissa, scale
/// and currency as written, never fen; each entry under the key it was stored with) and the
/// reconciliation matches (a capital movement or a loan repayment named by its journal
/// entry's key, so a match holds in whatever ledger the book is imported into). Import
/// replays the events through the ledger's own APIs, so the entries are made the same way,
/// and checks what it can against the file: each deferral's figures, each renewal's new
/// terms and each written schedule row (a difference is a located problem, and the caller
/// writes nothing). Revision 1 files import as before.
///
/// A loan booked with another rounding than half-up says so (`rounding` on its <Loan>) and is
/// booked again with it. Statements, entries and matches already stored (by digest, entry key,
/// and either side of a match) are duplicates, so a book imported twice stores nothing twice.
/// The import runs that booked loans (`import_batches`) are listed before their first loan and
/// logged in the importing ledger when one of their loans is booked there; runs that booked no
/// loan are the exporting ledger's log only.
public enum LoanBookTransfer {
    /// Writes the whole ledger as a loan book to the file at `path` (which the caller owns and
    /// renames into place when complete), records streamed from one snapshot as they are read;
    /// returns how many were written.
    @discardableResult
    public static func export(_ ledger: LedgerStore, to path: String) throws -> Int {
        let writer = try LoanBookWriter(path: path)
        var written = 0
        try ledger.exportLoanBook { record in try writer.write(record); written += 1 }
        _ = try writer.finish()
        return written
    }

    /// How far into a file the namespace is looked for.
    static let sniffBytes = 4096

    public static func isLoanBook(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes.prefix(sniffBytes), as: UTF8.self).contains(LoanBookSchema.namespace)
    }
}
