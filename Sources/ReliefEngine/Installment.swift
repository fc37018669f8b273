import ReliefDomain

/// One row of a repayment schedule: what falls due on `dueDate`.
public struct Installment: Hashable, Sendable {
    /// 1-based position in the original schedule.
    public let period: Int
    public let dueDate: CivilDate
    /// Actual calendar days of the accrual period, whatever the day count.
    public let days: Int
    public let principal: Money
    public let interest: Money
    /// Principal still outstanding after this installment.
    public let balance: Money

    public init(period: Int, dueDate: CivilDate, days: Int, principal: Money, interest: Money, balance: Money) {
        self.period = period
        self.dueDate = dueDate
        self.days = days
        self.principal = principal
        self.interest = interest
        self.balance = balance
    }

    /// Principal plus interest: what the borrower pays on `dueDate`.
    @inlinable public var payment: Money { principal + interest }
}
