import Foundation
import Testing

/// A 2022-11 deferral's programme run keeps its maturity scope through the loan book:
/// exported as `maturingFrom`/`maturingUntil`, imported into a fresh ledger, exported again
/// byte for byte.
@Suite struct ProgrammeScopeTransferTests {
    @Test func theMaturityScopeRoundTrips() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result {
            let result = try ReliefProcess.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try run(["init"])
        // 12 months of equal principal from 2021-12-15: matures 2022-12-15, in Q4 2022.
        _ = try run(["loans", "add", "--id", "Q4-1", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", "91350100M000100Y43",
                     "--size", "small", "--county", "任城区", "--bank", "济宁银行", "--principal", "120000", "--rate", "4.35%",
                     "--start", "2021-12-15", "--months", "12", "--method", "equal-principal", "--applied", "2022-11-20"])
        let deferred = try run(["defer", "--programme", "2022-11", "--format", "json"])
        #expect(deferred.stdout.contains("\"loans_deferred\": 1") || deferred.stdout.contains("\"loans_deferred\":1"), "\(deferred.stdout)")
        _ = try run(["export", "loanbook", "--out", "book.xml"])
        let book = try String(contentsOf: folder.appendingPathComponent("book.xml"), encoding: .utf8)
        #expect(book.contains("maturingFrom=\"2022-10-01\"") && book.contains("maturingUntil=\"2022-12-31\""))
        _ = try run(["init", "--db", "copy.sqlite"])
        _ = try run(["import", "book.xml", "--db", "copy.sqlite"])
        _ = try run(["export", "loanbook", "--db", "copy.sqlite", "--out", "again.xml"])
        let again = try String(contentsOf: folder.appendingPathComponent("again.xml"), encoding: .utf8)
        #expect(again == book)
        #expect(try run(["ledger", "trial-balance", "--format", "json"]).stdout
                == (try run(["ledger", "trial-balance", "--db", "copy.sqlite", "--format", "json"]).stdout))
    }
}
