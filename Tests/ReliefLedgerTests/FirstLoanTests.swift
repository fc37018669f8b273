import GRDB
import ReliefDomain
import ReliefEngine
@testable import ReliefLedger
import ReliefSamples
import Testing

/// First-loan cultivation on the ledger: registration, counsellors, the pipeline through the
/// store (and SQLite's own guard), first-loan detection from the loan book, and the KPIs of a
/// small cohort worked out by hand.
@Suite struct FirstLoanTests {
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
    func money(_ text: String) throws -> Money { try Money(parsing: text) }
    func code(_ index: Int) -> CreditCode { SamplePortfolio.creditCode(index) }

    func withLedger(_ body: (LedgerStore) throws -> Void) throws {
        let path = LedgerFixtures.temporaryPath()
        defer { LedgerFixtures.remove(path) }
        try body(try LedgerStore.create(at: path))
    }

    func registration(_ index: Int, on day: String, county: String = "任城区", hasLoanRecord: Bool = false) throws -> CultivationLedger.Registration {
        CultivationLedger.Registration(code: code(index), name: "培植企业\(index)", size: .small, county: county, industry: nil,
                                   hasLoanRecord: hasLoanRecord, identifiedOn: try date(day))
    }

    /// Books a 12-month bullet loan `id` of `principal` to enterprise `index` from `bank` on `start`.
    func book(_ id: String, _ index: Int, bank: String, principal: String, start: String, county: String = "任城区", _ journal: inout Journal) throws {
        let terms = try LoanTerms(principal: try money(principal), annualRate: Rate(units: 435_000_000), start: try date(start), termMonths: 12,
                                  method: .bullet)
        let record = LoanRecord(id: try LoanID(validating: id),
                                enterprise: EnterpriseRecord(code: code(index), name: "培植企业\(index)", size: .small, county: county),
                                bank: bank, terms: terms, creditLine: nil, applied: nil)
        _ = try LoanLedger.add(record, journal: &journal)
    }

    func stageCount(_ store: LedgerStore) throws -> Int {
        try store.read { db in try Int.fetchOne(db.database, sql: "SELECT count(*) FROM cultivation_stages") ?? -1 }
    }

    // MARK: - The pipeline through the store

    /// Each of the 49 (from, to) pairs on its own enterprise: brought to `from` (identified on
    /// 2020-03-01, then straight to `from` on 2020-03-05, which is always legal), then asked to
    /// move to `to` on 2020-03-10. Legal exactly for the 18 pairs of the rules; a refusal
    /// names the reason and writes nothing.
    @Test func everyLegalAndIllegalTransition() throws {
        try withLedger { store in
            var index = 100
            for from in CultivationStage.allCases {
                for to in CultivationStage.allCases {
                    index += 1
                    let enterprise = code(index)
                    try store.write { db in
                        _ = try CultivationLedger.register(try registration(index, on: "2020-03-01"), db)
                        if from != .identified { _ = try CultivationLedger.move(enterprise, to: from, on: try date("2020-03-05"), bank: nil, db) }
                    }
                    let before = try stageCount(store)
                    let legal = from.canMove(to: to)
                    // By hand: the forward moves and the exits from the four open stages.
                    let expected = from.isClosed ? false
                        : [CultivationStage.declined, .withdrawn].contains(to)
                        || (to.pipelineIndex ?? 0) > (from.pipelineIndex ?? 5)
                    #expect(legal == expected, "\(from) -> \(to)")
                    do {
                        let outcome = try store.write { db in try CultivationLedger.move(enterprise, to: to, on: try date("2020-03-10"), bank: "济宁银行", db) }
                        #expect(legal, "\(from) -> \(to) was accepted")
                        #expect(outcome == .moved(from: from, since: try date(from == .identified ? "2020-03-01" : "2020-03-05"), loanInLedger: false))
                        #expect(try stageCount(store) == before + 1)
                    } catch let error as LedgerError {
                        #expect(!legal, "\(from) -> \(to) refused: \(error)")
                        #expect(error.description.hasPrefix("enterprise \(enterprise): "))
                        #expect(error.description.contains(from.isClosed ? "no transition follows a closed stage" : "the pipeline runs"))
                        #expect(try stageCount(store) == before)
                    }
                }
            }
        }
    }

    @Test func backDatedDuplicateAndUnknownTransitions() throws {
        try withLedger { store in
            let enterprise = code(1)
            try store.write { db in
                _ = try CultivationLedger.register(try registration(1, on: "2020-03-02"), db)
                #expect(try CultivationLedger.move(enterprise, to: .counselled, on: try date("2020-03-05"), bank: nil, db)
                        == .moved(from: .identified, since: try date("2020-03-02"), loanInLedger: false))
                // The same move again (stage, date and bank) is a duplicate, not an error.
                #expect(try CultivationLedger.move(enterprise, to: .counselled, on: try date("2020-03-05"), bank: nil, db) == .duplicate)
            }
            // Before the previous transition; before the identification itself.
            let early = #expect(throws: LedgerError.self) {
                try store.write { db in try CultivationLedger.move(enterprise, to: .applied, on: try date("2020-03-04"), bank: nil, db) }
            }
            #expect(early?.description == "enterprise \(enterprise): the transition to applied is dated 2020-03-04, before the previous one (counselled on 2020-03-05)")
            try store.write { db in
                _ = try CultivationLedger.register(try registration(2, on: "2020-03-02"), db)
            }
            let beforeIdentified = #expect(throws: LedgerError.self) {
                try store.write { db in try CultivationLedger.move(code(2), to: .applied, on: try date("2020-03-01"), bank: nil, db) }
            }
            #expect(beforeIdentified?.description.contains("before the previous one (identified on 2020-03-02)") == true)
            // Not registered at all; registered only through a loan.
            #expect(throws: LedgerError.unknownEnterprise(code(3))) {
                try store.write { db in try CultivationLedger.move(code(3), to: .applied, on: try date("2020-03-10"), bank: nil, db) }
            }
            try store.writeJournal { journal in try book("L4", 4, bank: "济宁银行", principal: "100000", start: "2020-01-10", &journal) }
            let notCultivated = #expect(throws: LedgerError.self) {
                try store.write { db in try CultivationLedger.move(code(4), to: .applied, on: try date("2020-03-10"), bank: nil, db) }
            }
            #expect(notCultivated?.description.contains("is not under cultivation") == true)
            #expect(try stageCount(store) == 1)
        }
    }

    /// SQLite refuses what the rules refuse, even from code that skips `CultivationLedger`.
    @Test func theDatabaseGuardsThePipeline() throws {
        try withLedger { store in
            try store.write { db in
                _ = try CultivationLedger.register(try registration(1, on: "2020-03-02"), db)
                _ = try CultivationLedger.move(code(1), to: .applied, on: try date("2020-03-10"), bank: nil, db)
            }
            let id = try store.read { db in try Int64.fetchOne(db.database, sql: "SELECT id FROM enterprises") ?? -1 }
            for (stage, day) in [("counselled", "2020-03-11"), ("approved", "2020-03-09"), ("approved", "2020-03-01")] {
                #expect(throws: DatabaseError.self, "\(stage) on \(day)") {
                    try store.queue.write { db in
                        try db.execute(sql: "INSERT INTO cultivation_stages(enterprise_id, stage, stage_date) VALUES (?, ?, ?)", arguments: [id, stage, day])
                    }
                }
            }
            try store.write { db in
                try db.database.execute(sql: "INSERT INTO cultivation_stages(enterprise_id, stage, stage_date) VALUES (?, 'declined', '2020-03-12')", arguments: [id])
            }
            #expect(throws: DatabaseError.self) {
                try store.queue.write { db in
                    try db.execute(sql: "INSERT INTO cultivation_stages(enterprise_id, stage, stage_date) VALUES (?, 'disbursed', '2020-03-13')", arguments: [id])
                }
            }
            #expect(throws: DatabaseError.self) { try store.queue.write { db in try db.execute(sql: "DELETE FROM cultivation_stages") } }
            #expect(throws: DatabaseError.self) {
                try store.queue.write { db in try db.execute(sql: "UPDATE enterprises SET identified_on = '2020-01-01'") }
            }
        }
    }

    // MARK: - Registration and counsellors

    @Test func registrationAttachesToKnownEnterprisesAndRefusesConflicts() throws {
        try withLedger { store in
            // Known from a loan booked before its identification: attached, with a warning.
            try store.writeJournal { journal in try book("L1", 1, bank: "济宁银行", principal: "200000", start: "2019-12-01", &journal) }
            let attached = try store.write { db in try CultivationLedger.register(try registration(1, on: "2020-03-01"), db) }
            let loan = CultivationRegister.Loan(id: try LoanID(validating: "L1"), bank: "济宁银行", amount: try money("200000"),
                                                date: try date("2019-12-01"))
            #expect(attached == .registered(attached: true, borrowedBefore: loan))
            #expect(try store.write { db in try CultivationLedger.register(try registration(1, on: "2020-03-01"), db) } == .duplicate)
            let redated = #expect(throws: LedgerError.self) {
                try store.write { db in try CultivationLedger.register(try registration(1, on: "2020-03-02"), db) }
            }
            #expect(redated?.description.contains("already under cultivation since 2020-03-01") == true)
            // Known from a bridge advance only (no size, name = code): the registration completes it.
            try store.write { db in
                try db.database.execute(sql: "INSERT INTO enterprises(credit_code, name, size, county) VALUES (?, ?, NULL, '')", arguments: [code(2).value, code(2).value])
            }
            #expect(try store.write { db in try CultivationLedger.register(try registration(2, on: "2020-03-01", county: "兖州区"), db) }
                    == .registered(attached: true, borrowedBefore: nil))
            let stored = try store.read { db in try Row.fetchOne(db.database, sql: "SELECT name, size, county FROM enterprises WHERE credit_code = ?", arguments: [code(2).value]) }
            #expect(stored?["name"] == "培植企业2")
            #expect(stored?["size"] == "small")
            #expect(stored?["county"] == "兖州区")
            // A loan's enterprise under another name, size or county is refused.
            try store.writeJournal { journal in try book("L3", 3, bank: "济宁银行", principal: "200000", start: "2019-12-01", &journal) }
            for (name, size, county, fragment) in [("别的企业", EnterpriseSize.small, "任城区", "is registered as 培植企业3 (small), not 别的企业 (small)"),
                                                   ("培植企业3", .medium, "任城区", "not 培植企业3 (medium)"),
                                                   ("培植企业3", .small, "曲阜市", "is registered in county 任城区, not 曲阜市")] {
                let conflict = #expect(throws: LedgerError.self) {
                    try store.write { db in
                        try CultivationLedger.register(CultivationLedger.Registration(code: code(3), name: name, size: size, county: county, industry: nil,
                                                                              hasLoanRecord: false, identifiedOn: try date("2020-03-01")), db)
                    }
                }
                #expect(conflict?.description.contains(fragment) == true, "\(String(describing: conflict))")
            }
            #expect(try store.read { db in try String.fetchOne(db.database, sql: "SELECT identified_on FROM enterprises WHERE credit_code = ?", arguments: [code(3).value]) } == nil)
        }
    }

    @Test func counsellorsAndTheirAssignmentHistory() throws {
        try withLedger { store in
            let zhang = try CounsellorID(validating: "C1")
            let li = try CounsellorID(validating: "C2")
            let added = try store.write { db in
                let added = [try CultivationLedger.addCounsellor(zhang, name: "张明", db), try CultivationLedger.addCounsellor(zhang, name: "张明", db),
                             try CultivationLedger.addCounsellor(li, name: "李华", db)]
                _ = try CultivationLedger.register(try registration(1, on: "2020-03-02"), db)
                return added
            }
            #expect(added == [true, false, true])
            #expect(throws: LedgerError.rule("counsellor C1 is already registered as 张明, not 张三")) {
                try store.write { db in _ = try CultivationLedger.addCounsellor(zhang, name: "张三", db) }
            }
            #expect(throws: LedgerError.self) {
                try store.write { db in try CultivationLedger.assign(zhang, to: code(1), on: try date("2020-03-01"), db) }
            }
            let outcomes = try store.write { db in
                [try CultivationLedger.assign(zhang, to: code(1), on: try date("2020-03-02"), db),
                 try CultivationLedger.assign(zhang, to: code(1), on: try date("2020-03-09"), db),
                 try CultivationLedger.assign(li, to: code(1), on: try date("2020-04-01"), db)]
            }
            #expect(outcomes == [.assigned(previous: nil), .unchanged(since: try date("2020-03-02")), .assigned(previous: zhang)])
            let backDated = #expect(throws: LedgerError.self) {
                try store.write { db in try CultivationLedger.assign(zhang, to: code(1), on: try date("2020-03-31"), db) }
            }
            #expect(backDated?.description.contains("latest one (C2 on 2020-04-01)") == true)
            #expect(throws: LedgerError.self) {
                try store.write { db in try CultivationLedger.assign(try CounsellorID(validating: "C9"), to: code(1), on: try date("2020-04-02"), db) }
            }
            let enterprise = try #require(try store.read { db in try CultivationLedger.cultivationRegister(db) }.enterprises.first)
            #expect(enterprise.assignments.map(\.counsellor) == [zhang, li])
            #expect(enterprise.counsellor(atEndOf: try date("2020-03-31")) == zhang)
            #expect(enterprise.counsellor(atEndOf: try date("2020-04-01")) == li)
            #expect(enterprise.counsellor(atEndOf: try date("2020-03-01")) == nil)
        }
    }

    // MARK: - First-loan detection from the ledger

    /// Firm 1 (no loan record) borrows from 济宁银行 on 2020-04-01 and from 农商银行 on
    /// 2020-05-01: its first loan is the first; the second bank's loan is not a first loan.
    /// Firm 2 borrowed from 农商银行 in 2019, then from 济宁银行 in the period: that loan is
    /// not a first loan (it already borrowed elsewhere) and firm 2 is not a new borrower.
    /// Firm 3's credit report shows a loan record: its loan is no first loan, though it is a
    /// new borrower to the ledger. Firm 4 takes two loans on one day: the lower id is first.
    @Test func firstLoanDetectionAcrossTwoBanks() throws {
        try withLedger { store in
            try store.writeJournal { journal in
                for index in 1...4 {
                    _ = try CultivationLedger.register(try registration(index, on: "2020-03-01", hasLoanRecord: index == 3), journal.transaction)
                }
                try book("A2", 1, bank: "农商银行", principal: "300000", start: "2020-05-01", &journal)
                try book("A1", 1, bank: "济宁银行", principal: "1000000", start: "2020-04-01", &journal)
                try book("B1", 2, bank: "农商银行", principal: "200000", start: "2019-11-20", &journal)
                try book("B2", 2, bank: "济宁银行", principal: "500000", start: "2020-04-10", &journal)
                try book("C1", 3, bank: "济宁银行", principal: "400000", start: "2020-04-20", &journal)
                try book("D2", 4, bank: "农商银行", principal: "700000", start: "2020-05-05", &journal)
                try book("D1", 4, bank: "济宁银行", principal: "600000", start: "2020-05-05", &journal)
            }
            let register = try store.read { db in try CultivationLedger.cultivationRegister(db) }
            let first = Dictionary(uniqueKeysWithValues: register.enterprises.map { ($0.code, $0.firstLoan?.id.rawValue) })
            #expect(first[code(1)] == "A1")
            #expect(first[code(2)] == "B1")  // in 2019, outside any 2020 period
            #expect(first[code(3)] == .some(nil))
            #expect(first[code(4)] == "D1")
            let report = FirstLoanReport.compute(register, from: try date("2020-04-01"), to: try date("2020-06-30"), by: .bank)
            // Cultivated 4; first loans in the period: A1 (1,000,000) and D1 (600,000) = 2,
            // 1,600,000.00, rate 2/4 = 0.5000. New borrowers: firms 1, 3, 4 = 3 (firm 2
            // borrowed in 2019); first-loan borrowers among them 2: share 2/3 = 0.6667.
            #expect(report.totals.underCultivation == 4)
            #expect(report.totals.firstLoanBorrowers == 2)
            #expect(report.totals.firstLoanAmount == (try money("1600000")))
            #expect(report.totals.firstLoanRateTenThousandths == 5_000)
            #expect(report.totals.newBorrowers == 3)
            #expect(report.totals.shareOfNewBorrowersTenThousandths == 6_667)
            // By the bank of each firm's earliest loan: 济宁银行 has firms 1, 3, 4 (first loans
            // A1, D1); 农商银行 firm 2 (B1), none a first loan in the period. 农 (U+519C) sorts
            // before 济 (U+6D4E).
            #expect(report.groups.map(\.name) == ["农商银行", "济宁银行"])
            #expect(report.groups.map(\.figures.firstLoanBorrowers) == [0, 2])
            #expect(report.groups.map(\.figures.underCultivation) == [1, 3])
        }
    }

    // MARK: - KPIs of a hand-computed cohort

    /// The cohort, period 2020-03-01 to 2020-06-30 (index: county; identified; stages;
    /// counsellors; loans):
    /// - 1 任城区; 02-10; counselled 02-20, applied 03-10, approved 03-25, disbursed 04-01;
    ///   C1 from 02-15; L1 济宁银行 04-01 1,000,000.
    /// - 2 兖州区; 03-05; counselled 03-10, applied 04-01 (农商银行); C1 from 03-05, C2 from
    ///   06-10 (after its loan); L2 农商银行 05-20 500,000.
    /// - 3 任城区; 01-15; withdrawn 02-20 (before the period).
    /// - 4 兖州区; 02-01; declined 03-15 (济宁银行); C2 from 02-01.
    /// - 5 任城区; 07-01 (after the period).
    /// - 6 任城区; 04-10, credit report shows a loan record; counselled 04-20; C1 from 04-10;
    ///   L6 济宁银行 06-01 300,000.
    /// - 7 任城区; 03-01; counselled 03-05; L7a 农商银行 2019-12-01 200,000, L7b 济宁银行
    ///   04-15 800,000 (a second bank: no first loan in the period, not a new borrower).
    /// - 8 兖州区; 03-19; counselled 04-01, approved 06-25 (applied skipped);
    ///   L8 农商银行 06-30 (the period's last day) 400,000.
    /// - 9 任城区; 02-15; applied 06-01 (no bank); C2 from 06-01; L9 济宁银行 07-01 (after).
    /// - 10 任城区, not cultivated; L10 济宁银行 03-10 600,000 (a new first-loan borrower).
    /// - 11 兖州区, not cultivated; L11a 2019-06-01, L11b 04-01 (not new).
    func buildCohort(_ store: LedgerStore) throws {
        let c1 = try CounsellorID(validating: "C1")
        let c2 = try CounsellorID(validating: "C2")
        try store.writeJournal { journal in
            let db = journal.db
            _ = try CultivationLedger.addCounsellor(c1, name: "张明", LedgerTransaction(db))
            _ = try CultivationLedger.addCounsellor(c2, name: "李华", LedgerTransaction(db))
            let counties = [1: "任城区", 2: "兖州区", 3: "任城区", 4: "兖州区", 5: "任城区", 6: "任城区", 7: "任城区", 8: "兖州区", 9: "任城区",
                            10: "任城区", 11: "兖州区"]
            func identify(_ index: Int, _ day: String, hasLoanRecord: Bool = false) throws {
                _ = try CultivationLedger.register(try registration(index, on: day, county: counties[index] ?? "", hasLoanRecord: hasLoanRecord), LedgerTransaction(db))
            }
            func move(_ index: Int, _ stage: CultivationStage, _ day: String, bank: String? = nil) throws {
                _ = try CultivationLedger.move(code(index), to: stage, on: try date(day), bank: bank, LedgerTransaction(db))
            }
            func assign(_ counsellor: CounsellorID, _ index: Int, _ day: String) throws {
                _ = try CultivationLedger.assign(counsellor, to: code(index), on: try date(day), LedgerTransaction(db))
            }
            func loan(_ id: String, _ index: Int, _ bank: String, _ principal: String, _ day: String) throws {
                try book(id, index, bank: bank, principal: principal, start: day, county: counties[index] ?? "", &journal)
            }
            try identify(1, "2020-02-10")
            try move(1, .counselled, "2020-02-20"); try move(1, .applied, "2020-03-10"); try move(1, .approved, "2020-03-25")
            try move(1, .disbursed, "2020-04-01", bank: "济宁银行")
            try assign(c1, 1, "2020-02-15")
            try loan("L1", 1, "济宁银行", "1000000", "2020-04-01")
            try identify(2, "2020-03-05")
            try move(2, .counselled, "2020-03-10"); try move(2, .applied, "2020-04-01", bank: "农商银行")
            try assign(c1, 2, "2020-03-05"); try assign(c2, 2, "2020-06-10")
            try loan("L2", 2, "农商银行", "500000", "2020-05-20")
            try identify(3, "2020-01-15")
            try move(3, .withdrawn, "2020-02-20")
            try identify(4, "2020-02-01")
            try move(4, .declined, "2020-03-15", bank: "济宁银行")
            try assign(c2, 4, "2020-02-01")
            try identify(5, "2020-07-01")
            try identify(6, "2020-04-10", hasLoanRecord: true)
            try move(6, .counselled, "2020-04-20")
            try assign(c1, 6, "2020-04-10")
            try loan("L6", 6, "济宁银行", "300000", "2020-06-01")
            try identify(7, "2020-03-01")
            try move(7, .counselled, "2020-03-05")
            try loan("L7a", 7, "农商银行", "200000", "2019-12-01")
            try loan("L7b", 7, "济宁银行", "800000", "2020-04-15")
            try identify(8, "2020-03-19")
            try move(8, .counselled, "2020-04-01"); try move(8, .approved, "2020-06-25")
            try loan("L8", 8, "农商银行", "400000", "2020-06-30")
            try identify(9, "2020-02-15")
            try move(9, .applied, "2020-06-01")
            try assign(c2, 9, "2020-06-01")
            try loan("L9", 9, "济宁银行", "250000", "2020-07-01")
            try loan("L10", 10, "济宁银行", "600000", "2020-03-10")
            try loan("L11a", 11, "农商银行", "100000", "2019-06-01")
            try loan("L11b", 11, "农商银行", "100000", "2020-04-01")
        }
    }

    func cohortReport(from: String = "2020-03-01", to: String = "2020-06-30", by grouping: FirstLoanReport.Grouping? = nil) throws -> FirstLoanReport {
        var report: FirstLoanReport?
        try withLedger { store in
            try buildCohort(store)
            let register = try store.read { db in try CultivationLedger.cultivationRegister(db) }
            report = FirstLoanReport.compute(register, from: try date(from), to: try date(to), by: grouping)
        }
        return try #require(report)
    }

    @Test func cohortTotals() throws {
        let totals = try cohortReport().totals
        // Under cultivation: 1, 2, 4 (declined 03-15, not before 03-01), 6, 7, 8, 9 = 7;
        // not 3 (withdrawn 02-20, before the period) nor 5 (identified 07-01, after it).
        #expect(totals.underCultivation == 7)
        // First loans in the period among them: L1, L2, L8 = 3; not 6 (loan record), 7 (first
        // loan in 2019), 9 (07-01). Amount 1,000,000 + 500,000 + 400,000 = 1,900,000.00.
        #expect(totals.firstLoanBorrowers == 3)
        #expect(totals.firstLoanAmount == (try money("1900000")))
        // 3 / 7 = 0.428571... -> 0.4286.
        #expect(totals.firstLoanRateTenThousandths == 4_286)
        // New borrowers: earliest loan in the period: 1, 2, 6, 8, 10 = 5 (7 and 11 borrowed in
        // 2019, 9 after). First-loan borrowers among all firms: 1, 2, 8, 10 = 4: 4 / 5 = 0.8000.
        #expect(totals.newBorrowers == 5)
        #expect(totals.firstLoanBorrowersAll == 4)
        #expect(totals.shareOfNewBorrowersTenThousandths == 8_000)
        // Days: 1: 02-10 -> 03-01 = 20 (February 2020 has 29 days), -> 04-01 + 31 = 51;
        // 2: 03-05 -> 04-01 = 27, -> 05-01 + 30, -> 05-20 + 19 = 76; 8: 03-19 -> 04-01 = 13,
        // + 30 + 31 (to 06-01) + 29 (to 06-30) = 103. Median of 51, 76, 103: 76.
        #expect(totals.daysToFirstLoan == [51, 76, 103])
        #expect(totals.medianDaysHundredths == 7_600)
        // Funnel of the 7 by 06-30 (a firm whose first loan was disbursed by then has reached
        // `disbursed` and every stage before it: 2 by L2, 7 by L7a of 2019, 8 by L8, whatever
        // stage moves were recorded): counselled or beyond 1, 2, 6, 7, 8, 9 = 6; applied or
        // beyond 1, 2, 7, 8, 9 = 5; approved 1, 2, 7, 8 = 4; disbursed 1, 2, 7, 8 = 4;
        // declined 4; withdrawn none (3 left before the period).
        #expect(CultivationStage.allCases.map(totals.reached) == [7, 6, 5, 4, 4, 1, 0])
        // 6/7 = 0.857142 -> 0.8571; 5/7 = 0.714285 -> 0.7143; 4/7 = 0.571428 -> 0.5714;
        // 1/7 = 0.142857 -> 0.1429.
        #expect(CultivationStage.allCases.map(totals.conversionTenThousandths) == [10_000, 8_571, 7_143, 5_714, 5_714, 1_429, 0])
    }

    /// The edges of "not withdrawn or declined before from": firm 3 withdrew on 02-20.
    @Test func withdrawnOnTheFirstDayStillCounts() throws {
        // From 02-20: firm 3 counts (withdrawn on `from`, not before): 8; first loans still 3
        // (L10 on 03-10 is not cultivated); 3 / 8 = 0.3750. No loan falls in 02-20..02-29.
        let fromWithdrawal = try cohortReport(from: "2020-02-20").totals
        #expect(fromWithdrawal.underCultivation == 8)
        #expect(fromWithdrawal.firstLoanRateTenThousandths == 3_750)
        #expect(fromWithdrawal.newBorrowers == 5)
        #expect(fromWithdrawal.reached(.withdrawn) == 1)
        // From 02-21: withdrawn the day before, so out again: 7.
        #expect(try cohortReport(from: "2020-02-21").totals.underCultivation == 7)
        // To 06-29: firm 8's loan of 06-30 falls out: 2 first loans, 1,500,000.00; 2 / 7 =
        // 0.2857; new borrowers 4, first-loan among them 3: 0.7500; median (51 + 76) / 2 = 63.5.
        let early = try cohortReport(to: "2020-06-29").totals
        #expect(early.firstLoanBorrowers == 2)
        #expect(early.firstLoanAmount == (try money("1500000")))
        #expect(early.firstLoanRateTenThousandths == 2_857)
        #expect(early.shareOfNewBorrowersTenThousandths == 7_500)
        #expect(early.medianDaysHundredths == 6_350)
        // Firm 8's approval of 06-25 still counts, its loan of 06-30 not: it has reached
        // `approved` only; disbursed 1, 2, 7.
        #expect(CultivationStage.allCases.map(early.reached) == [7, 6, 5, 4, 3, 1, 0])
    }

    /// A period with nobody under cultivation and no loan: every ratio "0.0000".
    @Test func emptyPeriodRatiosAreZero() throws {
        let totals = try cohortReport(from: "2019-01-01", to: "2019-01-31").totals
        #expect(totals.underCultivation == 0)
        #expect(totals.newBorrowers == 0)
        #expect(totals.firstLoanRateTenThousandths == 0)
        #expect(totals.shareOfNewBorrowersTenThousandths == 0)
        #expect(totals.medianDaysHundredths == nil)
    }

    @Test func cohortByCounty() throws {
        let report = try cohortReport(by: .county)
        // 任城区: cultivated 1, 6, 7, 9 = 4; first loan L1 = 1 (1,000,000), 1 / 4 = 0.2500; new
        // borrowers 1, 6, 10 = 3, first-loan among them 1, 10 = 2: 0.6667; median 51.
        // 兖州区: cultivated 2, 4, 8 = 3; first loans L2, L8 = 2 (900,000), 2 / 3 = 0.6667; new
        // borrowers 2, 8 = 2, both first: 1.0000; median (76 + 103) / 2 = 89.5.
        // 任 (U+4EFB) sorts before 兖 (U+5156).
        #expect(report.groups.map(\.name) == ["任城区", "兖州区"])
        let figures = report.groups.map(\.figures)
        #expect(figures.map(\.underCultivation) == [4, 3])
        #expect(figures.map(\.firstLoanBorrowers) == [1, 2])
        #expect(figures.map(\.firstLoanAmount) == [try money("1000000"), try money("900000")])
        #expect(figures.map(\.firstLoanRateTenThousandths) == [2_500, 6_667])
        #expect(figures.map(\.newBorrowers) == [3, 2])
        #expect(figures.map(\.shareOfNewBorrowersTenThousandths) == [6_667, 10_000])
        #expect(figures.map(\.medianDaysHundredths) == [5_100, 8_950])
    }

    @Test func cohortByBank() throws {
        let report = try cohortReport(by: .bank)
        // Bank of the earliest loan by 06-30, else of the latest transition naming one:
        // 济宁银行: 1 (L1), 4 (declined by 济宁银行), 6 (L6), 10 (L10, not cultivated);
        // 农商银行: 2 (L2), 7 (L7a in 2019), 8 (L8); none: 9 (its loan is after 06-30, its one
        // transition names no bank). 济宁银行: cultivated 3, first loans 1 (1,000,000), 1 / 3 =
        // 0.3333, new 1, 6, 10 = 3, first-loan 1, 10: 2 / 3 = 0.6667. 农商银行: cultivated 3,
        // first loans 2 (900,000), 0.6667, new 2, 8: 1.0000. None: 1 cultivated, nothing else.
        #expect(report.groups.map(\.name) == ["农商银行", "济宁银行", ""])
        let figures = report.groups.map(\.figures)
        #expect(figures.map(\.underCultivation) == [3, 3, 1])
        #expect(figures.map(\.firstLoanBorrowers) == [2, 1, 0])
        #expect(figures.map(\.firstLoanAmount) == [try money("900000"), try money("1000000"), .zero])
        #expect(figures.map(\.firstLoanRateTenThousandths) == [6_667, 3_333, 0])
        #expect(figures.map(\.newBorrowers) == [2, 3, 0])
        #expect(figures.map(\.shareOfNewBorrowersTenThousandths) == [10_000, 6_667, 0])
        #expect(figures.map(\.medianDaysHundredths) == [8_950, 5_100, nil])
    }

    @Test func cohortByCounsellor() throws {
        let report = try cohortReport(by: .counsellor)
        // The counsellor when the first loan was disbursed, else the latest by 06-30:
        // C1: 1 (C1 at L1), 2 (C1 at L2 on 05-20; C2 only from 06-10), 6 (no first loan; C1);
        // C2: 4, 9; none: 7, 8 and 10. C1: cultivated 3, first loans 2 (1,500,000), 2 / 3 =
        // 0.6667; new 1, 2, 6 = 3, first-loan 2: 0.6667; median (51 + 76) / 2 = 63.5.
        // C2: cultivated 2, nothing else. None: cultivated 7, 8 = 2, first loan L8 (400,000),
        // 1 / 2 = 0.5000; new 8, 10 = 2, both first: 1.0000; median 103.
        #expect(report.groups.map(\.name) == ["C1", "C2", ""])
        #expect(report.groups.map(\.label) == ["张明", "李华", nil])
        let figures = report.groups.map(\.figures)
        #expect(figures.map(\.underCultivation) == [3, 2, 2])
        #expect(figures.map(\.firstLoanBorrowers) == [2, 0, 1])
        #expect(figures.map(\.firstLoanAmount) == [try money("1500000"), .zero, try money("400000")])
        #expect(figures.map(\.firstLoanRateTenThousandths) == [6_667, 0, 5_000])
        #expect(figures.map(\.newBorrowers) == [3, 0, 2])
        #expect(figures.map(\.shareOfNewBorrowersTenThousandths) == [6_667, 0, 10_000])
        #expect(figures.map(\.medianDaysHundredths) == [6_350, nil, 10_300])
    }
}
