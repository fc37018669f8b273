import ReliefDomain

/// The bridge fund's register as the report reads it: capital movements, advances and their
/// repayments. Built by the ledger from its tables; pure values here.
public struct BridgeRegister: Sendable {
    public struct CapitalMovement: Hashable, Sendable {
        public let date: CivilDate
        /// Positive when paid in, negative when withdrawn.
        public let amount: Money

        public init(date: CivilDate, amount: Money) {
            self.date = date
            self.amount = amount
        }
    }

    public struct Repayment: Hashable, Sendable {
        public let date: CivilDate
        public let days: Int
        public let fee: Money

        public init(date: CivilDate, days: Int, fee: Money) {
            self.date = date
            self.days = days
            self.fee = fee
        }
    }

    public struct Advance: Hashable, Sendable {
        public let id: AdvanceID
        public let bank: String
        public let county: String
        public let amount: Money
        public let date: CivilDate
        public let repayment: Repayment?

        public init(id: AdvanceID, bank: String, county: String, amount: Money, date: CivilDate, repayment: Repayment?) {
            self.id = id
            self.bank = bank
            self.county = county
            self.amount = amount
            self.date = date
            self.repayment = repayment
        }

        /// Outstanding at the end of `day`: advanced on or before it, not repaid by it.
        public func isOutstanding(atEndOf day: CivilDate) -> Bool {
            date <= day && (repayment.map { $0.date > day } ?? true)
        }
    }

    public let capital: [CapitalMovement]
    public let advances: [Advance]

    public init(capital: [CapitalMovement], advances: [Advance]) {
        self.capital = capital
        self.advances = advances
    }

    /// The first dated event, the default start of a report.
    public var firstEventDate: CivilDate? {
        (capital.map(\.date) + advances.map(\.date)).min()
    }
}
