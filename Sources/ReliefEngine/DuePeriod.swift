import ReliefDomain

/// A due date and, when the period before it is a whole number of months, that number
/// (so that 30/360 accrues exactly annual/12 a month; nil means count 30E/360 days).
public struct DuePeriod: Hashable, Sendable {
    public let dueDate: CivilDate
    public let wholeMonths: Int?

    @inlinable
    public init(dueDate: CivilDate, wholeMonths: Int?) {
        self.dueDate = dueDate
        self.wholeMonths = wholeMonths
    }
}

/// Monthly due dates as one-month periods.
@usableFromInline
struct MonthlyPeriods: IteratorProtocol {
    @usableFromInline var dates: MonthlyDueDates

    @inlinable init(_ dates: MonthlyDueDates) { self.dates = dates }

    @inlinable
    mutating func next() -> DuePeriod? { DuePeriod(dueDate: dates.nextDueDate(), wholeMonths: 1) }
}
