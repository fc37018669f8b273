import ReliefDomain
import ReliefEngine

/// A stored installment of a loan's current schedule.
public struct StoredInstallment: Hashable, Sendable {
    public let installment: Installment
    public let originalDueDate: CivilDate
    public let isDeferred: Bool
    /// Repaid, or settled by a renewal.
    public let isPaid: Bool

    public init(installment: Installment, originalDueDate: CivilDate, isDeferred: Bool, isPaid: Bool) {
        self.installment = installment
        self.originalDueDate = originalDueDate
        self.isDeferred = isDeferred
        self.isPaid = isPaid
    }

    /// A row of a standard schedule: due on its original date, neither deferred nor paid.
    public init(standard row: Installment) {
        self.init(installment: row, originalDueDate: row.dueDate, isDeferred: false, isPaid: false)
    }
}

