/// A calendar date with no time of day and no time zone (proleptic Gregorian).
///
/// Stored as days since 1970-01-01 so that `days(to:)` and `adding(days:)` are one integer
/// operation; the year, month and day are derived with Howard Hinnant's `civil_from_days`.
/// Interest counts the first day and not the last (算头不算尾): `start.days(to: end)`.
public struct CivilDate: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int32

    /// Years outside this range are refused: no loan, fund or notice lies there, and the
    /// bound keeps every day difference well inside `Int32`.
    public static let yearRange: ClosedRange<Int> = 1900...2999

    @inlinable public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// A validated date; throws for 2020-02-30, month 13 or a year outside `yearRange`.
    public init(year: Int, month: Int, day: Int) throws(ParseError) {
        // The text is made only for a message: dates are parsed by the hundred thousand.
        var shown: String { CivilDate.iso(year: year, month: month, day: day) }
        guard CivilDate.yearRange.contains(year) else {
            throw ParseError(input: shown, kind: "date", reason: "the year must be within \(CivilDate.yearRange.lowerBound)-\(CivilDate.yearRange.upperBound)")
        }
        guard (1...12).contains(month) else {
            throw ParseError(input: shown, kind: "date", reason: "there is no month \(month)")
        }
        let last = CivilDate.daysInMonth(year: year, month: month)
        guard (1...last).contains(day) else {
            throw ParseError(input: shown, kind: "date", reason: "\(CivilDate.monthName(month)) \(year) has \(last) days")
        }
        self.init(unchecked: year, month, day)
    }

    /// A date from components already known to be valid (clamped month ends, arithmetic).
    @usableFromInline
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        // Hinnant, days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.daysSinceEpoch = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// The year, month (1-12) and day (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        // Hinnant, civil_from_days.
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    @inlinable public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// Days from `self` to `other`, counting `self` and not `other`; negative if `other` is earlier.
    @inlinable public func days(to other: CivilDate) -> Int { Int(other.daysSinceEpoch) - Int(daysSinceEpoch) }

    @inlinable public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + Int32(days)) }

    /// The date `months` months later on the same day of the month, clamped to the month's
    /// end: 2019-01-31 + 1 month = 2019-02-28; + 2 months = 2019-03-31 (anchored to the
    /// original day, never drifting to the 28th).
    public func adding(months: Int) -> CivilDate {
        let (year, month, day) = components
        return CivilDate.anchored(year: year, month: month, day: day, plusMonths: months)
    }

    /// `year-month` advanced by `plusMonths`, on `day` clamped to that month's end.
    @inlinable
    public static func anchored(year: Int, month: Int, day: Int, plusMonths: Int) -> CivilDate {
        let monthIndex = year * 12 + (month - 1) + plusMonths
        let newYear = monthIndex / 12
        let newMonth = monthIndex % 12 + 1
        return CivilDate(unchecked: newYear, newMonth, min(day, daysInMonth(year: newYear, month: newMonth)))
    }

    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func monthName(_ month: Int) -> String {
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"][month - 1]
    }

    static func iso(year: Int, month: Int, day: Int) -> String {
        if (0...9999).contains(year) {
            // Ten ASCII digits and dashes written in place: dates are formatted for every row
            // the ledger writes and every line an export prints.
            return String(unsafeUninitializedCapacity: 10) { text in
                func put(_ value: Int, digits: Int, at offset: Int) {
                    var rest = value
                    for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                        text[position] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
                        rest /= 10
                    }
                }
                put(year, digits: 4, at: 0)
                text[4] = UInt8(ascii: "-")
                put(month, digits: 2, at: 5)
                text[7] = UInt8(ascii: "-")
                put(day, digits: 2, at: 8)
                return 10
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension CivilDate: CustomStringConvertible {
    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        return CivilDate.iso(year: year, month: month, day: day)
    }
}

extension CivilDate {
    /// Parses exactly `YYYY-MM-DD` (ten characters, zero-padded), refusing impossible dates.
    public init(parsing text: String) throws(ParseError) {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10)
        else {
            throw ParseError(input: text, kind: "date", reason: "expected YYYY-MM-DD, e.g. 2020-03-01")
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw ParseError(input: text, kind: "date", reason: error.reason)
        }
    }
}

extension CivilDate {
    /// Parses the UTF-8 `bytes` of a date exactly as `init(parsing:)` parses text: a valid
    /// `YYYY-MM-DD` is read from the bytes without making a `String`; anything else, and
    /// every error, goes through `init(parsing:)`, the one definition.
    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            var valid = true
            func number(_ range: Range<Int>) -> Int {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- 48
                    valid = valid && digit < 10
                    value = value * 10 + Int(digit)
                }
                return value
            }
            let year = number(0..<4), month = number(5..<7), day = number(8..<10)
            if valid, CivilDate.yearRange.contains(year), (1...12).contains(month),
               day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) {
                self.init(unchecked: year, month, day)
                return
            }
        }
        try self.init(parsing: String(decoding: bytes, as: UTF8.self))
    }
}
