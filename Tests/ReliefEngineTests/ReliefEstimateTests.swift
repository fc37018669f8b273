import ReliefDomain
import ReliefEngine
import Testing

/// `ReliefEstimate` on loans whose figures are worked out by hand below (RULES.md sections 2, 4
/// and 6; SPEC.md "estimate"): no SQLite, no binary.
@Suite struct ReliefEstimateTests {
    func line(_ estimate: ReliefEstimate, _ option: ReliefEstimate.Option) throws -> ReliefEstimate.Line {
        try #require(estimate.lines.first { $0.option == option })
    }

    /// 120,000.00 annuity at 4.8% for 6 months from 2020-01-15 (30/360, i = 0.004), programme 2020
    /// (due dates 2020-01-25..06-30 deferred to 06-30, uplift 50%), 4 bridge days, private 0.3% a day.
    @Test func annuityUnderProgramme2020() throws {
        let estimate = try ReliefEstimate.compute(terms: try terms("120000", "4.8%", "2020-01-15", months: 6),
                                                  programme: try ReliefProgramme.nationalNotice2020(), bridgeTerms: .seed(),
                                                  bridgeDays: 4, privateDailyRate: try rate("0.3%"))
        // M = 120,000 x 0.004 x 1.004^6 / (1.004^6 - 1) = 20,280.93. Interest by row:
        // 120,000 x 0.004 = 480.00; 100,199.07 x 0.004 = 400.796 -> 400.80; 80,318.94 -> 321.28;
        // 60,359.29 -> 241.44; 40,319.80 -> 161.28; 20,200.15 -> 80.8006 -> 80.80. Sum 1,685.60.
        #expect(estimate.schedule.totalInterest == (try money("1685.60")))
        // Rows 1-5 (due 02-15, 03-15, 04-15, 05-15, 06-15) fall in the window; d_k to 06-30 =
        // 136, 107, 76, 46, 15 days. Interest on deferred principal, principal x 0.048 x d / 360:
        // 19,800.93 -> 359.056864 -> 359.06; 19,880.13 -> 283.623188 -> 283.62;
        // 19,959.65 -> 202.257787 -> 202.26; 20,039.49 -> 122.908872 -> 122.91;
        // 20,119.65 -> 40.2393 -> 40.24. Sum 1,008.09.
        let totals = estimate.deferral.totals
        #expect(totals.deferredInstallments == 5)
        #expect(totals.interestOnDeferredPrincipal == (try money("1008.09")))
        // Penalty (x 1.5): 538.585296 -> 538.59; 425.434782 -> 425.43; 303.38668 -> 303.39;
        // 184.363308 -> 184.36; 60.35895 -> 60.36. Sum 1,512.13.
        #expect(totals.penaltyInterestWithoutRelief == (try money("1512.13")))
        // Compound on the deferred interest (x 1.5): 480 x 0.072 x 136 / 360 = 13.056 -> 13.06;
        // 400.80 -> 8.57712 -> 8.58; 321.28 -> 4.883456 -> 4.88; 241.44 -> 2.221248 -> 2.22;
        // 161.28 -> 0.48384 -> 0.48. Sum 29.22.
        #expect(totals.compoundInterestWithoutRelief == (try money("29.22")))

        #expect(estimate.lines.map(\.option) == [.onSchedule, .deferral, .overdueWithoutRelief, .bridgeFund, .privateBridge])
        // on schedule: 1,685.60; overdue: 1,685.60 + 1,512.13 + 29.22 = 3,226.95; saving 1,541.35.
        let onSchedule = try line(estimate, .onSchedule)
        #expect(onSchedule.interestAndFees == (try money("1685.60")))
        #expect(onSchedule.savingVsOverdue == (try money("1541.35")))
        // deferral: 1,685.60 + 1,008.09 = 2,693.69; saving 3,226.95 - 2,693.69 = 533.26 (the relief).
        let deferral = try line(estimate, .deferral)
        #expect(deferral.interestAndFees == (try money("2693.69")))
        #expect(deferral.savingVsOverdue == (try money("533.26")))
        #expect(totals.relief == (try money("533.26")))
        let overdue = try line(estimate, .overdueWithoutRelief)
        #expect(overdue.interestAndFees == (try money("3226.95")))
        #expect(overdue.savingVsOverdue == nil)
        // Bridge at maturity 2020-07-15 for 4 days: 120,000 x 0.0008 x 4 = 384.00 (fund);
        // 120,000 x 0.003 x 4 = 1,440.00 (private); 1,440 / 384 = 3.75 -> "3.8 times".
        let fund = try line(estimate, .bridgeFund)
        #expect(fund.interestAndFees == (try money("384.00")))
        #expect(fund.savingVsOverdue == nil)
        #expect(estimate.bridgeQuote.days == 4)
        #expect(try line(estimate, .privateBridge).interestAndFees == (try money("1440.00")))
        #expect(estimate.privateFee == (try money("1440.00")))
        // Renewal at maturity settles the balance before the last row, 20,200.15.
        #expect(estimate.renewal.principalSettled == (try money("20200.15")))
    }

    /// A loan with nothing in the window: deferral costs what paying on schedule costs and
    /// there is no penalty to avoid. 100,000.00 bullet at 3.6% ACT/360 from 2020-07-01 for 3
    /// months (matures 2020-10-01, 92 days): interest 100,000 x 0.036 x 92 / 360 = 920.00.
    @Test func nothingInTheWindow() throws {
        let estimate = try ReliefEstimate.compute(terms: try terms("100000", "3.6%", "2020-07-01", months: 3, .bullet),
                                                  programme: try ReliefProgramme.nationalNotice2020(), bridgeTerms: .seed(),
                                                  bridgeDays: 1, privateDailyRate: try rate("0.3%"))
        #expect(estimate.schedule.totalInterest == (try money("920.00")))
        #expect(!estimate.deferral.deferredAnything)
        for option in [ReliefEstimate.Option.onSchedule, .deferral, .overdueWithoutRelief] {
            #expect(try line(estimate, option).interestAndFees == (try money("920.00")), "\(option)")
        }
        #expect(try line(estimate, .onSchedule).savingVsOverdue == .zero)
        #expect(try line(estimate, .deferral).savingVsOverdue == .zero)
        // One bridge day: 100,000 x 0.0008 = 80.00; private 100,000 x 0.003 = 300.00.
        #expect(try line(estimate, .bridgeFund).interestAndFees == (try money("80.00")))
        #expect(try line(estimate, .privateBridge).interestAndFees == (try money("300.00")))
    }

    /// A private rate below the fund's: the advice says the fund costs more (0.05% a day:
    /// 100,000 x 0.0005 x 1 = 50.00 against the fund's 80.00: 30.00 more).
    @Test func privateMoneyCheaperThanTheFund() throws {
        let estimate = try ReliefEstimate.compute(terms: try terms("100000", "3.6%", "2020-07-01", months: 3, .bullet),
                                                  programme: try ReliefProgramme.nationalNotice2020(), bridgeTerms: .seed(),
                                                  bridgeDays: 1, privateDailyRate: try rate("0.05%"))
        #expect(estimate.privateFee == (try money("50.00")))
    }
}
