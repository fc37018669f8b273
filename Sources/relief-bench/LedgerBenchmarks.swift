import Foundation
import GRDB
import ReliefDomain
import ReliefEngine
import ReliefLedger
import ReliefSamples

/// Ledger workloads on fresh files in the temporary folder (removed afterwards).
enum LedgerBenchmarks {
    static func freshPath(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("relief-bench-\(name)-\(getpid()).sqlite").path
        remove(path)
        return path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// 1,000,000 journal entries of two postings each (bridge advances) in one transaction.
    static func journal(entries: Int = 1_000_000) throws -> Measurement {
        let path = freshPath("journal")
        defer { remove(path) }
        let store = try LedgerStore.create(at: path)
        let day = try CivilDate(parsing: "2020-03-02")
        let started = monotonicSeconds()
        try store.writeJournal { journal in
            for index in 0..<entries {
                let amount = Money(fen: Int64(100_000 + index % 1_000_000))
                // Register-free entries (kind manual) between two loan-book accounts.
                let draft = try JournalEntryDraft(date: day.adding(days: index % 300), kind: .manual, description: "payment \(index)",
                                                  idempotencyKey: "bench:\(index)",
                                                  postings: [.debit(ChartOfAccounts.cash, amount), .credit(ChartOfAccounts.interestIncome, amount)])
                _ = try journal.record(draft)
            }
        }
        let elapsed = monotonicSeconds() - started
        return Measurement(name: "journal: \(entries) entries recorded in one transaction", items: entries * 2, unit: "postings", seconds: elapsed)
    }

    /// 100,000 sample loans with their disbursement entries (their standard schedules are
    /// checked and recomputed on demand, not stored), `ledger check`, then the 2020 programme
    /// over the portfolio (which keeps the deferred rows).
    static func loans(count: Int = 100_000) throws -> [Measurement] {
        let path = freshPath("loans")
        defer { remove(path) }
        let store = try LedgerStore.create(at: path)
        let loans = (0..<count).map(SamplePortfolio.loan)
        // One by one (`loans add`, the loan book XML) on a scratch file, then in bulk (imports).
        let onePath = freshPath("loans-one")
        defer { remove(onePath) }
        let oneStore = try LedgerStore.create(at: onePath)
        let oneStarted = monotonicSeconds()
        try oneStore.writeJournal { journal in
            for loan in loans { _ = try LoanLedger.add(loan, journal: &journal) }
        }
        let oneByOne = Measurement(name: "loans: \(count) booked one by one with their disbursement entries", items: count,
                                   unit: "loans", seconds: monotonicSeconds() - oneStarted)
        let started = monotonicSeconds()
        try store.writeJournal { journal in
            _ = try LoanLedger.addAll(loans, journal: &journal) { index, error in print("loan \(index) refused: \(error)") }
        }
        let stored = Measurement(name: "loans: \(count) booked in bulk (import) with their disbursement entries", items: count,
                                 unit: "loans", seconds: monotonicSeconds() - started)
        let checkStarted = monotonicSeconds()
        let report = try store.read { db in try LedgerCheck.run(db) }
        let postings = try LedgerListings.journalSize(store).postings
        let checked = Measurement(name: "ledger check over \(count) loans and \(postings) postings (\(report.isClean ? "clean" : "VIOLATIONS"))",
                                  items: postings, unit: "postings", seconds: monotonicSeconds() - checkStarted)
        let deferStarted = monotonicSeconds()
        let summary = try store.writeJournal { journal -> PortfolioDeferral.Summary in
            guard let programme = ReliefProgramme.preset(named: "2020") else { throw LedgerError.rule("no preset 2020") }
            return try PortfolioDeferral.apply(programme, journal: &journal)
        }
        let deferred = Measurement(name: "portfolio deferral of \(summary.loansConsidered) stored loans (\(summary.loansDeferred) deferred)",
                                   items: summary.loansConsidered, unit: "loans", seconds: monotonicSeconds() - deferStarted)
        let recheckStarted = monotonicSeconds()
        let recheck = try store.read { db in try LedgerCheck.run(db) }
        let rechecked = Measurement(name: "ledger check after the deferral (\(recheck.isClean ? "clean" : "VIOLATIONS"))",
                                    items: count, unit: "loans", seconds: monotonicSeconds() - recheckStarted)
        return [oneByOne, stored, checked, deferred, rechecked]
    }

    /// `ledger check` on a journal of 1,000,000 entries (2,000,000 postings).
    static func checkJournal(entries: Int = 1_000_000) throws -> Measurement {
        let path = freshPath("check")
        defer { remove(path) }
        let store = try LedgerStore.create(at: path)
        let day = try CivilDate(parsing: "2020-03-02")
        try store.writeJournal { journal in
            for index in 0..<entries {
                let amount = Money(fen: Int64(100_000 + index % 1_000_000))
                _ = try journal.record(try JournalEntryDraft(date: day, kind: .manual, description: "payment \(index)", idempotencyKey: "bench:\(index)",
                                                             postings: [.debit(ChartOfAccounts.cash, amount),
                                                                        .credit(ChartOfAccounts.interestIncome, amount)]))
            }
        }
        let started = monotonicSeconds()
        let report = try store.read { db in try LedgerCheck.run(db) }
        return Measurement(name: "ledger check of \(entries * 2) postings (\(report.isClean ? "clean" : "VIOLATIONS"))", items: entries * 2,
                           unit: "postings", seconds: monotonicSeconds() - started)
    }
}
