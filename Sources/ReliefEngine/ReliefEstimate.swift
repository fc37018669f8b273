import ReliefDomain

/// What each way through a hard spell costs an enterprise (SPEC.md "estimate"), side by side;
/// the sentence of advice per option is the presentation's (`EstimateReport`).
public struct ReliefEstimate: Sendable {
    public enum Option: String, Sendable, CaseIterable {
        case onSchedule = "on_schedule"
        case deferral
        case overdueWithoutRelief = "overdue_without_relief"
        case bridgeFund = "bridge_fund"
        case privateBridge = "private_bridge"
    }

    public struct Line: Sendable {
        public let option: Option
        public let interestAndFees: Money
        /// The overdue path's cost minus this option's, for paying on schedule and deferring;
        /// nil where the comparison does not apply.
        public let savingVsOverdue: Money?
    }

    /// The programme the deferral option was priced under.
    public let programme: ReliefProgramme
    public let schedule: Schedule
    public let deferral: DeferralResult
    public let bridgeQuote: BridgeQuote
    public let privateFee: Money
    public let privateDailyRate: Rate
    public let renewal: RenewalResult
    public let lines: [Line]

    /// - Parameters:
    ///   - bridgeDays: how long the principal is bridged at maturity (SPEC default 4).
    public static func compute(terms: LoanTerms, programme: ReliefProgramme, bridgeTerms: BridgeTerms, bridgeDays: Int,
                               privateDailyRate: Rate, rounding: Rounding = .halfUp) throws(RuleViolation) -> ReliefEstimate {
        let schedule = try ScheduleCalculator(rounding: rounding).schedule(for: terms)
        let deferral = DeferralCalculator(programme: programme, rounding: rounding).apply(to: schedule)
        let maturity = terms.maturity
        let bridge = try BridgeFeeCalculator(terms: bridgeTerms, rounding: rounding)
            .quote(amount: terms.principal, advance: maturity, repayment: maturity.adding(days: bridgeDays))
        let privateFee = BridgeFeeCalculator.flatFee(amount: terms.principal, days: bridge.days, dailyRate: privateDailyRate, rounding: rounding)
        let renewal = try RenewalCalculator(rounding: rounding).renew(schedule, on: maturity)
        let totals = deferral.totals
        let interest = schedule.totalInterest
        let deferralCost = interest + totals.interestOnDeferredPrincipal + totals.compoundOnDeferredInterest
        let overdueCost = interest + totals.penaltyInterestWithoutRelief + totals.compoundInterestWithoutRelief
        let lines = [
            Line(option: .onSchedule, interestAndFees: interest, savingVsOverdue: overdueCost - interest),
            Line(option: .deferral, interestAndFees: deferralCost, savingVsOverdue: overdueCost - deferralCost),
            Line(option: .overdueWithoutRelief, interestAndFees: overdueCost, savingVsOverdue: nil),
            Line(option: .bridgeFund, interestAndFees: bridge.fee, savingVsOverdue: nil),
            Line(option: .privateBridge, interestAndFees: privateFee, savingVsOverdue: nil),
        ]
        return ReliefEstimate(programme: programme, schedule: schedule, deferral: deferral, bridgeQuote: bridge, privateFee: privateFee,
                              privateDailyRate: privateDailyRate, renewal: renewal, lines: lines)
    }
}
