import ArgumentParser
import ReliefDomain

/// The fund terms that `bridge terms` sets and `bridge quote` may override.
struct BridgeTermsOptions: ParsableArguments {
    @Option(name: .customLong("max-days"), help: ArgumentHelp("Longest advance in days (seed: 15).", valueName: "n"),
            transform: ValueParsers.count)
    var maxDays: Int?

    @Option(name: .customLong("rate-cap"), help: ArgumentHelp("Highest daily fee rate (seed: 0.08%).", valueName: "rate"),
            transform: ValueParsers.rate)
    var rateCap: Rate?

    @Option(help: ArgumentHelp("Tiered daily rates, e.g. 5:0.02%,*:0.04% (days 1-5, then every later day); 'none' to clear.",
                               valueName: "tiers"))
    var tiers: String?

    @Option(name: .customLong("min-fee"), help: ArgumentHelp("Minimum fee per advance; 0 to clear.", valueName: "amount"),
            transform: ValueParsers.money)
    var minFee: Money?

    @Option(name: .customLong("commitment-share"),
            help: ArgumentHelp("An advance may be at most this share of the bank's renewal commitment (e.g. 95%); 0 to clear.",
                               valueName: "rate"),
            transform: ValueParsers.rate)
    var commitmentShare: Rate?

    @Option(name: .customLong("enterprise-cap"), help: ArgumentHelp("Most one enterprise may owe the fund at once; 0 to clear.",
                                                                    valueName: "amount"),
            transform: ValueParsers.money)
    var enterpriseCap: Money?

    var isEmpty: Bool {
        maxDays == nil && rateCap == nil && tiers == nil && minFee == nil && commitmentShare == nil && enterpriseCap == nil
    }

    /// `base` with the given options applied; exit 64 for a malformed tier list, 65 for terms
    /// that break a limit.
    func applied(to base: BridgeTerms) throws -> BridgeTerms {
        var tierList = base.tiers
        if let tiers {
            if tiers.lowercased() == "none" { tierList = [] } else {
                do { tierList = try BridgeTerms.Tier.parseList(tiers) } catch { throw CommandFailure(.usage, error.description) }
            }
        }
        return try BridgeTerms(
            maximumDays: maxDays ?? base.maximumDays, dailyRateCap: rateCap ?? base.dailyRateCap, tiers: tierList,
            minimumFee: minFee.map { $0.isZero ? nil : $0 } ?? base.minimumFee,
            commitmentShare: commitmentShare.map { $0 == .zero ? nil : $0 } ?? base.commitmentShare,
            enterpriseCap: enterpriseCap.map { $0.isZero ? nil : $0 } ?? base.enterpriseCap)
    }
}
