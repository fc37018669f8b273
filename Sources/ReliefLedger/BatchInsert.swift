import GRDB

/// Multi-row `INSERT ... VALUES (...), (...)` statements, one per row count, so that a batch
/// of rows costs one statement (and one statement journal) instead of one per row.
struct BatchInsert {
    let prefix: String
    let columns: Int
    /// Text after the rows, such as an `ON CONFLICT` clause.
    let suffix: String

    /// At most this many rows per statement: far below SQLite's limit of 32,766 bound values
    /// for the widest table, and large enough to amortize each statement.
    static let rowsPerStatementMax = 256

    /// `prefix` is `INSERT INTO table(col, ...) VALUES`; `columns` the number of values per row.
    /// The statements of the row counts most batches have (one row; a journal flush's
    /// entries; a full statement), built once.
    private let prebuilt: [Int: String]

    init(_ prefix: String, columns: Int, suffix: String = "") {
        self.prefix = prefix
        self.columns = columns
        self.suffix = suffix
        var prebuilt: [Int: String] = [:]
        for rows in [1, 128, BatchInsert.rowsPerStatementMax] {
            prebuilt[rows] = BatchInsert.sql(prefix, columns: columns, rows: rows, suffix: suffix)
        }
        self.prebuilt = prebuilt
    }

    static func sql(_ prefix: String, columns: Int, rows: Int, suffix: String) -> String {
        let placeholders = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return prefix + " " + Array(repeating: placeholders, count: rows).joined(separator: ", ") + " " + suffix
    }

    /// Inserts `count` rows; `bind(statement, row, firstParameter)` binds row `row`'s values
    /// starting at 1-based parameter `firstParameter`.
    ///
    /// Text is bound without SQLite copying it (`TextArena`): the copies live until the
    /// statement has run and its bindings are cleared.
    func insert(_ db: Database, count: Int, bind: (FastStatement, Int, Int32) -> Void) throws {
        let arena = TextArena()
        var start = 0
        while start < count {
            let rows = min(BatchInsert.rowsPerStatementMax, count - start)
            let sql = prebuilt[rows] ?? BatchInsert.sql(prefix, columns: columns, rows: rows, suffix: suffix)
            let statement = try FastStatement(db, sql, arena: arena)
            defer {
                statement.clearBindings()
                arena.reset()
            }
            for row in 0..<rows {
                bind(statement, start + row, Int32(row * columns + 1))
            }
            try statement.execute()
            start += rows
        }
    }
}
