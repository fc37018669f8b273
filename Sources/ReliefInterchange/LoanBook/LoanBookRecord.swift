import ReliefDomain

/// One record of a loan book, in the order the format keeps: enterprises, loans,
/// repayments, the bridge fund's account, capital movements, bridge advances.
public enum LoanBookRecord: Hashable, Sendable {
    case enterprise(EnterpriseRecord)
    case loan(LoanRecord)
    /// Installment `period` of `loan` repaid on `date`.
    case repayment(loan: LoanID, period: Int, date: CivilDate)
    /// The fund's own account and its holder's name.
    case bridgeFund(account: String?, accountName: String?)
    /// Capital paid in (positive) or withdrawn (negative) on `date`.
    case bridgeCapital(date: CivilDate, amount: Money)
    case bridgeAdvance(BridgeAdvance)

    /// A bridge advance as the loan book carries it.
    public struct BridgeAdvance: Hashable, Sendable {
        public let id: AdvanceID
        public let enterprise: CreditCode
        public let enterpriseName: String?
        public let bank: String
        public let county: String
        public let amount: Money
        public let date: CivilDate
        public let account: String?
        public let repaid: CivilDate?

        public init(id: AdvanceID, enterprise: CreditCode, enterpriseName: String? = nil, bank: String, county: String, amount: Money,
                    date: CivilDate, account: String?, repaid: CivilDate?) {
            self.id = id
            self.enterprise = enterprise
            self.enterpriseName = enterpriseName
            self.bank = bank
            self.county = county
            self.amount = amount
            self.date = date
            self.account = account
            self.repaid = repaid
        }
    }
}
