import Foundation
import GRDB
@testable import ReliefApp
import ReliefLedger
import ReliefInterchange
import ReliefTestSupport
import Testing

/// The statement helpers the reconcile and import workflows use.
@Suite struct StatementImportTests {
    @Test func detectsLoadsAndStoresIdempotently() throws {
        #expect(StatementImport.isCamt(Array(Fixtures.camtStatement.utf8)))
        #expect(!StatementImport.isCamt(Array("loan_id,borrower\nA,B\n".utf8)))
        #expect(!StatementImport.isCamt(Array("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"/>".utf8)))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-app-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("s.xml")
        try Data(Fixtures.camtStatement.utf8).write(to: file)
        #expect(throws: WorkflowError.missingInput("no statement file at \(folder.appendingPathComponent("none.xml").path)")) {
            _ = try StatementImport.load(folder.appendingPathComponent("none.xml").path)
        }
        // Over the limit: a located problem of the file (exit 65), not a missing file (66).
        let limited = #expect(throws: ImportFailure.self) { _ = try StatementImport.load(file.path, maximumBytes: 100) }
        #expect(limited?.problems.first?.description.hasPrefix("s.xml:1: the file is ") == true)
        let loaded = try StatementImport.load(file.path)
        #expect(loaded.statement.entries.count == 3)

        let store = try LedgerStore.create(at: folder.appendingPathComponent("l.sqlite").path)
        let first = try store.write { db in StatementImport.summary(try StatementImport.store(loaded, db), loaded) }
        let second = try store.write { db in StatementImport.summary(try StatementImport.store(loaded, db), loaded) }
        #expect(first.imported == 3 && first.duplicates == 0)
        #expect(second.imported == 0 && second.duplicates == 3)
    }
}
