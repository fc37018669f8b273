import Foundation
import ReliefDomain
import ReliefEngine
import ReliefLedger
import ReliefSamples

/// A year of the bridge fund: 100,000 advances and their repayments recorded through the
/// library into a fresh database in date order, then the full report.
enum BridgeBenchmarks {
    static func register(advances count: Int = 100_000) throws -> [Measurement] {
        let path = LedgerBenchmarks.freshPath("bridge")
        defer { LedgerBenchmarks.remove(path) }
        let store = try LedgerStore.create(at: path)
        let start = try CivilDate(parsing: "2020-01-01")
        let perDay = max(1, count / 365)
        let started = monotonicSeconds()
        try store.writeJournal { journal in
            var book = try BridgeLedger(journal.transaction)
            _ = try book.moveCapital(Money(yuan: 20_000_000_000), on: start, reference: "bench", journal: &journal)
            var due: [Int32: [AdvanceID]] = [:]
            var index = 0
            var day = start
            while index < count || !due.isEmpty {
                for id in due.removeValue(forKey: day.daysSinceEpoch) ?? [] { _ = try book.repay(id, on: day, journal: &journal) }
                for _ in 0..<perDay where index < count {
                    let id = try AdvanceID(validating: "BR\(index)")
                    let request = BridgeAdvanceRequest(
                        id: id, enterprise: SamplePortfolio.creditCode(index % 5_000), bank: SamplePortfolio.banks[index % SamplePortfolio.banks.count],
                        county: SamplePortfolio.enterprise(index % 5_000).county, amount: Money(yuan: Int64(500_000 + (index % 97) * 50_000)), date: day)
                    _ = try book.advance(request, journal: &journal)
                    // 1 to 16 days: a few breach the 15-day maximum.
                    due[day.adding(days: 1 + index % 16).daysSinceEpoch, default: []].append(id)
                    index += 1
                }
                day = day.adding(days: 1)
            }
        }
        let recorded = Measurement(name: "bridge register: \(count) advances and repayments recorded", items: count, unit: "advances",
                                   seconds: monotonicSeconds() - started)
        let reportStarted = monotonicSeconds()
        let report = try store.read { db in
            BridgeReport.compute(try BridgeLedger.register(db), from: start, to: try CivilDate(parsing: "2020-12-31"), maximumDays: 15)
        }
        let reported = Measurement(name: "bridge report over the year (\(report.breaches.count) breaches, utilisation \(report.utilisationTenThousandths)/10000)",
                                   items: count, unit: "advances", seconds: monotonicSeconds() - reportStarted)
        return [recorded, reported]
    }
}
