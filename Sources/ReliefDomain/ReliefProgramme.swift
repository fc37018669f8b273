/// A temporary deferral programme (临时性延期还本付息) as data: which installments it defers,
/// until when, and who may apply (RULES.md section 3, SPEC.md capability 3).
public struct ReliefProgramme: Hashable, Sendable {
    /// What a programme defers of each installment in its window.
    public enum Scope: String, Sendable, CaseIterable {
        case principal, interest, both
    }

    /// Short stable name: `2020`, `2020-06`, or a user programme's own.
    public let name: String
    /// The notice it implements, for people.
    public let title: String
    /// Installments due within `[window.lowerBound, window.upperBound]` (both inclusive) are deferred.
    public let window: ClosedRange<CivilDate>
    /// The latest date deferred amounts fall due; they fall due on it as a lump sum.
    public let deferralDate: CivilDate
    public let scope: Scope
    /// Deferred principal keeps accruing ordinary interest at the contract rate (default on;
    /// 2022 notice: 延期贷款正常计息).
    public let interestOnDeferredPrincipal: Bool
    /// Deferred interest bears compound interest at the contract rate (stated nowhere: default off).
    public let compoundOnDeferredInterest: Bool
    /// The penalty uplift of the no-relief counterfactual: penalty rate = rate x (1 + uplift).
    public let penaltyUplift: Rate
    public let eligibility: Eligibility

    /// Who may have their loans deferred.
    public struct Eligibility: Hashable, Sendable {
        public let sizes: Set<EnterpriseSize>
        /// Loans under a credit line above this are excluded (inclusive-loan programmes: CNY 10 million).
        public let creditLineCap: Money?
        /// The firm must have applied (on or before the deferral date).
        public let applicationRequired: Bool
        /// Only loans maturing within these dates (the 2022-11 notice: loans maturing in the
        /// fourth quarter of 2022); nil admits any maturity.
        public let maturing: ClosedRange<CivilDate>?

        public init(sizes: Set<EnterpriseSize>, creditLineCap: Money? = nil, applicationRequired: Bool = true,
                    maturing: ClosedRange<CivilDate>? = nil) {
            self.sizes = sizes
            self.creditLineCap = creditLineCap
            self.applicationRequired = applicationRequired
            self.maturing = maturing
        }
    }

    /// Legal range of the uplift: 30-50% for overdue loans, 50-100% for misused ones
    /// (银发〔2003〕251号); the heavier one applies alone, so 30% to 100%.
    public static let penaltyUpliftRange = Rate(percent: 30)...Rate(percent: 100)

    public init(name: String, title: String, window: ClosedRange<CivilDate>, deferralDate: CivilDate,
                scope: Scope = .both, interestOnDeferredPrincipal: Bool = true,
                compoundOnDeferredInterest: Bool = false, penaltyUplift: Rate = Rate(percent: 50),
                eligibility: Eligibility) throws(RuleViolation) {
        guard deferralDate >= window.upperBound else {
            throw RuleViolation(rule: "deferral-date",
                                "the deferral date \(deferralDate) is before the end of the window \(window.upperBound): deferred amounts would fall due before they were due")
        }
        guard ReliefProgramme.penaltyUpliftRange.contains(penaltyUplift) else {
            throw RuleViolation(rule: "penalty-uplift",
                                "a penalty uplift of \(penaltyUplift.percentString()) is outside 30% to 100% (30-50% overdue, 50-100% misused)")
        }
        guard !eligibility.sizes.isEmpty else {
            throw RuleViolation(rule: "eligibility", "the programme admits no enterprise size")
        }
        if let cap = eligibility.creditLineCap, cap <= .zero {
            throw RuleViolation(rule: "eligibility", "the credit-line cap \(cap.formatted(grouped: true)) must be positive")
        }
        self.name = name
        self.title = title
        self.window = window
        self.deferralDate = deferralDate
        self.scope = scope
        self.interestOnDeferredPrincipal = interestOnDeferredPrincipal
        self.compoundOnDeferredInterest = compoundOnDeferredInterest
        self.penaltyUplift = penaltyUplift
        self.eligibility = eligibility
    }

    /// The same programme with some parameters overridden (command-line `--from`, `--until`,
    /// `--defer-to`, `--penalty-uplift`, `--compound-deferred-interest`), validated again.
    ///
    /// The deferral date is `deferralDate` if given, else the programme's (SPEC.md). When a
    /// later `until` would put the programme's date inside the window, the window's end is
    /// used instead, so that nothing is deferred to a date before it was due.
    public func overriding(from: CivilDate? = nil, until: CivilDate? = nil, deferralDate: CivilDate? = nil,
                           penaltyUplift: Rate? = nil, compoundOnDeferredInterest: Bool? = nil) throws(RuleViolation) -> ReliefProgramme {
        let lower = from ?? window.lowerBound
        let upper = until ?? window.upperBound
        guard lower <= upper else {
            throw RuleViolation(rule: "window", "the window starts \(lower), after it ends \(upper)")
        }
        let date = deferralDate ?? max(self.deferralDate, upper)
        // A programme run with another window or date is another programme: the ledger keys
        // "already deferred" by name, so it must not mistake a partial run for the whole one.
        let changed = lower != window.lowerBound || upper != window.upperBound || date != self.deferralDate
        let runName = changed ? "\(name)[\(lower)..\(upper)->\(date)]" : name
        return try ReliefProgramme(name: runName, title: title, window: lower...upper, deferralDate: date, scope: scope,
                                   interestOnDeferredPrincipal: interestOnDeferredPrincipal,
                                   compoundOnDeferredInterest: compoundOnDeferredInterest ?? self.compoundOnDeferredInterest,
                                   penaltyUplift: penaltyUplift ?? self.penaltyUplift, eligibility: eligibility)
    }
}
