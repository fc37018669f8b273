/// The terms of an emergency bridge fund (应急转贷基金, RULES.md section 6) as data.
///
/// The seed's terms are the default: an advance lasts at most 15 days and costs at most
/// 0.08% a day. Other cities' variants are expressible: tiered daily rates, a minimum fee,
/// a cap on the share of the bank's renewal commitment, and a per-enterprise cap.
public struct BridgeTerms: Hashable, Sendable {
    /// One step of a tiered fee: `rate` for each day up to and including `throughDay`
    /// (nil: every later day).
    public struct Tier: Hashable, Sendable {
        public let throughDay: Int?
        public let rate: Rate

        public init(throughDay: Int?, rate: Rate) {
            self.throughDay = throughDay
            self.rate = rate
        }
    }

    public let maximumDays: Int
    /// The highest daily fee rate allowed; also the rate of an advance that names none.
    public let dailyRateCap: Rate
    /// Tiered daily rates, applied day by day; empty for a flat rate.
    public let tiers: [Tier]
    public let minimumFee: Money?
    /// An advance may be at most this share of the bank's renewal commitment (e.g. 95%).
    public let commitmentShare: Rate?
    /// An enterprise's advances outstanding at once may total at most this.
    public let enterpriseCap: Money?

    /// Limits on the terms themselves: a bridge is a matter of days, and a rate of 1% a day
    /// (365% a year) is already far beyond any fund's.
    public static let maximumDaysRange = 1...90
    public static let dailyRateCapLimit = Rate(percent: 1)

    public init(maximumDays: Int = 15, dailyRateCap: Rate = Rate(percent: 8, per: 100), tiers: [Tier] = [],
                minimumFee: Money? = nil, commitmentShare: Rate? = nil, enterpriseCap: Money? = nil) throws(RuleViolation) {
        guard BridgeTerms.maximumDaysRange.contains(maximumDays) else {
            throw RuleViolation(rule: "bridge-terms", "maximum days \(maximumDays) is outside \(BridgeTerms.maximumDaysRange.lowerBound) to \(BridgeTerms.maximumDaysRange.upperBound)")
        }
        guard dailyRateCap > .zero, dailyRateCap <= BridgeTerms.dailyRateCapLimit else {
            throw RuleViolation(rule: "bridge-terms", "a daily rate cap of \(dailyRateCap.percentString()) is outside 0% to \(BridgeTerms.dailyRateCapLimit.percentString())")
        }
        for (index, tier) in tiers.enumerated() {
            guard tier.rate >= .zero, tier.rate <= dailyRateCap else {
                throw RuleViolation(rule: "bridge-terms", "tier \(index + 1) rate \(tier.rate.percentString()) is over the cap \(dailyRateCap.percentString()) a day")
            }
            let isLast = index == tiers.count - 1
            if isLast != (tier.throughDay == nil) {
                throw RuleViolation(rule: "bridge-terms", "only the last tier covers every later day ('*'), and it must be there")
            }
            if let day = tier.throughDay, index > 0, let previous = tiers[index - 1].throughDay, day <= previous {
                throw RuleViolation(rule: "bridge-terms", "tier days must increase: \(day) after \(previous)")
            }
            if let day = tier.throughDay, day < 1 { throw RuleViolation(rule: "bridge-terms", "a tier must cover at least day 1") }
        }
        if let minimumFee, minimumFee.isNegative { throw RuleViolation(rule: "bridge-terms", "a minimum fee cannot be negative") }
        if let commitmentShare, commitmentShare <= .zero || commitmentShare > .one {
            throw RuleViolation(rule: "bridge-terms", "a commitment share of \(commitmentShare.percentString()) is outside 0% to 100%")
        }
        if let enterpriseCap, enterpriseCap <= .zero { throw RuleViolation(rule: "bridge-terms", "an enterprise cap must be positive") }
        self.maximumDays = maximumDays
        self.dailyRateCap = dailyRateCap
        self.tiers = tiers
        self.minimumFee = minimumFee
        self.commitmentShare = commitmentShare
        self.enterpriseCap = enterpriseCap
    }

    /// The seed's terms (Shandong, 2020): 15 days at most, 0.08% a day at most.
    public static func seed() -> BridgeTerms {
        guard let terms = try? BridgeTerms() else { preconditionFailure("the seed's bridge terms are invalid") }
        return terms
    }

    /// The terms before the seed cut the fee: 15 days, 0.1% a day.
    public static func historic() -> BridgeTerms {
        guard let terms = try? BridgeTerms(dailyRateCap: Rate(percent: 1, per: 10)) else { preconditionFailure("historic bridge terms are invalid") }
        return terms
    }

    /// What private bridge money costs (RULES.md section 6): about 0.3% a day.
    public static let privateDailyRate = Rate(percent: 3, per: 10)
}

extension BridgeTerms.Tier {
    /// Parses `5:0.02%,*:0.04%`: days 1-5 at 0.02%, every later day at 0.04%.
    public static func parseList(_ text: String) throws(ParseError) -> [BridgeTerms.Tier] {
        var tiers: [BridgeTerms.Tier] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = piece.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw ParseError(input: text, kind: "tier list", reason: "each tier is DAYS:RATE, e.g. 5:0.02%,*:0.04%")
            }
            let day: Int?
            if parts[0] == "*" { day = nil } else {
                guard let value = Int(parts[0]), value > 0, value <= 1000 else {
                    throw ParseError(input: text, kind: "tier list", reason: "'\(parts[0])' is not a day count or '*'")
                }
                day = value
            }
            tiers.append(BridgeTerms.Tier(throughDay: day, rate: try Rate(parsing: String(parts[1]))))
        }
        return tiers
    }

    /// `5:0.02%,*:0.04%`.
    public static func format(_ tiers: [BridgeTerms.Tier]) -> String {
        tiers.map { "\($0.throughDay.map(String.init) ?? "*"):\($0.rate.percentString())" }.joined(separator: ",")
    }
}
