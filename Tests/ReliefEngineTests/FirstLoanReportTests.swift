import ReliefDomain
import ReliefEngine
import Testing

/// The first-loan KPIs on a register of values (no ledger), every figure worked out by hand
/// from SPEC.md's definitions for the period 2020-04-01 to 2020-06-30.
@Suite struct FirstLoanReportTests {
    typealias Enterprise = CultivationRegister.Enterprise
    typealias Transition = CultivationRegister.Transition

    static let codes = ["91350100M000100Y43", "92350100MA2XY00001", "91440300708461136T", "91110000600037341L"]

    func firm(_ index: Int, identified: String?, record: Bool = false, moves: [(CultivationStage, String)] = [],
              loan: (String, Int64, String)? = nil) throws -> Enterprise {
        try Enterprise(code: CreditCode(validating: Self.codes[index % Self.codes.count]), name: "firm \(index)", size: .small,
                       county: "任城区", industry: nil, hasLoanRecord: record, identifiedOn: identified.map(date),
                       transitions: moves.map { Transition(stage: $0.0, date: try date($0.1), bank: nil) }, assignments: [],
                       earliestLoan: loan.map { CultivationRegister.Loan(id: try LoanID(validating: "L\(index)"), bank: $0.2,
                                                                          amount: Money(yuan: $0.1), date: try date($0.0)) })
    }

    /// - A: identified 03-01, counselled 03-05, applied 03-20; first loan 04-10, 1,000,000
    ///   (40 days after identification: 31 in March + 9).
    /// - B: identified 03-10, no stage moves recorded; first loan booked 05-01, 500,000 (52 days:
    ///   31 to 04-10 + 21).
    /// - C: identified 02-01, withdrawn 02-15: not under cultivation in the period.
    /// - D: identified 04-15, credit report shows a loan record; loan 06-01: a new borrower, not
    ///   a first-loan borrower.
    /// - E: never cultivated; first loan 06-20, 200,000: a new and first-loan borrower among all.
    /// - F: identified 03-01, counselled 03-02, approved 03-30; loan 07-05, after the period.
    func register() throws -> CultivationRegister {
        CultivationRegister(enterprises: [
            try firm(0, identified: "2020-03-01", moves: [(.counselled, "2020-03-05"), (.applied, "2020-03-20")],
                     loan: ("2020-04-10", 1_000_000, "济宁银行")),
            try firm(1, identified: "2020-03-10", loan: ("2020-05-01", 500_000, "农商银行")),
            try firm(2, identified: "2020-02-01", moves: [(.withdrawn, "2020-02-15")]),
            try firm(3, identified: "2020-04-15", record: true, loan: ("2020-06-01", 300_000, "农商银行")),
            try firm(4, identified: nil, loan: ("2020-06-20", 200_000, "济宁银行")),
            try firm(5, identified: "2020-03-01", moves: [(.counselled, "2020-03-02"), (.approved, "2020-03-30")],
                     loan: ("2020-07-05", 400_000, "济宁银行")),
        ], counsellors: [:])
    }

    @Test func theKPIsOfSpec() throws {
        let report = FirstLoanReport.compute(try register(), from: try date("2020-04-01"), to: try date("2020-06-30"))
        let totals = report.totals
        #expect(totals.underCultivation == 4)            // A, B, D, F
        #expect(totals.firstLoanBorrowers == 2)          // A, B
        #expect(totals.firstLoanAmount == Money(yuan: 1_500_000))
        #expect(totals.firstLoanRateTenThousandths == 5_000)  // 2 / 4
        #expect(totals.newBorrowers == 4)                // A, B, D, E
        #expect(totals.firstLoanBorrowersAll == 3)       // A, B, E
        #expect(totals.shareOfNewBorrowersTenThousandths == 7_500)  // 3 / 4
        #expect(totals.medianDaysHundredths == 4_600)    // median of 40 and 52
    }

    /// A firm whose first loan was disbursed by `to` has reached `disbursed` and every stage
    /// before it, whatever stage moves were recorded (B has none; A stopped at `applied`).
    @Test func theFunnelCountsAFirstLoanAsDisbursed() throws {
        let report = FirstLoanReport.compute(try register(), from: try date("2020-04-01"), to: try date("2020-06-30"))
        let reached = CultivationStage.pipeline.map { report.totals.reached($0) }
        // identified A B D F; counselled A B F; applied A B F (F passed it on its way to
        // approved); approved A B F; disbursed A B.
        #expect(reached == [4, 3, 3, 3, 2])
        #expect(report.totals.reached(.withdrawn) == 0)  // C left before the period
    }

    /// Before B's loan (05-01), B has reached only `identified`; A has reached `disbursed`.
    @Test func theFunnelOnlyCountsLoansDisbursedByTheEnd() throws {
        let report = FirstLoanReport.compute(try register(), from: try date("2020-04-01"), to: try date("2020-04-30"))
        #expect(CultivationStage.pipeline.map { report.totals.reached($0) } == [4, 2, 2, 2, 1])  // A B D F; A F; A F; A F; A
        #expect(report.totals.firstLoanBorrowers == 1)
        #expect(report.totals.newBorrowers == 1)
    }
}
