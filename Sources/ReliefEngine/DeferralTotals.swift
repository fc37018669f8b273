import ReliefDomain

/// The sums of a deferral over one loan (or many): what moved, what it costs, what it saves.
public struct DeferralTotals: Hashable, Sendable {
    public var deferredInstallments = 0
    public var deferredPrincipal = Money.zero
    public var deferredInterest = Money.zero
    public var interestOnDeferredPrincipal = Money.zero
    public var compoundOnDeferredInterest = Money.zero
    public var penaltyInterestWithoutRelief = Money.zero
    public var compoundInterestWithoutRelief = Money.zero

    public init() {}

    /// relief = penalty + compound without relief - ordinary interest on deferred principal
    /// - compound on deferred interest (SPEC.md). Each row's penalty is at least its ordinary
    /// interest (the uplift is positive and rounding is monotone), so it is never negative.
    public var relief: Money {
        let value = penaltyInterestWithoutRelief + compoundInterestWithoutRelief
            - interestOnDeferredPrincipal - compoundOnDeferredInterest
        precondition(!value.isNegative, "negative relief \(value) from \(self)")
        return value
    }

    /// Everything that falls due on the deferral date: the deferred parts plus the interest
    /// charged on them.
    public var dueOnDeferralDate: Money {
        deferredPrincipal + deferredInterest + interestOnDeferredPrincipal + compoundOnDeferredInterest
    }

    @inlinable
    public mutating func add(_ row: DeferredInstallment) {
        guard row.isDeferred else { return }
        deferredInstallments += 1
        deferredPrincipal += row.deferredPrincipal
        deferredInterest += row.deferredInterest
        interestOnDeferredPrincipal += row.interestOnDeferredPrincipal
        compoundOnDeferredInterest += row.compoundOnDeferredInterest
        penaltyInterestWithoutRelief += row.penaltyInterestWithoutRelief
        compoundInterestWithoutRelief += row.compoundInterestWithoutRelief
    }

    @inlinable
    public mutating func add(_ other: DeferralTotals) {
        deferredInstallments += other.deferredInstallments
        deferredPrincipal += other.deferredPrincipal
        deferredInterest += other.deferredInterest
        interestOnDeferredPrincipal += other.interestOnDeferredPrincipal
        compoundOnDeferredInterest += other.compoundOnDeferredInterest
        penaltyInterestWithoutRelief += other.penaltyInterestWithoutRelief
        compoundInterestWithoutRelief += other.compoundInterestWithoutRelief
    }
}
