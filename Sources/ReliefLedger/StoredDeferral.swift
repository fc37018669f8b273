import ReliefDomain

/// A programme applied to a stored loan, with what it moved, costs and saves.
@dynamicMemberLookup
public struct StoredDeferral: Hashable, Sendable {
    public let loanID: LoanID
    public let programme: String
    public let figures: DeferralFigures

    init(loanID: LoanID, programme: String, deferralDate: CivilDate, installments: Int, deferredPrincipal: Money, deferredInterest: Money,
         interestOnDeferredPrincipal: Money, compoundOnDeferredInterest: Money, penaltyWithoutRelief: Money, compoundWithoutRelief: Money,
         relief: Money) {
        self.loanID = loanID
        self.programme = programme
        figures = DeferralFigures(deferralDate: deferralDate, installments: installments, deferredPrincipal: deferredPrincipal,
                                  deferredInterest: deferredInterest, interestOnDeferredPrincipal: interestOnDeferredPrincipal,
                                  compoundOnDeferredInterest: compoundOnDeferredInterest, penaltyWithoutRelief: penaltyWithoutRelief,
                                  compoundWithoutRelief: compoundWithoutRelief, relief: relief)
    }

    /// Each figure by name (`deferral.relief`).
    public subscript<Value>(dynamicMember figure: KeyPath<DeferralFigures, Value>) -> Value { figures[keyPath: figure] }
}
