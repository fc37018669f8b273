import GRDB
import ReliefDomain

/// The ledger's log of import runs (`import_batches`): each `relief import` is one batch
/// naming its files, its day and its counts, and the loans it booked point to it through
/// their disbursement entries, so where a loan came from can be told later (and carried to
/// another ledger by the loan book).
public enum ImportLog {
    /// One logged run.
    public struct Batch: Hashable, Sendable {
        public let id: Int64
        public let source: String
        public let recordedOn: CivilDate
        public let records: Int
        public let duplicates: Int
    }

    /// Opens a batch for the run importing `source` on `day`; its counts are set by `close`.
    public static func open(source: String, on day: CivilDate, _ db: LedgerTransaction) throws -> Int64 {
        let db = db.database
        return try record(source: source, on: day, records: 0, duplicates: 0, LedgerTransaction(db))
    }

    /// Logs a finished batch (one carried from another ledger); returns its id here.
    public static func record(source: String, on day: CivilDate, records: Int, duplicates: Int, _ db: LedgerTransaction) throws -> Int64 {
        let db = db.database
        try db.execute(sql: "INSERT INTO import_batches(source, recorded_on, records, duplicates) VALUES (?, ?, ?, ?)",
                       arguments: [source, day.description, records, duplicates])
        return db.lastInsertedRowID
    }

    public static func close(_ batch: Int64, records: Int, duplicates: Int, _ db: LedgerTransaction) throws {
        let db = db.database
        try db.execute(sql: "UPDATE import_batches SET records = ?, duplicates = ? WHERE id = ?", arguments: [records, duplicates, batch])
    }

    /// Batch `id`, or nil when there is none.
    public static func batch(_ id: Int64, _ db: LedgerTransaction) throws -> Batch? {
        let db = db.database
        return try Row.fetchOne(db, sql: "SELECT id, source, recorded_on, records, duplicates FROM import_batches WHERE id = ?", arguments: [id])
            .map(batch)
    }

    /// The batch that booked `loan` (its disbursement entry's), or nil when none did.
    public static func batch(ofLoan loan: LoanID, _ db: LedgerTransaction) throws -> Batch? {
        let db = db.database
        return try Row.fetchOne(db, sql: """
            SELECT b.id, b.source, b.recorded_on, b.records, b.duplicates FROM journal_entries e
            JOIN import_batches b ON b.id = e.batch_id WHERE e.idempotency_key = ?
            """, arguments: [EventKey.disbursement(loan)]).map(batch)
    }

    private static func batch(_ row: Row) throws -> Batch {
        let day: String = row["recorded_on"]
        guard let recordedOn = try? CivilDate(parsing: day) else {
            throw LedgerError.rule("import batch \(row["id"] as Int64) has a stored day '\(day)' that is not a date")
        }
        return Batch(id: row["id"], source: row["source"], recordedOn: recordedOn, records: row["records"], duplicates: row["duplicates"])
    }
}
