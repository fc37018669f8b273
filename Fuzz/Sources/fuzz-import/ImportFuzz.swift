import Foundation
import FuzzSupport
import ReliefApp
import ReliefDomain
import ReliefLedger

/// `relief import` of one file into a fresh ledger, whatever the file's kind (loan CSV,
/// registers, statements, loan books: recognised as the CLI recognises them): either every
/// record is written and the ledger's invariants hold, or the import is refused with problems
/// at lines inside the input and nothing at all is written.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-fuzz-import-\(getpid())")
    try? FileManager.default.removeItem(at: folder)
    guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return 0 }
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("input")
    guard (try? Data(bytes: data, count: size).write(to: file)) != nil,
          let ledger = try? LedgerStore.create(at: folder.appendingPathComponent("relief.sqlite").path) else { return 0 }
    let lines = lineCount(UnsafeRawBufferPointer(start: data, count: size))
    let empty = (try? LedgerListings.journalSize(ledger)) ?? (entries: -1, postings: -1)
    let request = ImportWorkflow.Request(files: [file.path], today: CivilDate(daysSinceEpoch: 18_444))  // 2020-07-01
    do {
        let summary = try ImportWorkflow.run(request, ledger: { ledger })
        require(summary.problems.isEmpty, "an import that succeeded with \(summary.problems.count) problems")
        let check = try ledger.read { db in try LedgerCheck.run(db) }
        require(check.isClean, "an import left the ledger inconsistent: \(check.violations.prefix(3))")
    } catch let refusal as ImportWorkflow.Refusal {
        require(!refusal.summary.problems.isEmpty, "a refusal without a problem")
        for problem in refusal.summary.problems {
            require(problem.line >= 1 && problem.line <= lines + 1, "a problem at line \(problem.line) of \(lines): \(problem.message)")
        }
        let after = (try? LedgerListings.journalSize(ledger)) ?? (entries: -2, postings: -2)
        require(after == empty, "a refused import wrote \(after.entries - empty.entries) journal entries")
        require(((try? LoanWorkflow.page(ledger, bank: nil, query: nil, page: 1).total) ?? -1) == 0, "a refused import booked loans")
    } catch {
        // A refusal of another kind (a missing file, a ledger error that is not the input's).
        require(!"\(error)".isEmpty, "an error without a message")
    }
    return 0
}
