import ReliefDomain

/// The bridge fund's fee engine (RULES.md section 6), pure.
///
/// Days run from the advance date to the repayment date, the first counted and the last
/// not; a same-day repayment counts as one day. The fee is `amount x rate x days`, rounded
/// once to the fen (half up); with tiers, the rates of each day are summed first, so the
/// fee is still one rounding of an exact product. A minimum fee raises it.
public struct BridgeFeeCalculator: Sendable {
    public let terms: BridgeTerms
    public let rounding: Rounding

    public init(terms: BridgeTerms, rounding: Rounding = .halfUp) {
        self.terms = terms
        self.rounding = rounding
    }

    /// Days charged for a bridge from `advance` to `repayment`; nil when repayment is earlier.
    public static func days(from advance: CivilDate, to repayment: CivilDate) -> Int? {
        let days = advance.days(to: repayment)
        if days < 0 { return nil }
        return max(1, days)
    }

    /// The sum of the daily rates over `days` days: flat `rate x days`, or day by day through the tiers.
    public func rateUnits(days: Int, dailyRate: Rate) -> Int128 {
        guard !terms.tiers.isEmpty else { return Int128(dailyRate.units) * Int128(days) }
        var total: Int128 = 0
        var dayCounted = 0
        for tier in terms.tiers {
            let through = min(tier.throughDay ?? days, days)
            if through > dayCounted {
                total += Int128(tier.rate.units) * Int128(through - dayCounted)
                dayCounted = through
            }
            if dayCounted >= days { break }
        }
        return total
    }

    /// What `amount` costs over `days` days at one flat `dailyRate`, with no tiers, cap or
    /// minimum: the price of private bridge money, or of the fund at its old rate, beside the
    /// fund's own fee.
    public static func flatFee(amount: Money, days: Int, dailyRate: Rate, rounding: Rounding = .halfUp) -> Money {
        amount.scaled(by: Int128(dailyRate.units) * Int128(days), dividedBy: Int128(Rate.scale), rounding: rounding)
    }

    /// The fee for `amount` over `days` days at `dailyRate` (ignored when tiers apply),
    /// raised to the minimum fee.
    public func fee(amount: Money, days: Int, dailyRate: Rate) -> Money {
        let exact = amount.scaled(by: rateUnits(days: days, dailyRate: dailyRate), dividedBy: Int128(Rate.scale), rounding: rounding)
        if let minimum = terms.minimumFee, exact < minimum { return minimum }
        return exact
    }

    /// A quote, or the rule it breaks with the numbers: over the maximum days, over the rate
    /// cap, over the commitment share or the enterprise cap, repayment before advance.
    ///
    /// - Parameters:
    ///   - dailyRate: nil for the terms' cap (the fee the seed allows).
    ///   - enterpriseOutstanding: what the enterprise already owes the fund.
    public func quote(amount: Money, advance: CivilDate, repayment: CivilDate, dailyRate: Rate? = nil,
                      commitment: Money? = nil, enterpriseOutstanding: Money = .zero) throws(RuleViolation) -> BridgeQuote {
        let rate = dailyRate ?? terms.dailyRateCap
        try checkAdvance(amount: amount, dailyRate: rate, commitment: commitment, enterpriseOutstanding: enterpriseOutstanding)
        guard let days = BridgeFeeCalculator.days(from: advance, to: repayment) else {
            throw RuleViolation(rule: "bridge-dates", "repayment on \(repayment) is before the advance on \(advance)")
        }
        guard days <= terms.maximumDays else {
            throw RuleViolation(rule: "bridge-days",
                                "a bridge from \(advance) to \(repayment) lasts \(days) days; an advance may last at most \(terms.maximumDays) days")
        }
        return BridgeQuote(amount: amount, advance: advance, repayment: repayment, days: days, dailyRate: rate,
                           fee: fee(amount: amount, days: days, dailyRate: rate), tiered: !terms.tiers.isEmpty)
    }

    /// The rules an advance must meet whatever its length: amount, rate, commitment share,
    /// enterprise cap.
    public func checkAdvance(amount: Money, dailyRate: Rate, commitment: Money?, enterpriseOutstanding: Money) throws(RuleViolation) {
        guard amount > .zero, amount <= LoanTerms.principalRange.upperBound else {
            throw RuleViolation(rule: "bridge-amount", "an advance of \(amount.formatted(grouped: true)) is outside 0.01 to \(LoanTerms.principalRange.upperBound.formatted(grouped: true))")
        }
        guard !dailyRate.isNegative, dailyRate <= terms.dailyRateCap else {
            throw RuleViolation(rule: "bridge-rate", "a daily rate of \(dailyRate.percentString()) is over the cap of \(terms.dailyRateCap.percentString()) a day")
        }
        if let share = terms.commitmentShare, commitment == nil {
            throw RuleViolation(rule: "bridge-commitment",
                                "the terms limit an advance to \(share.percentString()) of the bank's renewal commitment: give the commitment")
        }
        if let share = terms.commitmentShare, let commitment {
            let allowed = commitment.scaled(by: Int128(share.units), dividedBy: Int128(Rate.scale), rounding: .down)
            guard amount <= allowed else {
                throw RuleViolation(rule: "bridge-commitment",
                                    "an advance of \(amount.formatted(grouped: true)) is over \(share.percentString()) of the bank's renewal commitment \(commitment.formatted(grouped: true)) (at most \(allowed.formatted(grouped: true)))")
            }
        }
        if let cap = terms.enterpriseCap, enterpriseOutstanding + amount > cap {
            throw RuleViolation(rule: "bridge-enterprise-cap",
                                "the enterprise would owe the fund \((enterpriseOutstanding + amount).formatted(grouped: true)), over its cap of \(cap.formatted(grouped: true))")
        }
    }
}

/// A priced bridge advance.
public struct BridgeQuote: Hashable, Sendable {
    public let amount: Money
    public let advance: CivilDate
    public let repayment: CivilDate
    public let days: Int
    public let dailyRate: Rate
    public let fee: Money
    /// Whether the fee came from the tiers rather than `dailyRate`.
    public let tiered: Bool
}
