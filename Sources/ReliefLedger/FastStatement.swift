import GRDB
import GRDBSQLite

/// A GRDB prepared statement driven through SQLite's C API: bound and stepped without
/// building an arguments array per row.
///
/// Measured on the build machine, GRDB's `execute(arguments:)` costs about a microsecond
/// per row in argument handling; journal recording and loan booking run millions of rows,
/// so their inserts bind with `sqlite3_bind_*` directly (the statement is still prepared,
/// cached and finalized by GRDB). Errors become `DatabaseError`s like GRDB's own.
struct FastStatement {
    let statement: Statement
    let connection: SQLiteConnection
    /// Where bound text is copied when the caller keeps the statement's bindings no longer
    /// than one run (`BatchInsert`): SQLite then reads it in place (SQLITE_STATIC) instead of
    /// copying every value into memory of its own.
    let arena: TextArena?

    /// SQLite copies bound text before returning (SQLITE_TRANSIENT, which Swift does not import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String, arena: TextArena? = nil) throws {
        statement = try db.cachedStatement(sql: sql)
        connection = db.sqliteConnection ?? { preconditionFailure("database connection is closed") }()
        self.arena = arena
    }

    private var handle: SQLiteStatement { statement.sqliteStatement }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }

    func bind(_ index: Int32, _ value: String) {
        var text = value
        text.withUTF8 { bytes in
            if let arena {
                sqlite3_bind_text(handle, index, arena.copy(bytes), Int32(bytes.count), nil)  // nil: SQLITE_STATIC
            } else {
                _ = bytes.withMemoryRebound(to: CChar.self) { characters in
                    sqlite3_bind_text(handle, index, characters.baseAddress, Int32(characters.count), FastStatement.transient)
                }
            }
        }
    }

    /// Unbinds every parameter: no pointer into an arena stays bound once it is reused.
    func clearBindings() { sqlite3_clear_bindings(handle) }

    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Runs a statement that returns no row.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a query and returns the first column of its first row as an integer, if any.
    func fetchInt64() throws -> Int64? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
        case SQLITE_DONE: return nil
        default: throw error(code)
        }
    }

    /// Runs a query, calling `body` with each row; `Row` reads its columns by index.
    func forEachRow(_ body: (Row) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: try body(Row(handle: handle))
            case SQLITE_DONE: return
            default: throw error(code)
            }
        }
    }

    /// The current row of a stepping statement.
    struct Row {
        let handle: SQLiteStatement

        func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
        func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
        func text(_ column: Int32) -> String {
            guard let bytes = sqlite3_column_text(handle, column) else { return "" }
            return String(cString: bytes)
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
    }
}

/// Text bound to statements for one run, copied into chunks that stay put until `reset`.
///
/// SQLite copies text bound with SQLITE_TRANSIENT into an allocation of its own, and frees it
/// when the value is replaced: measured, about 750 instructions a value, 15 k a loan booked
/// by an import. Bound with SQLITE_STATIC, the text must stay where it is until the statement
/// has run and its bindings are cleared; a chunk is never moved, so the pointers handed out
/// stay valid until `reset`.
final class TextArena {
    static let chunkBytes = 1 << 16
    private var chunks: [UnsafeMutableRawPointer] = []
    /// Values larger than a chunk, each in an allocation of its own until `reset`.
    private var large: [UnsafeMutableRawPointer] = []
    private var chunk = -1
    private var offset = TextArena.chunkBytes

    /// A copy of `bytes`, valid until `reset` (never nil, also for no bytes).
    func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<CChar> {
        let count = bytes.count
        let target: UnsafeMutableRawPointer
        if count > TextArena.chunkBytes {
            target = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 1)
            large.append(target)
        } else {
            if chunk < 0 || offset + count > TextArena.chunkBytes {
                chunk += 1
                if chunk == chunks.count { chunks.append(UnsafeMutableRawPointer.allocate(byteCount: TextArena.chunkBytes, alignment: 1)) }
                offset = 0
            }
            target = chunks[chunk] + offset
            offset += count
        }
        if let base = bytes.baseAddress, count > 0 { target.copyMemory(from: base, byteCount: count) }
        return UnsafePointer(target.assumingMemoryBound(to: CChar.self))
    }

    /// Forgets every copy (the chunks are kept for the next run).
    func reset() {
        for allocation in large { allocation.deallocate() }
        large.removeAll()
        chunk = -1
        offset = TextArena.chunkBytes
    }

    deinit {
        reset()
        for allocation in chunks { allocation.deallocate() }
    }
}
