import ReliefDomain

/// An installment of the original schedule after a deferral programme was applied.
public struct DeferredInstallment: Hashable, Sendable {
    /// The installment as originally scheduled.
    public let original: Installment
    /// Whether its due date lay in the programme's window.
    public let isDeferred: Bool
    /// When it falls due now: the deferral date for a fully deferred row, else the original date.
    public let dueDate: CivilDate
    /// The parts moved to the deferral date (both zero when not deferred).
    public let deferredPrincipal: Money
    public let deferredInterest: Money
    /// Days from the original due date to the deferral date (0 when not deferred).
    public let daysDeferred: Int
    /// Ordinary interest on the deferred principal for `daysDeferred` days.
    public let interestOnDeferredPrincipal: Money
    /// Compound interest on the deferred interest (zero unless the programme charges it).
    public let compoundOnDeferredInterest: Money
    /// What the borrower would have owed without relief: penalty interest on the overdue
    /// principal and compound interest at the penalty rate on the overdue interest.
    public let penaltyInterestWithoutRelief: Money
    public let compoundInterestWithoutRelief: Money

    public init(original: Installment, isDeferred: Bool, dueDate: CivilDate, deferredPrincipal: Money,
                deferredInterest: Money, daysDeferred: Int, interestOnDeferredPrincipal: Money,
                compoundOnDeferredInterest: Money, penaltyInterestWithoutRelief: Money,
                compoundInterestWithoutRelief: Money) {
        self.original = original
        self.isDeferred = isDeferred
        self.dueDate = dueDate
        self.deferredPrincipal = deferredPrincipal
        self.deferredInterest = deferredInterest
        self.daysDeferred = daysDeferred
        self.interestOnDeferredPrincipal = interestOnDeferredPrincipal
        self.compoundOnDeferredInterest = compoundOnDeferredInterest
        self.penaltyInterestWithoutRelief = penaltyInterestWithoutRelief
        self.compoundInterestWithoutRelief = compoundInterestWithoutRelief
    }

    /// What the firm is spared on this row.
    public var relief: Money {
        penaltyInterestWithoutRelief + compoundInterestWithoutRelief - interestOnDeferredPrincipal - compoundOnDeferredInterest
    }
}
