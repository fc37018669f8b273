import ReliefDomain

/// Computes repayment schedules exactly to the fen (RULES.md section 2), as a stream or as
/// a whole `Schedule`.
///
/// Conventions:
/// - Monthly due dates fall on the start day, clamped to month end and anchored to the
///   original day. Quarterly settlement (interest-only) falls on 20 Mar/Jun/Sep/Dec and
///   includes that day; the rest of the interest falls due at maturity.
/// - Interest is `balance x rate x accrual days / basis`, rounded once per installment.
/// - The last installment pays the whole remaining balance (it absorbs every residual); no
///   principal part ever exceeds the balance (a part that would is cut, later parts are 0).
/// - An annuity period whose interest exceeds the level payment is refused (negative
///   amortization), naming the period.
public struct ScheduleCalculator: Sendable {
    public let rounding: Rounding

    public init(rounding: Rounding = .halfUp) {
        self.rounding = rounding
    }

    /// The whole schedule; throws before returning anything when the loan is refused.
    public func schedule(for terms: LoanTerms) throws(RuleViolation) -> Schedule {
        var rows: [Installment] = []
        rows.reserveCapacity(terms.method == .bullet ? 1 : terms.termMonths + 4)
        try forEachInstallment(of: terms) { rows.append($0) }
        return Schedule(terms: terms, installments: rows)
    }

    /// Streams the installments in due-date order without storing them.
    ///
    /// A refusal (negative amortization) is thrown when the offending period is reached, so
    /// a caller that must not act on a partial schedule uses `schedule(for:)`.
    @inlinable
    public func forEachInstallment(of terms: LoanTerms, _ body: (Installment) -> Void) throws(RuleViolation) {
        switch terms.method {
        case .annuity, .equalPrincipal:
            try monthly(terms, dayRate: roundedDayRate(terms),
                        level: level(terms, principal: terms.principal, periods: terms.termMonths), body)
        case .interestOnly:
            if terms.settlement == .quarterly {
                quarterlyInterestOnly(terms, body)
            } else {
                try monthly(terms, dayRate: roundedDayRate(terms), level: .zero, body)
            }
        case .bullet:
            bullet(terms, body)
        }
    }

    /// `forEachInstallment(of:_:)` taking the per-rate values (day rate, annuity factor) from
    /// `memo`, where many loans share a rate and a term: the same installments, cheaper.
    @inlinable
    public func forEachInstallment(of terms: LoanTerms, memo: inout Memo,
                                   _ body: (Installment) -> Void) throws(RuleViolation) {
        switch terms.method {
        case .annuity, .equalPrincipal:
            let dayRate = memo.dayRate(annual: terms.annualRate, yearBasisDays: terms.dayCount.yearBasisDays, rounding: rounding)
            let level: Money
            if terms.method == .annuity && terms.annualRate.units != 0 {
                level = memo.annuityFactor(annualRate: terms.annualRate, months: terms.termMonths)
                    .payment(principal: terms.principal, rounding: rounding)
            } else {
                level = self.level(terms, principal: terms.principal, periods: terms.termMonths)
            }
            try monthly(terms, dayRate: dayRate, level: level, body)
        case .interestOnly where terms.settlement == .dueDates:
            let dayRate = memo.dayRate(annual: terms.annualRate, yearBasisDays: terms.dayCount.yearBasisDays, rounding: rounding)
            try monthly(terms, dayRate: dayRate, level: .zero, body)
        case .interestOnly, .bullet:
            try forEachInstallment(of: terms, body)
        }
    }

    /// The contract rate per day of `terms`' day count, with this calculator's rounding.
    @usableFromInline
    func roundedDayRate(_ terms: LoanTerms) -> DayRate.Rounded {
        DayRate(annual: terms.annualRate, yearBasisDays: terms.dayCount.yearBasisDays).rounded(rounding)
    }

    /// What every period but the last repays: the level payment of an annuity, the level
    /// principal part of equal principal, zero for interest-only.
    @usableFromInline
    func level(_ terms: LoanTerms, principal: Money, periods: Int) -> Money {
        switch terms.method {
        case .annuity:
            return AnnuityPayment.payment(principal: principal, annualRate: terms.annualRate, months: periods, rounding: rounding)
        case .equalPrincipal:
            return principal.scaled(by: 1, dividedBy: Int128(periods), rounding: rounding)
        case .interestOnly, .bullet:
            return .zero
        }
    }

    /// Annuity, equal principal and monthly interest-only: one row per month.
    @inlinable
    func monthly(_ terms: LoanTerms, dayRate: DayRate.Rounded, level: Money, _ body: (Installment) -> Void) throws(RuleViolation) {
        var dueDates = MonthlyPeriods(MonthlyDueDates(start: terms.start))
        try amortize(principal: terms.principal, terms: terms, from: terms.start, periods: terms.termMonths,
                     dueDates: &dueDates, firstPeriod: 1, dayRate: dayRate, level: level, body)
    }

    /// Amortizes `principal` from `periodStart` over `periods` due dates with the method,
    /// rate and day count of `terms`: the shared core of new schedules and of the rest of a
    /// loan after an extension.
    func amortize<Periods: IteratorProtocol<DuePeriod>>(
        principal: Money, terms: LoanTerms, from periodStart: CivilDate, periods: Int,
        dueDates: inout Periods, firstPeriod: Int, _ body: (Installment) -> Void
    ) throws(RuleViolation) {
        try amortize(principal: principal, terms: terms, from: periodStart, periods: periods, dueDates: &dueDates,
                     firstPeriod: firstPeriod, dayRate: roundedDayRate(terms),
                     level: level(terms, principal: principal, periods: periods), body)
    }

    /// `amortize` with the day rate and the level amount (`level(_:principal:periods:)`)
    /// already computed.
    @inlinable
    func amortize<Periods: IteratorProtocol<DuePeriod>>(
        principal: Money, terms: LoanTerms, from periodStart: CivilDate, periods: Int,
        dueDates: inout Periods, firstPeriod: Int, dayRate: DayRate.Rounded, level: Money, _ body: (Installment) -> Void
    ) throws(RuleViolation) {
        let isAnnuity = terms.method == .annuity
        let dayCount = terms.dayCount
        let last = periods - 1
        var balance = principal
        var previousDue = periodStart
        for index in 0..<periods {
            guard let next = dueDates.next() else { preconditionFailure("fewer due dates than the \(periods) periods") }
            let due = next.dueDate
            let days = previousDue.days(to: due)
            let accrual = dayCount == .thirty360
                ? dayCount.accrualDays(from: previousDue, to: due, wholeMonths: next.wholeMonths) : days
            let interest = dayRate.interest(on: balance, days: accrual)
            // Every period but the last repays `level` (an annuity: less the period's
            // interest), never more than the balance; the last repays the whole balance.
            var part = balance
            if index != last {
                part = level
                if isAnnuity {
                    guard interest <= level else {
                        throw ScheduleCalculator.negativeAmortization(period: firstPeriod + index, due: due,
                                                                      interest: interest, levelPayment: level)
                    }
                    part = Money(fen: level.fen &- interest.fen)  // 0 <= interest <= level: no overflow
                }
                if part > balance { part = balance }
            }
            balance = Money(fen: balance.fen &- part.fen)  // 0 <= part <= balance: no overflow
            body(Installment(period: firstPeriod + index, dueDate: due, days: days,
                             principal: part, interest: interest, balance: balance))
            previousDue = due
        }
    }

    /// The refusal of an annuity period whose interest exceeds the level payment.
    @usableFromInline @inline(never)
    static func negativeAmortization(period: Int, due: CivilDate, interest: Money, levelPayment: Money) -> RuleViolation {
        RuleViolation(rule: "negative-amortization",
                      "period \(period) (due \(due)) accrues interest \(interest.formatted(grouped: true)), more than the level payment \(levelPayment.formatted(grouped: true)): the balance would grow (negative amortization); shorten the term, lower the rate or use a 30/360 day count")
    }

    /// Interest-only with quarterly settlement: interest for the days up to and including each
    /// 20 Mar/Jun/Sep/Dec before maturity, the rest with the principal at maturity.
    @usableFromInline
    func quarterlyInterestOnly(_ terms: LoanTerms, _ body: (Installment) -> Void) {
        settleQuarterly(principal: terms.principal, terms: terms, from: terms.start, to: terms.maturity, firstPeriod: 1, body)
    }

    /// Quarterly settlement of `principal` for the days from `periodStart` (counted) to
    /// `maturity` (not counted), numbering rows from `firstPeriod`.
    func settleQuarterly(principal: Money, terms: LoanTerms, from periodStart: CivilDate, to maturity: CivilDate,
                         firstPeriod: Int, _ body: (Installment) -> Void) {
        let basis = terms.dayCount.yearBasisDays
        var periodStart = periodStart
        var period = firstPeriod
        for settlementDay in ScheduleCalculator.quarterlySettlementDays(from: periodStart, before: maturity) {
            let periodEnd = settlementDay.adding(days: 1)  // the settlement day itself accrues
            let accrual = terms.dayCount.accrualDays(from: periodStart, to: periodEnd, wholeMonths: nil)
            let interest = InterestCalculator.interest(on: principal, at: terms.annualRate, days: accrual,
                                                       yearBasisDays: basis, rounding: rounding)
            body(Installment(period: period, dueDate: settlementDay, days: periodStart.days(to: periodEnd),
                             principal: .zero, interest: interest, balance: principal))
            periodStart = periodEnd
            period += 1
        }
        let accrual = terms.dayCount.accrualDays(from: periodStart, to: maturity, wholeMonths: nil)
        let interest = InterestCalculator.interest(on: principal, at: terms.annualRate, days: accrual,
                                                   yearBasisDays: basis, rounding: rounding)
        body(Installment(period: period, dueDate: maturity, days: periodStart.days(to: maturity),
                         principal: principal, interest: interest, balance: .zero))
    }

    /// The quarterly settlement days (20 Mar, 20 Jun, 20 Sep, 20 Dec) on or after `start` and
    /// strictly before `maturity`.
    public static func quarterlySettlementDays(from start: CivilDate, before maturity: CivilDate) -> [CivilDate] {
        var days: [CivilDate] = []
        var (year, month, _) = start.components
        month = ((month + 2) / 3) * 3  // the quarter's last month: 3, 6, 9 or 12
        while true {
            let candidate = CivilDate.anchored(year: year, month: month, day: 20, plusMonths: 0)
            if candidate >= maturity { return days }
            if candidate >= start { days.append(candidate) }
            month += 3
            if month > 12 { month -= 12; year += 1 }
        }
    }

    /// Bullet: principal and all interest at maturity.
    @usableFromInline
    func bullet(_ terms: LoanTerms, _ body: (Installment) -> Void) {
        let maturity = terms.maturity
        let accrual = terms.dayCount.accrualDays(from: terms.start, to: maturity, wholeMonths: terms.termMonths)
        let interest = InterestCalculator.interest(on: terms.principal, at: terms.annualRate, days: accrual,
                                                   yearBasisDays: terms.dayCount.yearBasisDays, rounding: rounding)
        body(Installment(period: 1, dueDate: maturity, days: terms.start.days(to: maturity),
                         principal: terms.principal, interest: interest, balance: .zero))
    }
}
