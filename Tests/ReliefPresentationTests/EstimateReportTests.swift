import ReliefDomain
import ReliefEngine
import ReliefPresentation
import Testing

/// The estimate's sentences of advice, each figure in them worked out by hand.
@Suite struct EstimateReportTests {
    func estimate(_ principal: String, _ annualRate: String, _ start: String, months: Int, _ method: RepaymentMethod = .annuity,
                  bridgeDays: Int, privateRate: String) throws -> EstimateReport {
        let terms = try LoanTerms(principal: try Money(parsing: principal), annualRate: try Rate(parsing: annualRate),
                                  start: try CivilDate(parsing: start), termMonths: months, method: method)
        return EstimateReport(estimate: try ReliefEstimate.compute(terms: terms, programme: try ReliefProgramme.nationalNotice2020(),
                                                                   bridgeTerms: .seed(), bridgeDays: bridgeDays,
                                                                   privateDailyRate: try Rate(parsing: privateRate)))
    }

    /// 120,000.00 annuity at 4.8% for 6 months from 2020-01-15, 4 bridge days at maturity
    /// (2020-07-15): the fund 120,000 x 0.0008 x 4 = 384.00, private 120,000 x 0.003 x 4 =
    /// 1,440.00; 1,440 / 384 = 3.75, said "3.8 times".
    @Test func privateMoneyTimesTheFundsFee() throws {
        let report = try estimate("120000", "4.8%", "2020-01-15", months: 6, bridgeDays: 4, privateRate: "0.3%")
        #expect(report.advice(.privateBridge) == "Private bridge money at 0.3% a day would cost 1,440.00 for the same 4 days, 3.8 times the fund's fee.")
        #expect(report.advice(.bridgeFund) == "Bridging the whole principal of 120,000.00 at maturity for 4 days through the fund costs 384.00, 1,056.00 less than private bridge money.")
    }

    /// 100,000.00 bullet at 3.6% from 2020-07-01 for 3 months: nothing falls due in the
    /// programme's window (2020-01-25 to 2020-06-30); interest 100,000 x 0.036 x 92 / 360 =
    /// 920.00; one bridge day: 80.00 at the fund, 300.00 private.
    @Test func nothingInTheWindow() throws {
        let report = try estimate("100000", "3.6%", "2020-07-01", months: 3, .bullet, bridgeDays: 1, privateRate: "0.3%")
        #expect(report.advice(.onSchedule) == "Paying every installment on time costs 920.00 of interest in all; the programme's window holds none of its installments.")
        #expect(report.advice(.deferral) == "No installment falls due between 2020-01-25 and 2020-06-30, so programme 2020 changes nothing for this loan.")
        #expect(report.advice(.overdueWithoutRelief) == "Nothing would fall overdue in the programme's window, so there is no penalty to avoid.")
        #expect(report.advice(.bridgeFund) == "Bridging the whole principal of 100,000.00 at maturity for 1 day through the fund costs 80.00, 220.00 less than private bridge money.")
    }

    /// A private rate below the fund's (0.05% a day: 100,000 x 0.0005 = 50.00 against 80.00).
    @Test func privateMoneyCheaperThanTheFund() throws {
        let report = try estimate("100000", "3.6%", "2020-07-01", months: 3, .bullet, bridgeDays: 1, privateRate: "0.05%")
        #expect(report.advice(.bridgeFund) == "Bridging the whole principal of 100,000.00 at maturity for 1 day through the fund costs 80.00, 30.00 more than private bridge money at this rate.")
    }
}
