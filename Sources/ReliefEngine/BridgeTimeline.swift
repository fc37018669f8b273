import ReliefDomain

/// The bridge fund's position at the end of each day of a period: capital, advances
/// outstanding and cash (capital - outstanding + fees received), for charts.
public enum BridgeTimeline {
    public struct Day: Hashable, Sendable {
        public let date: CivilDate
        public let capital: Money
        public let outstanding: Money
        public let cash: Money
    }

    public static func days(_ register: BridgeRegister, from: CivilDate, to: CivilDate) -> [Day] {
        guard from <= to else { return [] }
        var capitalChange: [Int32: Int64] = [:]
        var outstandingChange: [Int32: Int64] = [:]
        var feeChange: [Int32: Int64] = [:]
        for movement in register.capital { capitalChange[movement.date.daysSinceEpoch, default: 0] += movement.amount.fen }
        for advance in register.advances {
            outstandingChange[advance.date.daysSinceEpoch, default: 0] += advance.amount.fen
            if let repayment = advance.repayment {
                outstandingChange[repayment.date.daysSinceEpoch, default: 0] -= advance.amount.fen
                feeChange[repayment.date.daysSinceEpoch, default: 0] += repayment.fee.fen
            }
        }
        // Everything dated before the period counts from its first day.
        var capital: Int64 = 0, outstanding: Int64 = 0, fees: Int64 = 0
        for (day, amount) in capitalChange where day < from.daysSinceEpoch { capital += amount }
        for (day, amount) in outstandingChange where day < from.daysSinceEpoch { outstanding += amount }
        for (day, amount) in feeChange where day < from.daysSinceEpoch { fees += amount }
        var result: [Day] = []
        result.reserveCapacity(from.days(to: to) + 1)
        for day in from.daysSinceEpoch...to.daysSinceEpoch {
            capital += capitalChange[day] ?? 0
            outstanding += outstandingChange[day] ?? 0
            fees += feeChange[day] ?? 0
            result.append(Day(date: CivilDate(daysSinceEpoch: day), capital: Money(fen: capital), outstanding: Money(fen: outstanding),
                              cash: Money(fen: capital - outstanding + fees)))
        }
        return result
    }
}
