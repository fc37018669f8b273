import Foundation
import Testing

/// A loan booked with half-even rounding keeps it through the loan book: written as
/// `rounding="half-even"` on its <Loan>, imported into a fresh ledger with its schedule rows
/// (each interest a tie, 10,001.00 x 0.5% = 50.005: 50.00 half-even, 50.01 half-up), and
/// exported again byte for byte. Booking the id again with the other rounding is refused.
@Suite struct LoanRoundingTransferTests {
    @Test func aHalfEvenLoanRoundTrips() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String], status: Int32 = 0) throws -> ReliefProcess.Result {
            let result = try ReliefProcess.run(arguments, in: folder)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            return result
        }
        let loan = ["loans", "add", "--id", "HE-1", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", "91350100M000100Y43",
                    "--size", "small", "--county", "任城区", "--bank", "济宁银行", "--principal", "10001", "--rate", "6%",
                    "--start", "2020-01-15", "--months", "3", "--method", "interest-only", "--day-count", "30/360"]
        _ = try run(["init"])
        _ = try run(loan + ["--rounding", "half-even"])
        let refused = try run(loan, status: 65)
        #expect(refused.stderr.contains("rounded half-even, not half-up"), "\(refused.stderr)")
        _ = try run(["loans", "repay", "--id", "HE-1", "--period", "1", "--date", "2020-02-15"])
        _ = try run(["export", "loanbook", "--out", "book.xml"])
        let book = try String(contentsOf: folder.appendingPathComponent("book.xml"), encoding: .utf8)
        #expect(book.contains("rounding=\"half-even\""), "\(book)")
        _ = try run(["init", "--db", "copy.sqlite"])
        _ = try run(["import", "book.xml", "--db", "copy.sqlite"])
        _ = try run(["export", "loanbook", "--db", "copy.sqlite", "--out", "again.xml"])
        #expect(try String(contentsOf: folder.appendingPathComponent("again.xml"), encoding: .utf8) == book)
        let shown = try run(["loans", "show", "HE-1", "--db", "copy.sqlite", "--format", "csv"]).stdout
        #expect(shown.contains("50.00") && !shown.contains("50.01"), "\(shown)")
        #expect(try run(["ledger", "trial-balance", "--format", "json"]).stdout
                == (try run(["ledger", "trial-balance", "--db", "copy.sqlite", "--format", "json"]).stdout))
        _ = try run(["ledger", "check", "--db", "copy.sqlite"])
    }
}
