/// The monthly due dates of a loan: the start day of the month in each following month,
/// clamped to the month's end and anchored to the original day (2019-01-31 gives
/// 2019-02-28, 2019-03-31, 2019-04-30, ...).
///
/// Walks month by month adding the days of each month, so each date costs an addition
/// instead of a full civil-to-days conversion (schedules are the hot path).
public struct MonthlyDueDates: IteratorProtocol, Sequence, Sendable {
    @usableFromInline let anchorDay: Int
    @usableFromInline var year: Int
    @usableFromInline var month: Int
    /// Days since the epoch of the 1st of `month`.
    @usableFromInline var firstOfMonth: Int32

    public init(start: CivilDate) {
        let (year, month, day) = start.components
        self.anchorDay = day
        self.year = year
        self.month = month
        self.firstOfMonth = start.daysSinceEpoch - Int32(day - 1)
    }

    /// The next due date, one month after the previous one.
    @inlinable
    public mutating func next() -> CivilDate? { nextDueDate() }

    @inlinable
    public mutating func nextDueDate() -> CivilDate {
        firstOfMonth += Int32(CivilDate.daysInMonth(year: year, month: month))
        if month == 12 { month = 1; year += 1 } else { month += 1 }
        let day = Swift.min(anchorDay, CivilDate.daysInMonth(year: year, month: month))
        return CivilDate(daysSinceEpoch: firstOfMonth + Int32(day - 1))
    }
}
