import ReliefDomain

/// The bridge fund's figures for a period (SPEC.md "bridge report"), exactly as defined there.
public struct BridgeReport: Sendable {
    /// Figures of one group of advances (a bank or a county).
    public struct Group: Hashable, Sendable {
        public let name: String
        public var advances = 0
        public var advancedTotal = Money.zero
        public var feeIncome = Money.zero
        public var outstanding = Money.zero

        public init(name: String) { self.name = name }
    }

    public struct Breach: Hashable, Sendable {
        public let id: AdvanceID
        public let days: Int
        public let daysOver: Int
        /// Whether it is still outstanding at the end of the period (else repaid late).
        public let outstanding: Bool
    }

    public let from: CivilDate
    public let to: CivilDate
    public let capital: Money
    public let outstanding: Money
    public let balance: Money
    public let advances: Int
    public let advancedTotal: Money
    public let feeIncome: Money
    /// Sum of days of advances repaid within the period, and their number (average = ratio).
    public let repaidDays: Int
    public let repaidCount: Int
    /// Sum over the period's days of principal outstanding, and of capital, in fen-days.
    public let outstandingFenDays: Int128
    public let capitalFenDays: Int128
    public let breaches: [Breach]
    public let byBank: [Group]
    public let byCounty: [Group]

    /// Mean days of the advances repaid within the period, half-up to hundredths (in units of 0.01).
    public var averageDaysHundredths: Int128 {
        repaidCount == 0 ? 0 : Rounding.halfUp.divide(Int128(repaidDays) * 100, by: Int128(repaidCount))
    }

    /// Utilisation in units of 0.0001, half up; 0 when the capital is zero throughout.
    public var utilisationTenThousandths: Int128 {
        capitalFenDays == 0 ? 0 : Rounding.halfUp.divide(outstandingFenDays * 10_000, by: capitalFenDays)
    }

    /// Turnover (advanced total / capital) in units of 0.0001, half up; 0 without capital.
    public var turnoverTenThousandths: Int128 {
        capital.fen <= 0 ? 0 : Rounding.halfUp.divide(Int128(advancedTotal.fen) * 10_000, by: Int128(capital.fen))
    }

    /// The report over `[from, to]` (both inclusive) of `register` under `maximumDays`.
    /// - Precondition: `from <= to` (callers check user input first).
    public static func compute(_ register: BridgeRegister, from: CivilDate, to: CivilDate, maximumDays: Int) -> BridgeReport {
        precondition(from <= to, "bridge report period \(from) to \(to) is inverted")
        var capitalAtEnd = Money.zero
        for movement in register.capital where movement.date <= to { capitalAtEnd += movement.amount }
        var outstanding = Money.zero
        var feesToDate = Money.zero
        var advances = 0
        var advancedTotal = Money.zero
        var feeIncome = Money.zero
        var repaidDays = 0
        var repaidCount = 0
        var breaches: [Breach] = []
        var banks: [String: Group] = [:]
        var counties: [String: Group] = [:]
        for advance in register.advances {
            var bank = banks[advance.bank] ?? Group(name: advance.bank)
            var county = counties[advance.county] ?? Group(name: advance.county)
            if advance.isOutstanding(atEndOf: to) {
                outstanding += advance.amount
                bank.outstanding += advance.amount
                county.outstanding += advance.amount
                let days = advance.date.days(to: to)
                if days > maximumDays {
                    breaches.append(Breach(id: advance.id, days: days, daysOver: days - maximumDays, outstanding: true))
                }
            }
            if (from...to).contains(advance.date) {
                advances += 1
                advancedTotal += advance.amount
                bank.advances += 1
                bank.advancedTotal += advance.amount
                county.advances += 1
                county.advancedTotal += advance.amount
            }
            if let repayment = advance.repayment {
                if repayment.date <= to { feesToDate += repayment.fee }
                if (from...to).contains(repayment.date) {
                    feeIncome += repayment.fee
                    bank.feeIncome += repayment.fee
                    county.feeIncome += repayment.fee
                    repaidDays += repayment.days
                    repaidCount += 1
                    if repayment.days > maximumDays {
                        breaches.append(Breach(id: advance.id, days: repayment.days, daysOver: repayment.days - maximumDays, outstanding: false))
                    }
                }
            }
            banks[advance.bank] = bank
            counties[advance.county] = county
        }
        let (outstandingFenDays, capitalFenDays) = dailySums(register, from: from, to: to)
        return BridgeReport(
            from: from, to: to, capital: capitalAtEnd, outstanding: outstanding, balance: capitalAtEnd - outstanding + feesToDate,
            advances: advances, advancedTotal: advancedTotal, feeIncome: feeIncome, repaidDays: repaidDays, repaidCount: repaidCount,
            outstandingFenDays: outstandingFenDays, capitalFenDays: capitalFenDays,
            breaches: breaches.sorted { ($0.id, $0.days) < ($1.id, $1.days) },
            byBank: banks.values.sorted { $0.name < $1.name }, byCounty: counties.values.sorted { $0.name < $1.name })
    }

    /// Sums over each day d in [from, to] of the principal outstanding at the end of d and of
    /// the capital at the end of d, by sweeping the changes day by day.
    static func dailySums(_ register: BridgeRegister, from: CivilDate, to: CivilDate) -> (Int128, Int128) {
        guard from <= to else { return (0, 0) }
        // Changes effective from a day on: an advance counts from its date, stops on its repayment date.
        var outstandingChange: [Int32: Int64] = [:]
        var capitalChange: [Int32: Int64] = [:]
        var outstandingBefore: Int64 = 0
        var capitalBefore: Int64 = 0
        func apply(_ date: CivilDate, _ amount: Int64, _ changes: inout [Int32: Int64], _ before: inout Int64) {
            if date <= from { before += amount } else if date <= to { changes[date.daysSinceEpoch, default: 0] += amount }
        }
        for movement in register.capital { apply(movement.date, movement.amount.fen, &capitalChange, &capitalBefore) }
        for advance in register.advances {
            apply(advance.date, advance.amount.fen, &outstandingChange, &outstandingBefore)
            if let repayment = advance.repayment { apply(repayment.date, -advance.amount.fen, &outstandingChange, &outstandingBefore) }
        }
        var outstandingSum: Int128 = 0
        var capitalSum: Int128 = 0
        var outstandingNow = outstandingBefore
        var capitalNow = capitalBefore
        for day in from.daysSinceEpoch...to.daysSinceEpoch {
            if day != from.daysSinceEpoch {
                outstandingNow += outstandingChange[day] ?? 0
                capitalNow += capitalChange[day] ?? 0
            }
            outstandingSum += Int128(outstandingNow)
            capitalSum += Int128(capitalNow)
        }
        return (outstandingSum, capitalSum)
    }
}
