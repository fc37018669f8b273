import ReliefDomain

/// What each way through a hard spell costs an enterprise (SPEC.md "estimate"), side by side,
/// with one sentence of advice per option computed from the numbers.
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
        public let advice: String
    }

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
        let money = { (amount: Money) in amount.formatted(grouped: true) }
        var lines: [Line] = []
        lines.append(Line(option: .onSchedule, interestAndFees: interest, savingVsOverdue: overdueCost - interest,
                          advice: "Paying every installment on time costs \(money(interest)) of interest in all"
                            + (deferral.deferredAnything ? ", \(money(overdueCost - interest)) less than letting the installments due \(programme.window.lowerBound) to \(programme.window.upperBound) fall overdue." : "; the programme's window holds none of its installments.")))
        if deferral.deferredAnything {
            lines.append(Line(option: .deferral, interestAndFees: deferralCost, savingVsOverdue: overdueCost - deferralCost,
                              advice: "Deferring \(totals.deferredInstallments) installment\(totals.deferredInstallments == 1 ? "" : "s") (\(money(totals.deferredPrincipal)) principal, \(money(totals.deferredInterest)) interest) to \(deferral.deferralDate) adds \(money(deferralCost - interest)) of ordinary interest and spares \(money(totals.relief)) of penalty and compound interest; the credit record stays clean."))
        } else {
            lines.append(Line(option: .deferral, interestAndFees: deferralCost, savingVsOverdue: overdueCost - deferralCost,
                              advice: "No installment falls due between \(programme.window.lowerBound) and \(programme.window.upperBound), so programme \(programme.name) changes nothing for this loan."))
        }
        lines.append(Line(option: .overdueWithoutRelief, interestAndFees: overdueCost, savingVsOverdue: nil,
                          advice: deferral.deferredAnything
                            ? "Leaving the \(money(totals.deferredPrincipal + totals.deferredInterest)) unpaid until \(deferral.deferralDate) without relief would add \(money(overdueCost - interest)) of penalty and compound interest (rate x \((Rate.one + programme.penaltyUplift).fractionString(minimumDecimals: 1))) and an overdue mark in the credit report."
                            : "Nothing would fall overdue in the programme's window, so there is no penalty to avoid."))
        let bridgeSaving = privateFee - bridge.fee
        lines.append(Line(option: .bridgeFund, interestAndFees: bridge.fee, savingVsOverdue: nil,
                          advice: "Bridging the whole principal of \(money(terms.principal)) at maturity for \(bridge.days) day\(bridge.days == 1 ? "" : "s") through the fund costs \(money(bridge.fee)), "
                            + (bridgeSaving.isNegative ? "\(money(-bridgeSaving)) more than private bridge money at this rate." : "\(money(bridgeSaving)) less than private bridge money.")))
        lines.append(Line(option: .privateBridge, interestAndFees: privateFee, savingVsOverdue: nil,
                          advice: "Private bridge money at \(privateDailyRate.percentString()) a day would cost \(money(privateFee)) for the same \(bridge.days) day\(bridge.days == 1 ? "" : "s")"
                            + (bridge.fee.isZero ? "." : ", \(ReliefEstimate.times(privateFee, bridge.fee)) times the fund's fee.")))
        return ReliefEstimate(schedule: schedule, deferral: deferral, bridgeQuote: bridge, privateFee: privateFee,
                              privateDailyRate: privateDailyRate, renewal: renewal, lines: lines)
    }

    /// `a / b` with one decimal, half up: "3.8".
    static func times(_ a: Money, _ b: Money) -> String {
        let tenths = Rounding.halfUp.divide(Int128(a.fen) * 10, by: Int128(b.fen))
        return "\(tenths / 10).\(tenths % 10)"
    }
}
