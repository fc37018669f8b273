import Foundation
import GRDB
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// The loan import end to end, as `relief import loans.csv` does it: the file's bytes read,
/// parsed and validated, each loan booked with its disbursement entry into a fresh ledger in
/// one transaction; then the loan CSV exported back from that ledger.
enum ImportBenchmarks {
    static func loanCSV(loans count: Int = 200_000) throws -> [Measurement] {
        let csvPath = FileManager.default.temporaryDirectory.appendingPathComponent("relief-bench-import-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: csvPath) }
        _ = FileManager.default.createFile(atPath: csvPath, contents: Data(InterchangeBenchmarks.loanCSV(count: count).utf8))
        let bytes = (try? FileManager.default.attributesOfItem(atPath: csvPath)[.size] as? Int) ?? 0
        let path = LedgerBenchmarks.freshPath("import")
        defer { LedgerBenchmarks.remove(path) }
        let store = try LedgerStore.create(at: path)

        let started = monotonicSeconds()
        guard let data = FileManager.default.contents(atPath: csvPath) else { throw LedgerError.rule("cannot read \(csvPath)") }
        let text = String(decoding: data, as: UTF8.self)
        // Booked as it is read, a chunk at a time, as `relief import` does (LoanImport.chunkSize).
        var added = 0
        try store.writeJournal { journal in
            guard let (_, problems) = try LoanCSV.forEachChunk(text: text, file: "loans.csv", chunkSize: 8_192, { rows in
                added += try LoanLedger.addAll(rows.map(\.loan), journal: &journal) { index, error in print("loan \(index) refused: \(error)") }.added
            }), problems.isEmpty else {
                throw LedgerError.rule("the generated loan CSV did not read cleanly")
            }
        }
        let seconds = monotonicSeconds() - started
        guard added == count else { throw LedgerError.rule("\(added) of \(count) loans booked") }
        let megabytes = "\(bytes / 100_000 / 10).\(bytes / 100_000 % 10) MB"
        let imported = Measurement(name: "loan CSV import end to end (\(megabytes): read, parse, validate, book loan + disbursement entry)",
                                   items: count, unit: "loans", seconds: seconds)
        let throughput = Measurement(name: "  the same import as bytes", items: bytes, unit: "bytes", seconds: seconds)
        let floor = try sqliteAlone(copying: path, loans: count)

        let exportStarted = monotonicSeconds()
        let exported = try store.read { db -> Int in
            var text = LoanCSV.header().joined(separator: ",") + "\r\n"
            var written = 0
            for loan in try LoanLedger.fetchRecords(nil, db) {
                text += LoanCSV.fields(loan).map { $0.utf8.contains(UInt8(ascii: ",")) ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\r\n"
                written += 1
            }
            _ = FileManager.default.createFile(atPath: csvPath, contents: Data(text.utf8))
            return written
        }
        let export = Measurement(name: "loan CSV export of those loans", items: exported, unit: "loans",
                                 seconds: monotonicSeconds() - exportStarted)
        return [imported, throughput, floor, export]
    }

    /// SQLite's own share: the rows that import wrote (its enterprises, loans, entries and
    /// transfers) copied by SQL alone into another fresh ledger, in one transaction with every
    /// constraint, index and foreign key of the schema, and no Swift per row. No import that
    /// writes these rows can be faster than this on this machine.
    static func sqliteAlone(copying source: String, loans count: Int) throws -> Measurement {
        let path = LedgerBenchmarks.freshPath("import-by-sql")
        defer { LedgerBenchmarks.remove(path) }
        do { _ = try LedgerStore.create(at: path) }  // the schema, then closed
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            for pragma in LedgerStore.connectionPragmas { try db.execute(sql: pragma) }
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let seconds = try queue.writeWithoutTransaction { db -> Double in
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source])
            // The source read from its main file, not through its write-ahead log.
            try db.execute(sql: "PRAGMA source.wal_checkpoint(TRUNCATE)")
            let started = monotonicSeconds()
            try db.inTransaction(.immediate) {
                for table in ["import_batches", "enterprises", "loans", "journal_entries", "transfers"] {
                    try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM source.\(table)")
                }
                return .commit
            }
            let seconds = monotonicSeconds() - started
            let copied = try Int.fetchOne(db, sql: "SELECT count(*) FROM main.loans") ?? 0
            guard copied == count else { throw LedgerError.rule("\(copied) of \(count) loans copied by SQL") }
            return seconds
        }
        return Measurement(name: "  SQLite alone writing the same rows (INSERT ... SELECT into a fresh ledger, no Swift)", items: count,
                           unit: "loans", seconds: seconds)
    }
}
