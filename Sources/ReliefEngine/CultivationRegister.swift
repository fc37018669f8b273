import ReliefDomain

/// The first-loan cultivation register as the report reads it: each enterprise with its
/// identification, pipeline transitions, counsellor assignments and its earliest loan in the
/// ledger. Built by the ledger from its tables; pure values here, so the KPIs can be computed
/// and tested without a database.
public struct CultivationRegister: Sendable {
    /// A loan as the KPIs need it: only an enterprise's earliest loan ever matters (it is the
    /// first loan, or the loan that makes the firm a new borrower).
    public struct Loan: Hashable, Sendable {
        public let id: LoanID
        public let bank: String
        public let amount: Money
        /// The disbursement date (the loan's start date).
        public let date: CivilDate

        public init(id: LoanID, bank: String, amount: Money, date: CivilDate) {
            self.id = id
            self.bank = bank
            self.amount = amount
            self.date = date
        }
    }

    /// A dated move along the pipeline; `bank` is the bank involved, when recorded.
    public struct Transition: Hashable, Sendable {
        public let stage: CultivationStage
        public let date: CivilDate
        public let bank: String?

        public init(stage: CultivationStage, date: CivilDate, bank: String?) {
            self.stage = stage
            self.date = date
            self.bank = bank
        }
    }

    /// A counsellor taking over an enterprise from `date` (until the next assignment).
    public struct Assignment: Hashable, Sendable {
        public let counsellor: CounsellorID
        public let date: CivilDate

        public init(counsellor: CounsellorID, date: CivilDate) {
            self.counsellor = counsellor
            self.date = date
        }
    }

    /// One enterprise: under cultivation when `identifiedOn` is set, else known only from
    /// its loans (it still counts among new borrowers).
    public struct Enterprise: Sendable {
        public let code: CreditCode
        public let name: String
        public let size: EnterpriseSize?
        public let county: String
        public let industry: String?
        /// Whether its central-bank credit report shows a loan record from before the ledger.
        public let hasLoanRecord: Bool
        public let identifiedOn: CivilDate?
        /// In date order (the ledger refuses back-dated transitions).
        public let transitions: [Transition]
        /// In date order.
        public let assignments: [Assignment]
        /// Its earliest loan in the ledger (start date, then loan id), if any.
        public let earliestLoan: Loan?

        public init(code: CreditCode, name: String, size: EnterpriseSize?, county: String, industry: String?, hasLoanRecord: Bool,
                    identifiedOn: CivilDate?, transitions: [Transition], assignments: [Assignment], earliestLoan: Loan?) {
            self.code = code
            self.name = name
            self.size = size
            self.county = county
            self.industry = industry
            self.hasLoanRecord = hasLoanRecord
            self.identifiedOn = identifiedOn
            self.transitions = transitions
            self.assignments = assignments
            self.earliestLoan = earliestLoan
        }

        /// Its first loan (RULES.md section 7): the earliest loan in the ledger, provided the
        /// credit report shows no loan record from before; a firm that already borrowed
        /// elsewhere has no first loan here, whichever bank lends to it next.
        public var firstLoan: Loan? { hasLoanRecord ? nil : earliestLoan }

        /// The stage reached by the end of `day` and since when; nil if not yet identified.
        public func stage(atEndOf day: CivilDate) -> (stage: CultivationStage, since: CivilDate)? {
            guard let identifiedOn, identifiedOn <= day else { return nil }
            var current = (stage: CultivationStage.identified, since: identifiedOn)
            for transition in transitions where transition.date <= day { current = (transition.stage, transition.date) }
            return current
        }

        /// The counsellor assigned as of the end of `day` (the latest assignment on or before it).
        public func counsellor(atEndOf day: CivilDate) -> CounsellorID? {
            var current: CounsellorID?
            for assignment in assignments where assignment.date <= day { current = assignment.counsellor }
            return current
        }
    }

    public let enterprises: [Enterprise]
    /// Every counsellor's name by id.
    public let counsellors: [CounsellorID: String]

    public init(enterprises: [Enterprise], counsellors: [CounsellorID: String]) {
        self.enterprises = enterprises
        self.counsellors = counsellors
    }

    /// The earliest dated event (identification, transition, assignment or loan): the
    /// default start of a report.
    public var firstEventDate: CivilDate? {
        var first: CivilDate?
        func consider(_ date: CivilDate?) {
            guard let date else { return }
            if first.map({ date < $0 }) ?? true { first = date }
        }
        for enterprise in enterprises {
            consider(enterprise.identifiedOn)
            consider(enterprise.earliestLoan?.date)
            consider(enterprise.transitions.first?.date)
            consider(enterprise.assignments.first?.date)
        }
        return first
    }
}
