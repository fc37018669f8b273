/// The monthly due dates of a loan: the start day of the month in each following month,
/// clamped to the month's end and anchored to the original day (2019-01-31 gives
/// 2019-02-28, 2019-03-31, 2019-04-30, ...).
///
/// Walks month by month adding the days of each month, so each date costs an addition and
/// one days-in-month lookup instead of a full civil-to-days conversion (schedules are the
/// hot path).
public struct MonthlyDueDates: IteratorProtocol, Sequence, Sendable {
    @usableFromInline let anchorDay: Int
    @usableFromInline var year: Int
    @usableFromInline var month: Int
    /// Days since the epoch of the 1st of `month`.
    @usableFromInline var firstOfMonth: Int32
    /// Days in `month` of `year`.
    @usableFromInline var daysInMonth: Int

    public init(start: CivilDate) {
        let (year, month, day) = start.components
        self.anchorDay = day
        self.year = year
        self.month = month
        self.firstOfMonth = start.daysSinceEpoch - Int32(day - 1)
        self.daysInMonth = CivilDate.daysInMonth(year: year, month: month)
    }

    /// The next due date, one month after the previous one.
    @inlinable
    public mutating func next() -> CivilDate? { nextDueDate() }

    @inlinable
    public mutating func nextDueDate() -> CivilDate {
        // daysInMonth (28-31) and day - 1 (0-30) convert exactly; the additions stay checked
        // (the walk could be run past Int32 days in principle, though no loan gets near).
        firstOfMonth += Int32(truncatingIfNeeded: daysInMonth)
        if month == 12 { month = 1; year &+= 1 } else { month &+= 1 }
        daysInMonth = CivilDate.daysInMonth(year: year, month: month)
        let day = Swift.min(anchorDay, daysInMonth)
        return CivilDate(daysSinceEpoch: firstOfMonth + Int32(truncatingIfNeeded: day &- 1))
    }
}
