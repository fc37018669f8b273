import ReliefDomain
import ReliefEngine

/// A stored installment of a loan's current schedule.
public struct StoredInstallment: Hashable, Sendable {
    public let installment: Installment
    public let originalDueDate: CivilDate
    public let isDeferred: Bool
    /// Repaid, or settled by a renewal.
    public let isPaid: Bool
}

