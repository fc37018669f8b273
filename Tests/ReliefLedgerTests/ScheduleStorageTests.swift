import GRDB
import ReliefDomain
import ReliefEngine
@testable import ReliefLedger
import ReliefSamples
import Testing

/// Loans on their standard schedule keep no installment rows; a deferral keeps the rows it
/// moved; an event that changes rows keeps the whole schedule (LedgerSchema.v5ScheduleStorage).
@Suite struct ScheduleStorageTests {
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    /// 1,000,000 annuity at 4.35% from 2019-12-15 for 12 months, due the 15th from 2020-01-15:
    /// under the 2020 programme (window 2020-01-25 .. 06-30) rows 2..6, due 02-15 .. 06-15,
    /// are deferred to 2020-06-30.
    func ledger(rounding: Rounding = .halfUp) throws -> (LedgerStore, String, LoanRecord) {
        let path = LedgerFixtures.temporaryPath()
        let store = try LedgerStore.create(at: path)
        let terms = try LoanTerms(principal: Money(yuan: 1_000_000), annualRate: try Rate(parsing: "4.35%"),
                                  start: try date("2019-12-15"), termMonths: 12, method: .annuity)
        let loan = LoanRecord(id: try LoanID(validating: "STD-1"), enterprise: SamplePortfolio.enterprise(1), bank: "济宁银行",
                              terms: terms, creditLine: nil, applied: try date("2020-02-01"))
        try store.writeJournal { journal in _ = try LoanLedger.add(loan, rounding: rounding, journal: &journal) }
        return (store, path, loan)
    }

    func keptRows(_ store: LedgerStore) throws -> [Int] {
        try store.read { db in try Int.fetchAll(db.database, sql: "SELECT period FROM installments ORDER BY period") }
    }

    func keepsWhole(_ store: LedgerStore, _ loan: LoanRecord) throws -> Bool {
        try store.read { db in try LoanLedger.ScheduleReader(db).keepsWholeSchedule(loan.id) }
    }

    @Test func aStandardLoanKeepsNoRowsAndReadsItsTermsSchedule() throws {
        let (store, path, loan) = try ledger()
        defer { LedgerFixtures.remove(path) }
        #expect(try keptRows(store).isEmpty)
        #expect(try keepsWhole(store, loan) == false)
        let rows = try store.read { db in try LoanLedger.installments(of: loan.id, db) }
        let expected = try ScheduleCalculator().schedule(for: loan.terms).installments
        #expect(rows.map(\.installment) == expected)
        #expect(rows.allSatisfy { !$0.isDeferred && !$0.isPaid && $0.originalDueDate == $0.installment.dueDate })
        #expect(rows.reduce(Money.zero) { $0 + $1.installment.principal } == Money(yuan: 1_000_000))
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    @Test func anotherRoundingKeepsTheWholeSchedule() throws {
        let (store, path, loan) = try ledger(rounding: .halfEven)
        defer { LedgerFixtures.remove(path) }
        #expect(try keptRows(store) == Array(1...12))
        #expect(try keepsWhole(store, loan))
        let rows = try store.read { db in try LoanLedger.installments(of: loan.id, db) }
        #expect(rows.map(\.installment) == (try ScheduleCalculator(rounding: .halfEven).schedule(for: loan.terms)).installments)
    }

    @Test func aDeferralKeepsOnlyTheRowsItMoved() throws {
        let (store, path, loan) = try ledger()
        defer { LedgerFixtures.remove(path) }
        let summary = try store.writeJournal { journal in
            try PortfolioDeferral.apply(try ReliefProgramme.nationalNotice2020(), journal: &journal)
        }
        #expect(summary.loansDeferred == 1)
        // Due 15th monthly from 2020-01-15: 02-15, 03-15, 04-15, 05-15, 06-15 lie in 01-25 .. 06-30.
        #expect(try keptRows(store) == [2, 3, 4, 5, 6])
        #expect(try keepsWhole(store, loan) == false)
        let standard = try ScheduleCalculator().schedule(for: loan.terms).installments
        let rows = try store.read { db in try LoanLedger.installments(of: loan.id, db) }
        let deferralDate = try date("2020-06-30")
        for row in rows {
            let original = standard[row.installment.period - 1]
            #expect(row.originalDueDate == original.dueDate)
            #expect(row.installment.principal == original.principal && row.installment.interest == original.interest)
            if (2...6).contains(row.installment.period) {
                #expect(row.isDeferred && row.installment.dueDate == deferralDate)
            } else {
                #expect(!row.isDeferred && row.installment.dueDate == original.dueDate)
            }
        }
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.isClean, "\(report.violations)")
    }

    @Test func aRepaymentKeepsTheWholeScheduleWithTheDeferredRows() throws {
        let (store, path, loan) = try ledger()
        defer { LedgerFixtures.remove(path) }
        try store.writeJournal { journal in
            _ = try PortfolioDeferral.apply(try ReliefProgramme.nationalNotice2020(), journal: &journal)
            _ = try LoanEvents.repay(loan.id, period: 1, on: try date("2020-01-15"), journal: &journal)
        }
        #expect(try keptRows(store) == Array(1...12))
        #expect(try keepsWhole(store, loan))
        let rows = try store.read { db in try LoanLedger.installments(of: loan.id, db) }
        #expect(rows.filter(\.isDeferred).map(\.installment.period) == [2, 3, 4, 5, 6])
        #expect(rows.filter(\.isPaid).map(\.installment.period) == [1])
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.isClean, "\(report.violations)")
    }

    @Test func checkNamesAKeptRowThatIsNotTheTermsRow() throws {
        let (store, path, loan) = try ledger()
        defer { LedgerFixtures.remove(path) }
        try store.writeJournal { journal in
            _ = try PortfolioDeferral.apply(try ReliefProgramme.nationalNotice2020(), journal: &journal)
        }
        try store.write { db in try db.database.execute(sql: "UPDATE installments SET principal_fen = principal_fen + 1 WHERE period = 4") }
        let report = try store.read { db in try LedgerCheck.run(db) }
        #expect(report.violations.contains { $0.contains("loan \(loan.id.rawValue) period 4 keeps") })
        // A kept row that no deferral moved is refused too.
        try store.write { db in
            try db.database.execute(sql: "UPDATE installments SET principal_fen = principal_fen - 1 WHERE period = 4")
            try db.database.execute(sql: """
                INSERT INTO installments(loan_id, period, due_date, original_due_date, days, principal_fen, interest_fen, balance_fen)
                SELECT loan_id, 1, ?, ?, 31, ?, ?, ? FROM installments LIMIT 1
                """, arguments: try {
                    let first = try ScheduleCalculator().schedule(for: loan.terms).installments[0]
                    return [first.dueDate.description, first.dueDate.description, first.principal.fen, first.interest.fen, first.balance.fen]
                }())
        }
        let second = try store.read { db in try LedgerCheck.run(db) }
        #expect(second.violations.contains { $0.contains("period 1 is kept but not deferred") }, "\(second.violations)")
    }

    /// A database from before v5 keeps every loan's rows, and reads them as before.
    @Test func loansBookedBeforeTheMigrationKeepTheirRows() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let queue = try DatabaseQueue(path: path)
        try LedgerSchema.migrator().migrate(queue, upTo: "v4-statements")
        let loan = try LedgerFixtures.loan(7)
        let schedule = try ScheduleCalculator().schedule(for: loan.terms)
        try queue.write { db in
            let enterprise = try LoanLedger.registerEnterprise(loan.enterprise, db)
            try db.execute(sql: """
                INSERT INTO loans(id, enterprise_id, bank, principal_fen, rate_units, start_date, term_months, method, day_count, settlement)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [loan.id.rawValue, enterprise, loan.bank, loan.terms.principal.fen, loan.terms.annualRate.units,
                                 loan.terms.start.description, loan.terms.termMonths, loan.terms.method.rawValue,
                                 loan.terms.dayCount.rawValue, loan.terms.settlement.rawValue])
            try LoanLedger.insertInstallments(schedule.installments, of: loan.id, db)
        }
        try queue.close()
        let store = try LedgerStore.open(at: path)
        #expect(try keepsWhole(store, loan))
        let rows = try store.read { db in try LoanLedger.installments(of: loan.id, db) }
        #expect(rows.map(\.installment) == schedule.installments)
    }

    /// A 2022-11 run keeps its maturity scope (v8); a run stored before v8 reads back with
    /// none; two runs differing only in the scope are two runs.
    @Test func programmeRunsKeepTheirMaturityScope() throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        let queue = try DatabaseQueue(path: path)
        try LedgerSchema.migrator().migrate(queue, upTo: "v7-corrections")
        let notice = try #require(ReliefProgramme.preset(named: "2022-11"))
        let old = try queue.write { db in
            // As v7 stored it: no scope columns yet.
            try db.execute(sql: """
                INSERT INTO programme_runs(name, title, window_from, window_until, deferral_date, scope, interest_on_deferred_principal,
                                           compound_on_deferred_interest, penalty_uplift_units, sizes, credit_line_cap_fen,
                                           application_required, rounding)
                VALUES ('2022-11', 'old', '2022-10-01', '2022-12-31', '2023-06-30', 'both', 1, 0, 5000000000, 'micro,small', NULL, 1, 'half-up')
                """)
            return db.lastInsertedRowID
        }
        try LedgerSchema.migrator().migrate(queue)
        try queue.write { db in
            #expect(try ProgrammeRun.fetch(old, LedgerTransaction(db))?.programme.eligibility.maturing == nil)
            let scoped = try ProgrammeRun.store(ProgrammeRun(programme: notice, rounding: .halfUp), db)
            let fetched = try #require(try ProgrammeRun.fetch(scoped, LedgerTransaction(db)))
            #expect(fetched.programme.eligibility.maturing == notice.eligibility.maturing)
            #expect(fetched.programme.eligibility.maturing?.lowerBound == (try CivilDate(parsing: "2022-10-01")))
            #expect(try ProgrammeRun.store(ProgrammeRun(programme: notice, rounding: .halfUp), db) == scoped)
            let unscoped = try ReliefProgramme(name: notice.name, title: notice.title, window: notice.window, deferralDate: notice.deferralDate,
                                               eligibility: .init(sizes: notice.eligibility.sizes))
            #expect(try ProgrammeRun.store(ProgrammeRun(programme: unscoped, rounding: .halfUp), db) != scoped)
        }
    }
}
