import Foundation
import ReliefDomain
import ReliefEngine
import ReliefLedger
import ReliefSamples

/// First-loan cultivation at provincial scale (Shandong paired 5,760 counsellors with 26,530
/// firms in March 2020): 100,000 enterprises registered with pipeline histories, 20,000
/// counsellors with assignments (every seventh firm changes counsellor) and 20,000 loans,
/// all recorded through the library into a fresh file; then the full report, total and by
/// bank, county and counsellor. The issue's aim: the report in under a second.
enum FirstLoanBenchmarks {
    static func report(enterprises count: Int = 100_000, loans loanCount: Int = 20_000) throws -> [Measurement] {
        let path = LedgerBenchmarks.freshPath("firstloan")
        defer { LedgerBenchmarks.remove(path) }
        let store = try LedgerStore.create(at: path)
        let start = try CivilDate(parsing: "2020-01-01")
        let counsellorCount = max(1, count / 5)
        let loanEvery = max(1, count / max(1, loanCount))
        // Paths by index % 10: identified only (0, 1), counselled (2), applied (3), approved
        // (4), disbursed (5, 6), declined after counselling (7), withdrawn (8), disbursed
        // after skipping approval (9).
        let paths: [[CultivationStage]] = [[], [], [.counselled], [.counselled, .applied], [.counselled, .applied, .approved],
                                           [.counselled, .applied, .approved, .disbursed], [.counselled, .applied, .approved, .disbursed],
                                           [.counselled, .declined], [.withdrawn], [.counselled, .applied, .disbursed]]
        let recordStarted = monotonicSeconds()
        var loansBooked = 0
        try store.writeJournal { journal in
            let db = journal.transaction
            var counsellors: [CounsellorID] = []
            for index in 0..<counsellorCount {
                let id = try CounsellorID(validating: "C\(index)")
                _ = try CultivationLedger.addCounsellor(id, name: "辅导员\(index)", db)
                counsellors.append(id)
            }
            for index in 0..<count {
                let enterprise = SamplePortfolio.enterprise(index)
                let identified = start.adding(days: index % 120)
                let bank = SamplePortfolio.banks[index % SamplePortfolio.banks.count]
                _ = try CultivationLedger.register(CultivationLedger.Registration(
                    code: enterprise.code, name: enterprise.name, size: enterprise.size, county: enterprise.county, industry: nil,
                    hasLoanRecord: index % 50 == 0, identifiedOn: identified), db)
                _ = try CultivationLedger.assign(counsellors[index % counsellorCount], to: enterprise.code, on: identified, db)
                if index % 7 == 0 {
                    _ = try CultivationLedger.assign(counsellors[(index + 1) % counsellorCount], to: enterprise.code, on: identified.adding(days: 20), db)
                }
                for (step, stage) in paths[index % paths.count].enumerated() {
                    _ = try CultivationLedger.move(enterprise.code, to: stage, on: identified.adding(days: 10 * (step + 1)),
                                               bank: stage == .counselled ? nil : bank, db)
                }
                if index % loanEvery == 0 && loansBooked < loanCount {
                    let terms = try LoanTerms(principal: Money(yuan: Int64(200_000 + (index % 97) * 25_000)), annualRate: Rate(units: 435_000_000),
                                              start: identified.adding(days: 30 + index % 90), termMonths: 12, method: .bullet)
                    let loan = LoanRecord(id: try LoanID(validating: "FL\(index)"), enterprise: enterprise, bank: bank, terms: terms, creditLine: nil,
                                          applied: nil)
                    _ = try LoanLedger.add(loan, journal: &journal)
                    loansBooked += 1
                }
            }
        }
        let recorded = Measurement(name: "first loans: \(count) enterprises with histories, \(counsellorCount) counsellors, \(loansBooked) loans recorded",
                                   items: count, unit: "enterprises", seconds: monotonicSeconds() - recordStarted)
        var measurements = [recorded]
        let from = start
        let to = try CivilDate(parsing: "2020-12-31")
        let fullStarted = monotonicSeconds()
        let readStarted = fullStarted
        let register = try store.read { db in try CultivationLedger.cultivationRegister(db) }
        measurements.append(Measurement(name: "first loans: register read (\(register.enterprises.count) enterprises)", items: register.enterprises.count,
                                        unit: "enterprises", seconds: monotonicSeconds() - readStarted))
        for grouping in [nil] + FirstLoanReport.Grouping.allCases.map(Optional.some) {
            let started = monotonicSeconds()
            let report = FirstLoanReport.compute(register, from: from, to: to, by: grouping)
            let totals = report.totals
            measurements.append(Measurement(
                name: "first-loan report \(grouping.map { "by \($0.rawValue)" } ?? "total") (\(report.groups.count) groups; \(totals.underCultivation) cultivated, "
                    + "\(totals.firstLoanBorrowers) first loans, rate \(totals.firstLoanRateTenThousandths)/10000)",
                items: register.enterprises.count, unit: "enterprises", seconds: monotonicSeconds() - started))
        }
        measurements.append(Measurement(name: "first-loan report: read + total + by bank, county and counsellor", items: register.enterprises.count,
                                        unit: "enterprises", seconds: monotonicSeconds() - fullStarted))
        return measurements
    }
}
