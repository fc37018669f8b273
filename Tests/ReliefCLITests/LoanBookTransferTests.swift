import Foundation
@testable import ReliefCLI
import ReliefInterchange
import ReliefLedger
import Testing

/// Export a ledger built with the CLI as loan-book XML, import it into a fresh ledger, and
/// compare what the CLI shows of both (SPEC.md round-trip invariant, for what format 1 holds).
@Suite struct LoanBookTransferTests {
    @Test func exportThenImportGivesTheSameBooks() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.sqlite").path
        let second = folder.appendingPathComponent("b.sqlite").path
        func run(_ arguments: [String], _ database: String) throws -> ReliefProcess.Result {
            let result = try ReliefProcess.run(arguments + ["--db", database], in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try run(["init"], first)
        _ = try run(["loans", "add", "--id", "JN-2019-0001", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", "91350100M000100Y43",
                     "--size", "small", "--county", "任城区", "--bank", "济宁银行", "--principal", "1000000", "--rate", "4.35%",
                     "--start", "2019-12-15", "--months", "12", "--applied", "2020-02-10"], first)
        _ = try run(["loans", "repay", "--id", "JN-2019-0001", "--period", "1", "--date", "2020-01-15"], first)
        _ = try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--account", "37001234567", "--account-name", "济宁市应急转贷基金"], first)
        _ = try run(["bridge", "advance", "--id", "BR-001", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行", "--amount", "6000000",
                     "--date", "2020-03-02", "--account", "6222000000000001"], first)
        _ = try run(["bridge", "repay", "--id", "BR-001", "--date", "2020-03-06"], first)

        let book = folder.appendingPathComponent("book.xml").path
        let written = try LoanBookTransfer.export(database: try DatabaseOptions.parse(["--db", first]), out: book)
        // Records: the enterprise, the loan, its repayment, the fund's account, the capital, the
        // advance (its repayment is an attribute of the advance).
        #expect(written == 6)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: book)))
        #expect(LoanBookTransfer.isLoanBook(bytes))
        #expect(LoanBookSchema.validator.validate(bytes: bytes, file: "book.xml").isEmpty)

        _ = try run(["init"], second)
        let store = try LedgerStore.open(at: second)
        let summary = try store.writeJournal { journal in try LoanBookTransfer.record(path: book, journal: &journal) }
        #expect(summary.problems.isEmpty, "\(summary.problems)")
        // Events recorded: the loan, its repayment, the capital, the advance, the advance's repayment.
        #expect(summary.imported == 5)
        let again = try store.writeJournal { journal in try LoanBookTransfer.record(path: book, journal: &journal) }
        #expect(again.imported == 0 && again.problems.isEmpty)

        for command in [["loans", "list", "--format", "csv"], ["bridge", "list", "--format", "csv"],
                        ["ledger", "trial-balance", "--format", "json"], ["loans", "show", "JN-2019-0001", "--format", "csv"]] {
            #expect(try run(command, first).stdout == (try run(command, second).stdout), "\(command)")
        }
    }
}
