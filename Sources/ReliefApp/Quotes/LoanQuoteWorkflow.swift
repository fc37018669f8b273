import ReliefDomain
import ReliefEngine

/// What a loan's terms give without a ledger, for anyone (the public estimator): its
/// schedule, its deferral under a programme, an extension, a renewal, and the estimate that
/// compares the options an enterprise has.
public enum LoanQuoteWorkflow {
    public static func schedule(_ terms: LoanTerms, rounding: Rounding = .halfUp) throws -> Schedule {
        try ScheduleCalculator(rounding: rounding).schedule(for: terms)
    }

    /// The loan deferred under `programme` (no eligibility is checked for a single loan).
    public static func deferred(_ terms: LoanTerms, programme: ReliefProgramme, rounding: Rounding = .halfUp) throws -> DeferralResult {
        DeferralCalculator(programme: programme, rounding: rounding).apply(to: try schedule(terms, rounding: rounding))
    }

    /// The loan extended (展期) to `maturity`, agreed on `agreed` (default: its maturity).
    public static func extended(_ terms: LoanTerms, to maturity: CivilDate, agreed: CivilDate?, rounding: Rounding = .halfUp) throws -> ExtensionResult {
        try ExtensionCalculator(rounding: rounding).extend(try schedule(terms, rounding: rounding), to: maturity, agreed: agreed)
    }

    /// The loan renewed (无还本续贷) on `date` with `changes` to its terms.
    public static func renewed(_ terms: LoanTerms, on date: CivilDate, with changes: RenewalCalculator.NewTerms,
                               rounding: Rounding = .halfUp) throws -> RenewalResult {
        try RenewalCalculator(rounding: rounding).renew(try schedule(terms, rounding: rounding), on: date, with: changes)
    }

    /// Every way through maturity an enterprise has, priced: deferral, the bridge fund for
    /// `bridgeDays` days, private bridge money at `privateDailyRate`, renewal, overdue. Fewer
    /// than one bridge day breaks the rule `bridge-days-minimum` (a same-day bridge counts as one day).
    public static func estimate(_ terms: LoanTerms, programme: ReliefProgramme, bridgeDays: Int, privateDailyRate: Rate,
                                rounding: Rounding = .halfUp) throws -> ReliefEstimate {
        guard bridgeDays >= 1 else { throw RuleViolation(rule: "bridge-days-minimum", "a bridge lasts at least 1 day (a same-day bridge counts as one day); \(bridgeDays) was asked") }
        return try ReliefEstimate.compute(terms: terms, programme: programme, bridgeTerms: .seed(), bridgeDays: bridgeDays,
                                          privateDailyRate: privateDailyRate, rounding: rounding)
    }
}
