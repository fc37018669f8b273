/// How interest counts days: the year basis and which days a period has.
///
/// - `thirty360`: every whole month is 30 days of a 360-day year, so a monthly installment
///   accrues exactly annual / 12 (the usual 等额本息 / 等额本金 convention). Periods that are
///   not whole months use the 30E/360 count (day 31 counts as day 30).
/// - `act360`: actual days over 360 (the RMB default, RULES.md section 1).
/// - `act365`: actual days over 365, whatever the year (ACT/365 fixed).
public enum DayCount: String, Sendable, CaseIterable {
    case thirty360 = "30/360"
    case act360 = "act/360"
    case act365 = "act/365"

    /// Days in the year the daily rate divides by.
    @inlinable
    public var yearBasisDays: Int64 {
        switch self {
        case .thirty360, .act360: return 360
        case .act365: return 365
        }
    }

    /// The days a period from `start` (counted) to `end` (not counted) accrues under this
    /// convention; `wholeMonths` is the period's length when it runs from one anchored due
    /// date to the next, so that 30/360 gives exactly 30 per month even across month ends.
    @inlinable
    public func accrualDays(from start: CivilDate, to end: CivilDate, wholeMonths: Int?) -> Int {
        switch self {
        case .act360, .act365:
            return start.days(to: end)
        case .thirty360:
            if let wholeMonths { return 30 * wholeMonths }
            let (y1, m1, d1) = start.components
            let (y2, m2, d2) = end.components
            return 360 * (y2 - y1) + 30 * (m2 - m1) + (min(d2, 30) - min(d1, 30))
        }
    }

    /// Accepts `30/360`, `act/360`, `act/365` in any case, `act/365f`, and the Chinese 按月 / 按日
    /// names banks print (按日计息 = ACT/360).
    public init(parsing text: String) throws(ParseError) {
        switch text.lowercased() {
        case "30/360", "30e/360", "按月计息": self = .thirty360
        case "act/360", "actual/360", "按日计息": self = .act360
        case "act/365", "act/365f", "actual/365", "actual/365f": self = .act365
        default:
            throw ParseError(input: text, kind: "day count", reason: "expected 30/360, act/360 or act/365")
        }
    }
}
