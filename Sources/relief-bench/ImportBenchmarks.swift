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
                added += try LoanBook.addAll(rows.map(\.loan), journal: &journal) { index, error in print("loan \(index) refused: \(error)") }.added
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

        let exportStarted = monotonicSeconds()
        let exported = try store.read { db -> Int in
            var text = LoanCSV.header().joined(separator: ",") + "\r\n"
            var written = 0
            for loan in try LoanBook.fetchRecords(nil, db) {
                text += LoanCSV.fields(loan).map { $0.utf8.contains(UInt8(ascii: ",")) ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\r\n"
                written += 1
            }
            _ = FileManager.default.createFile(atPath: csvPath, contents: Data(text.utf8))
            return written
        }
        let export = Measurement(name: "loan CSV export of those loans", items: exported, unit: "loans",
                                 seconds: monotonicSeconds() - exportStarted)
        return [imported, throughput, export]
    }
}
