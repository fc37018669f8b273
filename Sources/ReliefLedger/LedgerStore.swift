import Foundation
import GRDB

/// The ledger database: one SQLite file in WAL mode with foreign keys on and a busy timeout.
///
/// `create` makes a new file (`relief init`); `open` never creates one (a missing file is
/// `LedgerError.missingDatabase`). Every `write` is one IMMEDIATE transaction: it either
/// commits whole or leaves the file exactly as it was, also when the process is killed.
public final class LedgerStore: Sendable {
    public let path: String
    let queue: DatabaseQueue
    let busyTimeoutSeconds: Int

    /// How long a write waits by default for another process's transaction before giving up
    /// (exit 75).
    public static let defaultBusyTimeoutSeconds = 10

    private init(path: String, queue: DatabaseQueue, busyTimeoutSeconds: Int) {
        self.path = path
        self.queue = queue
        self.busyTimeoutSeconds = busyTimeoutSeconds
    }

    /// What every connection to a ledger sets beside WAL mode and foreign keys (the
    /// benchmarks' SQLite-alone baselines open theirs with the same):
    /// - WAL with NORMAL sync: a committed transaction survives a process crash; a power cut
    ///   may lose the last commits but never corrupts the file;
    /// - statement journals (each insert that fires a trigger or checks a foreign key gets
    ///   one) and sorts stay in memory instead of temporary files;
    /// - a larger page cache keeps the journal's indexes resident during big imports (32 MiB).
    package static let connectionPragmas = ["PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -32768"]

    static func configuration(busyTimeoutSeconds: Int) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(TimeInterval(busyTimeoutSeconds))
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            for pragma in LedgerStore.connectionPragmas { try db.execute(sql: pragma) }
        }
        return configuration
    }

    /// Creates a new ledger at `path`; refuses a path that already holds a file (an empty file
    /// holds nothing: SQLite makes it a database).
    public static func create(at path: String, busyTimeoutSeconds: Int = defaultBusyTimeoutSeconds) throws -> LedgerStore {
        if FileManager.default.fileExists(atPath: path),
           ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue != 0 {
            throw LedgerError.alreadyExists(path: path)
        }
        let queue = try mapErrors(path: path, timeout: busyTimeoutSeconds) {
            try DatabaseQueue(path: path, configuration: configuration(busyTimeoutSeconds: busyTimeoutSeconds))
        }
        try mapErrors(path: path, timeout: busyTimeoutSeconds) { try LedgerSchema.migrator().migrate(queue) }
        return LedgerStore(path: path, queue: queue, busyTimeoutSeconds: busyTimeoutSeconds)
    }

    /// Opens an existing ledger, applying any migration added since it was created.
    public static func open(at path: String, busyTimeoutSeconds: Int = defaultBusyTimeoutSeconds) throws -> LedgerStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw LedgerError.missingDatabase(path: path)
        }
        // Opening writes (WAL mode is set, GRDB probes with a table of its own): a file that
        // cannot be a ledger is refused from its header first, so that it is left untouched.
        if let reason = notALedgerReason(path) { throw LedgerError.notALedger(path: path, reason: reason) }
        let timeout = busyTimeoutSeconds
        let queue = try mapErrors(path: path, timeout: timeout) {
            try DatabaseQueue(path: path, configuration: configuration(busyTimeoutSeconds: timeout))
        }
        let migrator = LedgerSchema.migrator()
        let applied = try mapErrors(path: path, timeout: timeout) { try queue.read { db in try migrator.appliedIdentifiers(db) } }
        guard applied.contains("v1-ledger-and-loans") else {
            throw LedgerError.notALedger(path: path, reason: .noSchema)
        }
        if try mapErrors(path: path, timeout: timeout, { try queue.read { db in try !migrator.hasCompletedMigrations(db) } }) {
            try mapErrors(path: path, timeout: timeout) { try migrator.migrate(queue) }
        }
        return LedgerStore(path: path, queue: queue, busyTimeoutSeconds: timeout)
    }

    /// Why the file at `path` cannot be a ledger, found without writing to it; nil when it may
    /// be one. Its first 100 bytes say whether it is a SQLite database at all; one not in WAL
    /// mode (every ledger is, once opened by relief; a copy may not be) is looked into through
    /// a read-only connection for the ledger's first migration.
    static func notALedgerReason(_ path: String) -> LedgerError.NotALedger? {
        let type = (try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular { return .notRegularFile }  // reading a pipe would wait
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }  // the open says why
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        if header.isEmpty { return .emptyFile }
        guard header.count == 100, header.starts(with: Array("SQLite format 3\u{0}".utf8)) else {
            return .notSQLite
        }
        if header[18] == 2 && header[19] == 2 { return nil }
        var readOnly = Configuration()
        readOnly.readonly = true
        let holdsLedger = (try? DatabaseQueue(path: path, configuration: readOnly).read { db in
            try db.tableExists("grdb_migrations")
                && (try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = 'v1-ledger-and-loans')") ?? false)
        }) ?? false
        return holdsLedger ? nil : .noSchema
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it commits, or nothing does.
    public func write<T>(_ body: (LedgerTransaction) throws -> T) throws -> T {
        try writeDatabase { db in try body(LedgerTransaction(db)) }
    }

    /// `write` with the connection itself, for this module's queries.
    func writeDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try LedgerStore.mapErrors(path: path, timeout: busyTimeoutSeconds) {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    LedgerStore.pauseBeforeCommitForTests()
                    return .commit
                }
                guard let result else { throw LedgerError.rule("the transaction produced no result") }
                return result
            }
        }
    }

    /// The test-only pause point: when `RELIEF_TEST_PAUSE_BEFORE_COMMIT` names a file, a write
    /// that has done all its work creates that file and stops before its commit, so that a
    /// test can kill the process inside the transaction deterministically (a timed kill raced
    /// the commit on a fast machine). Unset, as for every user, it costs one dictionary look-up
    /// per transaction.
    static let pauseMarkerPath = ProcessInfo.processInfo.environment["RELIEF_TEST_PAUSE_BEFORE_COMMIT"]

    static func pauseBeforeCommitForTests() {
        guard let marker = pauseMarkerPath, !marker.isEmpty else { return }
        _ = FileManager.default.createFile(atPath: marker, contents: Data("\(getpid())\n".utf8))
        while true { sleep(60) }  // until the test kills the process
    }

    /// Runs `body` with a journal in one IMMEDIATE transaction; the journal's buffered
    /// entries are written before the commit, each recording `user` as the account that made
    /// it (nil at the command line).
    public func writeJournal<T>(as user: String? = nil, _ body: (inout Journal) throws -> T) throws -> T {
        try writeDatabase { db in
            var journal = try Journal(db, user: user)
            let result = try body(&journal)
            try journal.flush()
            return result
        }
    }

    /// Runs `body` on a consistent snapshot.
    public func read<T>(_ body: (LedgerTransaction) throws -> T) throws -> T {
        try readDatabase { db in try body(LedgerTransaction(db)) }
    }

    /// `read` with the connection itself, for this module's queries.
    func readDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try LedgerStore.mapErrors(path: path, timeout: busyTimeoutSeconds) { try queue.read(body) }
    }

    /// Turns SQLite's busy, not-a-database and I/O codes into `LedgerError`s; others pass.
    static func mapErrors<T>(path: String, timeout: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw LedgerError.busy(path: path, timeoutSeconds: timeout)
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                throw LedgerError.notALedger(path: path, reason: .damaged(error.message ?? "not an SQLite database"))
            case .SQLITE_CANTOPEN:
                throw LedgerError.missingDatabase(path: path)
            case .SQLITE_READONLY:
                throw LedgerError.readOnly(path: path)
            default:
                // GRDB's description leaves the bound values out (they may be a borrower's data).
                throw LedgerError.storage(error.message ?? "\(error.resultCode)")
            }
        }
    }
}
