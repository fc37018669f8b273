import ReliefDomain
import ReliefInterchange

/// The bridge fund's terms (`bridge terms`).
public struct BridgeTermsReport {
    public let terms: BridgeTerms
    /// Whether they were just set (the table says so).
    public let updated: Bool

    public init(terms: BridgeTerms, updated: Bool) {
        self.terms = terms
        self.updated = updated
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json:
            return JSONValue.object([
                ("max_days", .integer(terms.maximumDays)), ("rate_cap", .string(terms.dailyRateCap.fractionString())),
                ("tiers", .string(BridgeTerms.Tier.format(terms.tiers))),
                ("min_fee", terms.minimumFee.map { .string($0.description) } ?? .null),
                ("commitment_share", terms.commitmentShare.map { .string($0.fractionString()) } ?? .null),
                ("enterprise_cap", terms.enterpriseCap.map { .string($0.description) } ?? .null),
            ]).rendered()
        case .csv:
            var csv = CSVText(header: ["term", "value"])
            for (name, value) in terms.summaryLines { csv.append([name, value]) }
            return csv.text
        case .table:
            var table = TextTable([.init(title: updated ? "Bridge fund terms (updated)" : "Bridge fund terms", alignment: .left),
                                   .init(title: "", alignment: .right)])
            for (name, value) in terms.summaryLines { table.add([name, value]) }
            return table.render()
        }
    }
}

extension BridgeTerms {
    /// The terms as `name: value` lines for people.
    public var summaryLines: [(String, String)] {
        [("Maximum days per advance", String(maximumDays)),
         ("Daily fee rate cap (the default rate)", dailyRateCap.percentString()),
         ("Tiers", tiers.isEmpty ? "none (flat rate)" : BridgeTerms.Tier.format(tiers)),
         ("Minimum fee per advance", minimumFee?.formatted(grouped: true) ?? "none"),
         ("Share of the bank's renewal commitment", commitmentShare?.percentString() ?? "no limit"),
         ("Per-enterprise cap", enterpriseCap?.formatted(grouped: true) ?? "no limit")]
    }
}
