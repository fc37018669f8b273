/// The contract terms a repayment schedule is computed from, validated against the limits
/// the tool accepts.
public struct LoanTerms: Hashable, Sendable {
    public let principal: Money
    /// Annual contract rate.
    public let annualRate: Rate
    /// Disbursement date; the first day of interest.
    public let start: CivilDate
    public let termMonths: Int
    public let method: RepaymentMethod
    public let dayCount: DayCount
    public let settlement: Settlement

    /// CNY 0.01 to CNY 10 billion: the largest SME credit line by far is CNY 100 million.
    public static let principalRange = Money(fen: 1)...Money(fen: 1_000_000_000_000)
    /// 0 to 36%: Chinese courts do not protect rates above 36% a year.
    public static let annualRateRange = Rate.zero...Rate(percent: 36)
    /// 1 to 600 months (50 years), longer than any mortgage.
    public static let termMonthsRange = 1...600

    /// - Parameters:
    ///   - dayCount: nil takes the method's default (30/360 for annuity and equal principal,
    ///     ACT/360 for interest-only and bullet).
    public init(principal: Money, annualRate: Rate, start: CivilDate, termMonths: Int,
                method: RepaymentMethod, dayCount: DayCount? = nil,
                settlement: Settlement = .dueDates) throws(RuleViolation) {
        try LoanTerms.checkPrincipal(principal)
        try LoanTerms.checkAnnualRate(annualRate)
        try LoanTerms.checkTermMonths(termMonths)
        if settlement == .quarterly && method != .interestOnly {
            throw RuleViolation(rule: "settlement-method",
                                "quarterly settlement applies to interest-only loans, not \(method.rawValue)")
        }
        // The maturity lies at most 31 days a month after the start: a start from the first
        // day of the year range whose term ends, so counted, by its last day cannot mature
        // outside it (the common case, with no calendar conversion); otherwise the year decides.
        let latestMaturity = Int(start.daysSinceEpoch) + 31 * termMonths
        if start < LoanTerms.firstDayOfYearRange || latestMaturity > Int(LoanTerms.lastDayOfYearRange.daysSinceEpoch) {
            let (startYear, startMonth, _) = start.components
            let maturityYear = startYear + (startMonth - 1 + termMonths) / 12
            guard CivilDate.yearRange.contains(maturityYear) else {
                throw RuleViolation(rule: "date-limit", "the loan would mature in \(maturityYear), after \(CivilDate.yearRange.upperBound)")
            }
        }
        self.principal = principal
        self.annualRate = annualRate
        self.start = start
        self.termMonths = termMonths
        self.method = method
        self.dayCount = dayCount ?? method.defaultDayCount
        self.settlement = settlement
    }

    /// The limits of each term alone, so that a reader can say which field breaks one, and
    /// all of them at once, before the terms are whole.
    public static func checkPrincipal(_ principal: Money) throws(RuleViolation) {
        guard principalRange.contains(principal) else {
            throw RuleViolation(rule: "principal-limit",
                                "principal \(principal.formatted(grouped: true)) is outside \(principalRange.lowerBound.formatted(grouped: true)) to \(principalRange.upperBound.formatted(grouped: true)) CNY")
        }
    }

    public static func checkAnnualRate(_ annualRate: Rate) throws(RuleViolation) {
        guard annualRateRange.contains(annualRate) else {
            throw RuleViolation(rule: "rate-limit", "annual rate \(annualRate.percentString()) is outside 0% to \(annualRateRange.upperBound.percentString())")
        }
    }

    public static func checkTermMonths(_ termMonths: Int) throws(RuleViolation) {
        guard termMonthsRange.contains(termMonths) else {
            throw RuleViolation(rule: "term-limit",
                                "term of \(termMonths) months is outside \(termMonthsRange.lowerBound) to \(termMonthsRange.upperBound) months")
        }
    }

    static let firstDayOfYearRange = CivilDate(unchecked: CivilDate.yearRange.lowerBound, 1, 1)
    static let lastDayOfYearRange = CivilDate(unchecked: CivilDate.yearRange.upperBound, 12, 31)

    /// The last due date: `start` plus the term, anchored and clamped to month end.
    public var maturity: CivilDate { start.adding(months: termMonths) }
}
