import ReliefDomain

/// A programme applied to a stored loan, with what it moved, costs and saves.
public struct StoredDeferral: Hashable, Sendable {
    public let loanID: LoanID
    public let programme: String
    public let deferralDate: CivilDate
    public let installments: Int
    public let deferredPrincipal: Money
    public let deferredInterest: Money
    public let interestOnDeferredPrincipal: Money
    public let compoundOnDeferredInterest: Money
    public let penaltyWithoutRelief: Money
    public let compoundWithoutRelief: Money
    public let relief: Money
}
