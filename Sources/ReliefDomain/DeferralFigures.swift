/// What one loan's deferral under a programme run moved, costs and saves: the figures the
/// ledger stores with it and a loan book carries (an import checks them against its replay).
public struct DeferralFigures: Hashable, Sendable {
    public let deferralDate: CivilDate
    /// How many installments were deferred.
    public let installments: Int
    public let deferredPrincipal: Money
    public let deferredInterest: Money
    public let interestOnDeferredPrincipal: Money
    public let compoundOnDeferredInterest: Money
    public let penaltyWithoutRelief: Money
    public let compoundWithoutRelief: Money
    public let relief: Money

    public init(deferralDate: CivilDate, installments: Int, deferredPrincipal: Money, deferredInterest: Money,
                interestOnDeferredPrincipal: Money, compoundOnDeferredInterest: Money, penaltyWithoutRelief: Money,
                compoundWithoutRelief: Money, relief: Money) {
        self.deferralDate = deferralDate
        self.installments = installments
        self.deferredPrincipal = deferredPrincipal
        self.deferredInterest = deferredInterest
        self.interestOnDeferredPrincipal = interestOnDeferredPrincipal
        self.compoundOnDeferredInterest = compoundOnDeferredInterest
        self.penaltyWithoutRelief = penaltyWithoutRelief
        self.compoundWithoutRelief = compoundWithoutRelief
        self.relief = relief
    }
}
