import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange

/// A bridge quote beside the fund's old rate and private money (`bridge quote`).
public struct BridgeQuoteReport {
    public let comparison: BridgeFundWorkflow.Comparison

    public init(comparison: BridgeFundWorkflow.Comparison) { self.comparison = comparison }

    /// The `--format json` answer (the API answers with it too; the web pages show it).
    public func json() -> JSONValue {
        let quote = comparison.quote, terms = comparison.terms
        return JSONValue.object([
            ("amount", .string(quote.amount.description)), ("from", .string(quote.advance.description)), ("to", .string(quote.repayment.description)),
            // daily_rate is the rate the fee was priced at (SPEC.md); with tiers no single
            // rate applies, so it is null and the tiers and the cap say what applies.
            ("days", .integer(quote.days)), ("daily_rate", quote.tiered ? .null : .string(quote.dailyRate.fractionString())),
            ("daily_rate_cap", .string(terms.dailyRateCap.fractionString())),
            ("fee_basis", .string(quote.tiered ? "tiers" : "daily_rate")),
            ("tiers", terms.tiers.isEmpty ? .null : .string(BridgeTerms.Tier.format(terms.tiers))),
            ("fee", .string(quote.fee.description)),
            ("fee_at_old_rate", .string(comparison.feeAtOldRate.description)), ("fee_private", .string(comparison.privateFee.description)),
            ("saving_vs_private", .string(comparison.savingVsPrivate.description)),
        ])
    }

    public func render(_ format: OutputFormat) -> String {
        let quote = comparison.quote, terms = comparison.terms
        switch format {
        case .json:
            return json().rendered()
        case .csv:
            var csv = CSVText(header: ["amount", "from", "to", "days", "daily_rate", "fee", "fee_at_old_rate", "fee_private",
                                       "daily_rate_cap", "fee_basis", "tiers"])
            csv.append([quote.amount.description, quote.advance.description, quote.repayment.description, String(quote.days),
                        quote.tiered ? "" : quote.dailyRate.fractionString(), quote.fee.description, comparison.feeAtOldRate.description, comparison.privateFee.description,
                        terms.dailyRateCap.fractionString(), quote.tiered ? "tiers" : "daily_rate",
                        terms.tiers.isEmpty ? "" : BridgeTerms.Tier.format(terms.tiers)])
            return csv.text
        case .table:
            var table = TextTable([.init(title: "Bridge of \(quote.amount.formatted(grouped: true)) CNY, \(quote.advance) to \(quote.repayment): \(quote.days) day\(quote.days == 1 ? "" : "s")", alignment: .left),
                                   .init(title: "Fee (CNY)", alignment: .right)])
            let rateText = terms.tiers.isEmpty ? "\(quote.dailyRate.percentString()) a day" : "tiers \(BridgeTerms.Tier.format(terms.tiers))"
            table.add(["Emergency bridge fund at \(rateText)", quote.fee.formatted(grouped: true)])
            table.add(["Same days at the old fund rate of 0.1% a day", comparison.feeAtOldRate.formatted(grouped: true)])
            table.add(["Private bridge money at \(comparison.privateDailyRate.percentString()) a day", comparison.privateFee.formatted(grouped: true)])
            table.addTotals(["Saved against private money", comparison.savingVsPrivate.formatted(grouped: true)])
            return table.render()
        }
    }
}
