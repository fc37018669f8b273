import GRDB
import ReliefDomain
import ReliefEngine
import ReliefLedger
import ReliefSamples
import Testing

@Suite struct PortfolioDeferralTests {
    /// Portfolio totals equal the sum of the engine's single-loan results over the eligible
    /// loans, computed independently of the store; refusals name their reasons.
    @Test func portfolioEqualsSumOfSingleLoans() throws {
        let count = 300
        let (store, path) = try LedgerFixtures.ledger(loans: count)
        defer { LedgerFixtures.remove(path) }
        let programme = try ReliefProgramme.nationalNotice2020()
        let summary = try store.writeJournal { journal -> PortfolioDeferral.Summary in
            return try PortfolioDeferral.apply(programme, journal: &journal)
        }
        var expected = DeferralTotals()
        var expectedDeferred = 0
        var expectedRefused = 0
        for index in 0..<count {
            let loan = try LedgerFixtures.loan(index)
            if loan.enterprise.size == .large || loan.applied == nil { expectedRefused += 1; continue }
            let result = DeferralCalculator(programme: programme).apply(to: try ScheduleCalculator().schedule(for: loan.terms))
            if result.deferredAnything { expectedDeferred += 1; expected.add(result.totals) }
        }
        #expect(summary.loansConsidered == count)
        #expect(summary.refusals.count == expectedRefused)
        #expect(summary.loansDeferred == expectedDeferred)
        #expect(summary.totals == expected)
        #expect(summary.refusals.contains { $0.reason.contains("large enterprises are not eligible") })
        #expect(summary.refusals.contains { $0.reason.contains("not applied") })
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.isClean, "\(report.violations)")
        // Deferred principal moved to its own account, to the fen.
        let balances = try store.read { db in try LedgerQueries.balances(db) }
        #expect(balances.first { $0.account == ChartOfAccounts.deferredPrincipal }?.normalBalance == expected.deferredPrincipal)

        // The same programme again defers nothing twice.
        let before = try LedgerFixtures.snapshot(store)
        let again = try store.writeJournal { journal -> PortfolioDeferral.Summary in
            return try PortfolioDeferral.apply(programme, journal: &journal)
        }
        #expect(again.loansDeferred == 0)
        #expect(again.loansAlreadyDeferred == expectedDeferred)
        #expect(try LedgerFixtures.snapshot(store) == before)
    }

    /// A second programme leaves rows the first one deferred alone: the principal is never
    /// deferred twice and the books stay equal to the schedule.
    @Test func secondProgrammeDoesNotDeferTwice() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        // Annuity from 2019-12-15: rows 2020-02-15 .. 06-15 fall in the 2020 window, 06-15 .. 12-15 in 2020-06's.
        let terms = try LoanTerms(principal: Money(yuan: 1_000_000), annualRate: try Rate(parsing: "4.35%"),
                                  start: try CivilDate(parsing: "2019-12-15"), termMonths: 12, method: .annuity)
        let loan = LoanRecord(id: try LoanID(validating: "TWICE"), enterprise: SamplePortfolio.enterprise(1), bank: "济宁银行", terms: terms,
                              creditLine: Money(yuan: 5_000_000), applied: try CivilDate(parsing: "2020-02-01"))
        let schedule = try ScheduleCalculator().schedule(for: terms)
        try store.writeJournal { journal in _ = try LoanLedger.add(loan, journal: &journal) }
        let first = try store.writeJournal { journal in try PortfolioDeferral.apply(try ReliefProgramme.nationalNotice2020(), journal: &journal) }
        let second = try store.writeJournal { journal in
            try PortfolioDeferral.apply(try #require(ReliefProgramme.preset(named: "2020-06")), journal: &journal)
        }
        // First: rows 2..6 (Feb..Jun). Second: rows 7..12 (Jul..Dec); row 6 (06-15) is already deferred.
        let principal = { (periods: ClosedRange<Int>) in periods.reduce(Money.zero) { $0 + schedule.installments[$1 - 1].principal } }
        #expect(first.totals.deferredPrincipal == principal(2...6))
        #expect(second.totals.deferredPrincipal == principal(7...12))
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.isClean, "\(report.violations)")
    }

    /// A run with a narrower window is its own run: the full programme afterwards defers the
    /// rest of the window, not nothing.
    @Test func narrowedRunThenTheWholeProgramme() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        let terms = try LoanTerms(principal: Money(yuan: 1_000_000), annualRate: try Rate(parsing: "4.35%"),
                                  start: try CivilDate(parsing: "2019-12-15"), termMonths: 12, method: .annuity)
        let loan = LoanRecord(id: try LoanID(validating: "NARROW"), enterprise: SamplePortfolio.enterprise(1), bank: "济宁银行", terms: terms,
                              creditLine: nil, applied: try CivilDate(parsing: "2020-02-01"))
        let schedule = try ScheduleCalculator().schedule(for: terms)
        try store.writeJournal { journal in _ = try LoanLedger.add(loan, journal: &journal) }
        let national = try ReliefProgramme.nationalNotice2020()
        let narrow = try store.writeJournal { journal in
            try PortfolioDeferral.apply(try national.overriding(until: try CivilDate(parsing: "2020-03-31"), deferralDate: national.deferralDate), journal: &journal)
        }
        let rest = try store.writeJournal { journal in try PortfolioDeferral.apply(national, journal: &journal) }
        let principal = { (periods: ClosedRange<Int>) in periods.reduce(Money.zero) { $0 + schedule.installments[$1 - 1].principal } }
        // Narrow: 2020-02-15 and 03-15 (rows 2, 3); the whole programme then takes 04-15 .. 06-15 (rows 4..6).
        #expect(narrow.totals.deferredPrincipal == principal(2...3))
        #expect(rest.loansDeferred == 1)
        #expect(rest.totals.deferredPrincipal == principal(4...6))
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    /// The inclusive-loan programme refuses credit lines over CNY 10 million.
    @Test func creditLineCapRefuses() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 40)
        defer { LedgerFixtures.remove(path) }
        let programme = try #require(ReliefProgramme.preset(named: "2020-06"))
        let summary = try store.writeJournal { journal -> PortfolioDeferral.Summary in
            return try PortfolioDeferral.apply(programme, journal: &journal)
        }
        #expect(summary.refusals.contains { $0.reason.contains("over programme 2020-06's cap") })
        #expect(summary.refusals.contains { $0.reason.contains("medium enterprises are not eligible") })
    }

    @Test func namedLoansOnlyAndUnknownLoanRefused() throws {
        let (store, path) = try LedgerFixtures.ledger(loans: 10)
        defer { LedgerFixtures.remove(path) }
        let programme = try ReliefProgramme.nationalNotice2020()
        let summary = try store.writeJournal { journal -> PortfolioDeferral.Summary in
            return try PortfolioDeferral.apply(programme, to: [try LoanID(validating: "L1")], journal: &journal)
        }
        #expect(summary.loansConsidered == 1)
        #expect(throws: LedgerError.self) {
            try store.writeJournal { journal in
                _ = try PortfolioDeferral.apply(programme, to: [try LoanID(validating: "NOPE")], journal: &journal)
            }
        }
    }

    /// The 2022-11 notice defers a small loan maturing in Q4 2022 and refuses one maturing later.
    @Test func the202211NoticeDefersOnlyLoansMaturingInQ4() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        func loan(_ id: String, months: Int, index: Int) throws -> LoanRecord {
            let terms = try LoanTerms(principal: Money(yuan: 120_000), annualRate: try Rate(parsing: "4.35%"),
                                      start: try CivilDate(parsing: "2021-12-15"), termMonths: months, method: .equalPrincipal)
            let base = try LedgerFixtures.loan(index)
            let small = EnterpriseRecord(code: base.enterprise.code, name: base.enterprise.name, size: .small, county: base.enterprise.county)
            return LoanRecord(id: try LoanID(validating: id), enterprise: small, bank: "济宁银行", terms: terms,
                              creditLine: nil, applied: try CivilDate(parsing: "2022-11-20"))
        }
        let maturing = try loan("Q4", months: 12, index: 1), later = try loan("LATER", months: 24, index: 2)
        try store.writeJournal { journal in
            _ = try LoanLedger.add(maturing, journal: &journal)
            _ = try LoanLedger.add(later, journal: &journal)
        }
        let summary = try store.writeJournal { journal in
            try PortfolioDeferral.apply(try #require(ReliefProgramme.preset(named: "2022-11")), journal: &journal)
        }
        #expect(summary.loansDeferred == 1)
        #expect(summary.refusals.map(\.loanID.rawValue) == ["LATER"])
        #expect(summary.refusals.first?.reason.contains("matures 2023-12-15") == true)
        // Equal principal, 10,000.00 a month: October, November and December 2022.
        #expect(summary.totals.deferredPrincipal == Money(yuan: 30_000))
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    /// An extension moves the maturity the 2022-11 notice looks at: a loan maturing in
    /// September 2022 extended into November is covered; one maturing in December extended
    /// into 2023 is not. A loan named twice is considered once.
    @Test func the202211NoticeUsesTheExtendedMaturity() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let store = try LedgerStore.create(at: path)
        func loan(_ id: String, start: String, index: Int) throws -> LoanRecord {
            let terms = try LoanTerms(principal: Money(yuan: 120_000), annualRate: try Rate(parsing: "4.35%"),
                                      start: try CivilDate(parsing: start), termMonths: 12, method: .interestOnly)
            let base = try LedgerFixtures.loan(index)
            let micro = EnterpriseRecord(code: base.enterprise.code, name: base.enterprise.name, size: .micro, county: base.enterprise.county)
            return LoanRecord(id: try LoanID(validating: id), enterprise: micro, bank: "济宁银行", terms: terms,
                              creditLine: nil, applied: try CivilDate(parsing: "2022-11-20"))
        }
        let intoQ4 = try loan("INTO-Q4", start: "2021-09-15", index: 5), outOfQ4 = try loan("OUT-OF-Q4", start: "2021-12-15", index: 6)
        try store.writeJournal { journal in
            _ = try LoanLedger.add(intoQ4, journal: &journal)
            _ = try LoanLedger.add(outOfQ4, journal: &journal)
            _ = try LoanEvents.extend(intoQ4.id, to: try CivilDate(parsing: "2022-11-15"), agreed: try CivilDate(parsing: "2022-09-01"), journal: &journal)
            _ = try LoanEvents.extend(outOfQ4.id, to: try CivilDate(parsing: "2023-03-15"), agreed: try CivilDate(parsing: "2022-12-01"), journal: &journal)
        }
        let notice = try #require(ReliefProgramme.preset(named: "2022-11"))
        let summary = try store.writeJournal { journal in
            try PortfolioDeferral.apply(notice, to: [intoQ4.id, outOfQ4.id, intoQ4.id], journal: &journal)
        }
        #expect(summary.loansConsidered == 2)
        #expect(summary.loansDeferred == 1)
        #expect(summary.refusals.map(\.loanID) == [outOfQ4.id])
        #expect(summary.refusals.first?.reason.contains("matures 2023-03-15") == true, "\(summary.refusals)")
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }
}
