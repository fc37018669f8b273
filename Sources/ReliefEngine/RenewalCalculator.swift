import ReliefDomain

/// Renewal without repaying principal (无还本续贷, RULES.md section 5): a new loan signed
/// before maturity settles the old one; the principal never leaves the borrower.
///
/// On the renewal date the old loan's installments due before it are as they were; its
/// outstanding principal is repaid by the new loan's proceeds (no cash moves), and the
/// interest accrued since the last due date is settled as usual (the firm pays it). The new
/// loan lends exactly that principal from the renewal date on its own terms.
public struct RenewalCalculator: Sendable {
    public let rounding: Rounding

    public init(rounding: Rounding = .halfUp) { self.rounding = rounding }

    /// What changes for the new loan; nil keeps the old loan's value.
    public struct NewTerms: Sendable {
        public var annualRate: Rate?
        public var termMonths: Int?
        public var method: RepaymentMethod?
        public var dayCount: DayCount?

        public init(annualRate: Rate? = nil, termMonths: Int? = nil, method: RepaymentMethod? = nil, dayCount: DayCount? = nil) {
            self.annualRate = annualRate
            self.termMonths = termMonths
            self.method = method
            self.dayCount = dayCount
        }
    }

    public func renew(_ schedule: Schedule, on date: CivilDate, with changes: NewTerms = NewTerms()) throws(RuleViolation) -> RenewalResult {
        let terms = schedule.terms
        guard date > terms.start else {
            throw RuleViolation(rule: "renewal-date", "the renewal date \(date) is not after the loan's start \(terms.start)")
        }
        guard date <= terms.maturity else {
            throw RuleViolation(rule: "renewal-late",
                                "a renewal must be signed by the maturity date \(terms.maturity); on \(date) the loan is already overdue")
        }
        let paid = schedule.installments.filter { $0.dueDate < date }
        let outstanding = paid.last?.balance ?? terms.principal
        guard outstanding > .zero else {
            throw RuleViolation(rule: "renewal-nothing-outstanding", "nothing is outstanding on \(date): the loan is repaid")
        }
        let lastDue = paid.last?.dueDate ?? terms.start
        let accrualDays = terms.dayCount == .thirty360
            ? DayCount.thirty360.accrualDays(from: lastDue, to: date, wholeMonths: nil)
            : lastDue.days(to: date)
        let accrued = InterestCalculator.interest(on: outstanding, at: terms.annualRate, days: accrualDays,
                                                  yearBasisDays: terms.dayCount.yearBasisDays, rounding: rounding)
        let method = changes.method ?? terms.method
        let newTerms = try LoanTerms(principal: outstanding, annualRate: changes.annualRate ?? terms.annualRate, start: date,
                                     termMonths: changes.termMonths ?? terms.termMonths, method: method,
                                     dayCount: changes.dayCount ?? (changes.method == nil ? terms.dayCount : nil),
                                     settlement: method == .interestOnly ? terms.settlement : .dueDates)
        let newSchedule = try ScheduleCalculator(rounding: rounding).schedule(for: newTerms)
        return RenewalResult(original: schedule, renewedOn: date, installmentsBefore: paid, principalSettled: outstanding,
                             accruedInterestSettled: accrued, accrualDays: lastDue.days(to: date), newLoan: newSchedule)
    }
}

/// A renewal's outcome: how the old loan is settled and the new loan's schedule.
public struct RenewalResult: Hashable, Sendable {
    public let original: Schedule
    public let renewedOn: CivilDate
    /// The old loan's installments due before the renewal date, as they were.
    public let installmentsBefore: [Installment]
    /// The old loan's principal settled by the new loan's proceeds (never paid out in cash).
    public let principalSettled: Money
    /// Interest accrued on the old loan since its last due date, settled on the renewal date.
    public let accruedInterestSettled: Money
    /// Actual days of that accrual.
    public let accrualDays: Int
    public let newLoan: Schedule
}
