import ReliefDomain

/// Extension (展期): the same loan with a later maturity, within the cumulative cap of
/// RULES.md section 5.
///
/// Installments due before the agreement date are kept as they were. The principal still
/// outstanding before them is repaid by the loan's own method from the last kept due date
/// (or the start) to the new maturity: monthly due dates keep the loan's anchor day, the new
/// maturity is the last; an interest-only loan keeps settling; a bullet loan pays everything
/// at the new maturity.
public struct ExtensionCalculator: Sendable {
    public let rounding: Rounding

    public init(rounding: Rounding = .halfUp) { self.rounding = rounding }

    /// - Parameters:
    ///   - newMaturity: the extended maturity; after the original one and within the cap.
    ///     The cap is measured from the original maturity, so it is cumulative over extensions.
    ///   - agreed: when the extension takes effect; on or before the original maturity (an
    ///     extension is applied for before the loan falls due). Default: the original maturity,
    ///     which reschedules only the final installment.
    public func extend(_ schedule: Schedule, to newMaturity: CivilDate, agreed: CivilDate? = nil) throws(RuleViolation) -> ExtensionResult {
        let terms = schedule.terms
        // An extended loan's maturity is its last due date; the cap counts from the original one.
        let originalMaturity = schedule.installments.last?.dueDate ?? terms.maturity
        let capMonths = ExtensionRules.maximumExtensionMonths(originalTermMonths: terms.termMonths)
        let latest = terms.start.adding(months: terms.termMonths + capMonths)
        guard newMaturity > originalMaturity else {
            throw RuleViolation(rule: "extension-date", "the new maturity \(newMaturity) is not after the current maturity \(originalMaturity)")
        }
        guard newMaturity <= latest else {
            throw RuleViolation(rule: "extension-cap",
                                "a \(terms.termMonths)-month loan may be extended by at most \(capMonths) month\(capMonths == 1 ? "" : "s") in all, to \(latest) at the latest; \(newMaturity) is past the cap")
        }
        let agreedOn = agreed ?? originalMaturity
        guard agreedOn <= originalMaturity else {
            throw RuleViolation(rule: "extension-late",
                                "an extension must be agreed by the maturity date \(originalMaturity); on \(agreedOn) the loan is already overdue")
        }
        guard agreedOn > terms.start else {
            throw RuleViolation(rule: "extension-early", "the extension date \(agreedOn) is not after the loan's start \(terms.start)")
        }
        let kept = schedule.installments.filter { $0.dueDate < agreedOn }
        let outstanding = kept.last?.balance ?? terms.principal
        var rows = kept
        let firstPeriod = kept.count + 1
        let calculator = ScheduleCalculator(rounding: rounding)
        switch (terms.method, terms.settlement) {
        case (.bullet, _):
            let accrual = terms.dayCount.accrualDays(from: terms.start, to: newMaturity,
                                                     wholeMonths: ExtensionCalculator.wholeMonths(from: terms.start, to: newMaturity))
            let interest = InterestCalculator.interest(on: terms.principal, at: terms.annualRate, days: accrual,
                                                       yearBasisDays: terms.dayCount.yearBasisDays, rounding: rounding)
            rows = [Installment(period: 1, dueDate: newMaturity, days: terms.start.days(to: newMaturity),
                                principal: terms.principal, interest: interest, balance: .zero)]
        case (.interestOnly, .quarterly):
            // A settlement period ends on the 20th inclusive: the next starts the day after.
            let periodStart = kept.last.map { $0.dueDate.adding(days: 1) } ?? terms.start
            calculator.settleQuarterly(principal: outstanding, terms: terms, from: periodStart, to: newMaturity,
                                       firstPeriod: firstPeriod) { rows.append($0) }
        default:
            let periodStart = kept.last?.dueDate ?? terms.start
            let periods = ExtensionCalculator.duePeriods(anchor: terms.start, after: periodStart, through: newMaturity)
            var iterator = periods.makeIterator()
            try calculator.amortize(principal: outstanding, terms: terms, from: periodStart, periods: periods.count,
                                    dueDates: &iterator, firstPeriod: firstPeriod) { rows.append($0) }
        }
        return ExtensionResult(original: schedule, newMaturity: newMaturity, agreed: agreedOn, capMonths: capMonths,
                               latestMaturity: latest, extended: Schedule(terms: terms, installments: rows))
    }

    /// Monthly due dates anchored on `anchor`'s day, after `after` and before `maturity`, then
    /// `maturity` itself (a whole month only when it falls on an anchored date).
    static func duePeriods(anchor: CivilDate, after: CivilDate, through maturity: CivilDate) -> [DuePeriod] {
        var periods: [DuePeriod] = []
        var dates = MonthlyDueDates(start: anchor)
        while true {
            let date = dates.nextDueDate()
            if date <= after { continue }
            if date >= maturity {
                periods.append(DuePeriod(dueDate: maturity, wholeMonths: date == maturity ? 1 : nil))
                return periods
            }
            periods.append(DuePeriod(dueDate: date, wholeMonths: 1))
        }
    }

    /// The number of whole months from `start` to `end` when `end` is an anchored monthly
    /// date of `start`, else nil.
    static func wholeMonths(from start: CivilDate, to end: CivilDate) -> Int? {
        let (y1, m1, _) = start.components
        let (y2, m2, _) = end.components
        let months = (y2 - y1) * 12 + (m2 - m1)
        return months > 0 && start.adding(months: months) == end ? months : nil
    }
}

/// An extension's outcome: the new schedule and the cap it was checked against.
public struct ExtensionResult: Hashable, Sendable {
    public let original: Schedule
    public let newMaturity: CivilDate
    public let agreed: CivilDate
    /// The cumulative cap in months and the latest maturity it allows.
    public let capMonths: Int
    public let latestMaturity: CivilDate
    /// The kept installments followed by the rescheduled rest; its rows run to `newMaturity`.
    public let extended: Schedule
}
