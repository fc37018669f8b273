import ReliefDomain

/// A loan's schedule after a deferral programme: the rows, and what moved, costs and saves.
public struct DeferralResult: Hashable, Sendable {
    public let programme: ReliefProgramme
    /// The schedule before relief.
    public let schedule: Schedule
    /// One row per original installment, in the original order.
    public let installments: [DeferredInstallment]
    public let totals: DeferralTotals

    public init(programme: ReliefProgramme, schedule: Schedule, installments: [DeferredInstallment], totals: DeferralTotals) {
        self.programme = programme
        self.schedule = schedule
        self.installments = installments
        self.totals = totals
    }

    public var deferralDate: CivilDate { programme.deferralDate }
    public var deferredAnything: Bool { totals.deferredInstallments > 0 }

    /// The rows that would be overdue on `date` if nothing had been paid: those whose
    /// current due date is before it. A fully deferred installment falls due on the deferral
    /// date, so it is not overdue before then and relief leaves the credit record clean.
    public func overdueInstallments(unpaidOn date: CivilDate) -> [DeferredInstallment] {
        installments.filter { $0.dueDate < date }
    }
}
