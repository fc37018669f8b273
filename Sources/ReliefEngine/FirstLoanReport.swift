import ReliefDomain

/// First-loan cultivation KPIs for a period [from, to] (both inclusive), exactly as SPEC.md
/// defines them ("First loans"):
/// - under_cultivation: enterprises identified on or before `to` and not withdrawn or
///   declined before `from`;
/// - first_loan_borrowers: those of them whose first loan (RULES.md section 7) was
///   disbursed within the period; first_loan_amount: the sum of those first loans;
/// - first_loan_rate = first_loan_borrowers / under_cultivation;
/// - new_borrowers: enterprises with any loan disbursed within the period and none before
///   it (in the ledger), cultivated or not;
/// - first_loan_share_of_new_borrowers = first-loan borrowers among all enterprises /
///   new_borrowers (every such borrower is a new borrower, so the share is at most 1).
///
/// Also the median days from identification to first loan of the first-loan borrowers, and
/// a funnel over the enterprises under cultivation: how many had reached each stage by the
/// end of `to`. A stage skipped on the way counts as passed (a firm that applied has been
/// past `counselled`), so the pipeline rows never grow down the funnel; a firm whose first
/// loan was disbursed by `to` has reached `disbursed`, whatever stage moves were recorded.
public struct FirstLoanReport: Sendable {
    /// How groups are formed (`--by`):
    /// - bank: the bank of the enterprise's earliest loan if disbursed by `to`, else the bank
    ///   of its latest transition by `to` that names one, else none;
    /// - county: the enterprise's county;
    /// - counsellor: the one assigned when its first loan was disbursed, else the one
    ///   assigned at the end of `to`, else none.
    public enum Grouping: String, Sendable, CaseIterable {
        case bank, county, counsellor
    }

    /// The KPIs of the whole register or of one group.
    public struct Figures: Sendable {
        public var underCultivation = 0
        public var firstLoanBorrowers = 0
        public var firstLoanAmount = Money.zero
        public var newBorrowers = 0
        /// First-loan borrowers among all enterprises, cultivated or not (the share's numerator).
        public var firstLoanBorrowersAll = 0
        /// Days from identification to first loan of each first-loan borrower, ascending.
        public fileprivate(set) var daysToFirstLoan: [Int] = []
        /// Enterprises under cultivation that had reached each stage by the end of `to`,
        /// indexed like `CultivationStage.allCases`.
        public fileprivate(set) var reached = [Int](repeating: 0, count: CultivationStage.allCases.count)

        public init() {}

        /// How many enterprises under cultivation had reached `stage` by the end of the period.
        public func reached(_ stage: CultivationStage) -> Int {
            reached[CultivationStage.allCases.firstIndex(of: stage) ?? 0]
        }

        /// first_loan_rate in units of 0.0001, half up; 0 when nobody is under cultivation.
        public var firstLoanRateTenThousandths: Int128 { FirstLoanReport.ratio(firstLoanBorrowers, underCultivation) }

        /// first_loan_share_of_new_borrowers in units of 0.0001, half up; 0 without new borrowers.
        public var shareOfNewBorrowersTenThousandths: Int128 { FirstLoanReport.ratio(firstLoanBorrowersAll, newBorrowers) }

        /// Share of the enterprises under cultivation that reached `stage`, in units of 0.0001.
        public func conversionTenThousandths(_ stage: CultivationStage) -> Int128 { FirstLoanReport.ratio(reached(stage), underCultivation) }

        /// The median of `daysToFirstLoan` in hundredths of a day (exact: a median is a whole
        /// number or halfway between two); nil without first loans.
        public var medianDaysHundredths: Int128? {
            let days = daysToFirstLoan
            guard !days.isEmpty else { return nil }
            let middle = days.count / 2
            if days.count % 2 == 1 { return Int128(days[middle]) * 100 }
            return (Int128(days[middle - 1]) + Int128(days[middle])) * 50
        }
    }

    /// One group's figures; `label` is a counsellor's name (the group name is the id).
    public struct Group: Sendable {
        /// Empty for the enterprises that have no bank or counsellor (or an empty county).
        public let name: String
        public let label: String?
        public let figures: Figures
    }

    public let from: CivilDate
    public let to: CivilDate
    public let totals: Figures
    public let grouping: Grouping?
    /// Sorted by name, the unnamed group last.
    public let groups: [Group]

    static func ratio(_ numerator: Int, _ denominator: Int) -> Int128 {
        denominator == 0 ? 0 : Rounding.halfUp.divide(Int128(numerator) * 10_000, by: Int128(denominator))
    }

    /// The report over `[from, to]` of `register`, grouped `by` when given. Each enterprise is
    /// looked at once: O(enterprises + their transitions and assignments).
    public static func compute(_ register: CultivationRegister, from: CivilDate, to: CivilDate, by grouping: Grouping? = nil) -> FirstLoanReport {
        precondition(from <= to, "first-loan report period \(from) to \(to) ends before it starts")
        var totals = Figures()
        var groups: [String: Figures] = [:]
        for enterprise in register.enterprises {
            guard let contribution = contribution(of: enterprise, from: from, to: to) else { continue }
            totals.add(contribution)
            if let grouping {
                groups[key(of: enterprise, by: grouping, to: to), default: Figures()].add(contribution)
            }
        }
        totals.daysToFirstLoan.sort()
        // Counsellor groups are named by id; their label is the counsellor's name.
        var names: [String: String] = [:]
        if grouping == .counsellor { for (id, name) in register.counsellors { names[id.rawValue] = name } }
        let sortedGroups = groups.map { name, figures -> Group in
            var sorted = figures
            sorted.daysToFirstLoan.sort()
            return Group(name: name, label: names[name], figures: sorted)
        }.sorted { lhs, rhs in
            lhs.name.isEmpty != rhs.name.isEmpty ? !lhs.name.isEmpty : lhs.name < rhs.name
        }
        return FirstLoanReport(from: from, to: to, totals: totals, grouping: grouping, groups: sortedGroups)
    }

    /// What one enterprise adds to the figures, as scalars (no per-enterprise allocation:
    /// the report runs over hundreds of thousands of firms).
    struct Contribution {
        var underCultivation = false
        var newBorrower = false
        var firstLoanBorrower = false
        /// Its first loan when it is a first-loan borrower under cultivation.
        var firstLoan: (amount: Money, days: Int)?
        /// The furthest pipeline stage reached by `to` (index into `CultivationStage.pipeline`).
        var furthest = 0
        /// `declined` or `withdrawn`, when it closed that way by `to`.
        var exit: CultivationStage?
    }

    /// The enterprise's contribution over [from, to], or nil when it is neither under
    /// cultivation nor a new borrower (it then belongs to no group either).
    static func contribution(of enterprise: CultivationRegister.Enterprise, from: CivilDate, to: CivilDate) -> Contribution? {
        var result = Contribution()
        let borrowedInPeriod = enterprise.earliestLoan.map { from <= $0.date && $0.date <= to } ?? false
        if borrowedInPeriod {
            result.newBorrower = true
            result.firstLoanBorrower = !enterprise.hasLoanRecord
        }
        if let identifiedOn = enterprise.identifiedOn, identifiedOn <= to {
            var exitDate = to
            for transition in enterprise.transitions where transition.date <= to {
                if let index = transition.stage.pipelineIndex {
                    result.furthest = max(result.furthest, index)
                } else {
                    result.exit = transition.stage
                    exitDate = transition.date
                }
            }
            // A firm whose first loan was disbursed by `to` has reached `disbursed` and every
            // stage before it, recorded or not (SPEC.md): a loan booked in the ledger is the
            // disbursement, whether or not a coordinator moved the firm along the pipeline.
            if let loan = enterprise.firstLoan, loan.date <= to, let disbursed = CultivationStage.disbursed.pipelineIndex {
                result.furthest = max(result.furthest, disbursed)
            }
            if result.exit == nil || exitDate >= from {
                result.underCultivation = true
                if borrowedInPeriod, let loan = enterprise.firstLoan { result.firstLoan = (loan.amount, identifiedOn.days(to: loan.date)) }
            } else {
                result.exit = nil
            }
        }
        return result.underCultivation || result.newBorrower ? result : nil
    }

    /// The group an enterprise falls in (see `Grouping`); "" when it has none.
    static func key(of enterprise: CultivationRegister.Enterprise, by grouping: Grouping, to: CivilDate) -> String {
        switch grouping {
        case .county:
            return enterprise.county
        case .bank:
            if let loan = enterprise.earliestLoan, loan.date <= to { return loan.bank }
            var bank = ""
            for transition in enterprise.transitions where transition.date <= to {
                if let named = transition.bank, !named.isEmpty { bank = named }
            }
            return bank
        case .counsellor:
            if let loan = enterprise.firstLoan, loan.date <= to, let counsellor = enterprise.counsellor(atEndOf: loan.date) {
                return counsellor.rawValue
            }
            return enterprise.counsellor(atEndOf: to)?.rawValue ?? ""
        }
    }
}

extension FirstLoanReport.Figures {
    /// Adds one enterprise's contribution; the days stay unsorted until the end.
    fileprivate mutating func add(_ contribution: FirstLoanReport.Contribution) {
        if contribution.newBorrower {
            newBorrowers += 1
            if contribution.firstLoanBorrower { firstLoanBorrowersAll += 1 }
        }
        guard contribution.underCultivation else { return }
        underCultivation += 1
        if let firstLoan = contribution.firstLoan {
            firstLoanBorrowers += 1
            firstLoanAmount += firstLoan.amount
            daysToFirstLoan.append(firstLoan.days)
        }
        // `CultivationStage.allCases` lists the pipeline first, so pipeline index i is case
        // index i; the exits follow.
        for index in 0...contribution.furthest { reached[index] += 1 }
        if let exit = contribution.exit, let index = CultivationStage.allCases.firstIndex(of: exit) { reached[index] += 1 }
    }
}
