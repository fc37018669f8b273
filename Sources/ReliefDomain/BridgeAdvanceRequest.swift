/// A bridge fund advance as requested: who, how much, when, for which maturing loan, at which
/// daily rate (the fund's cap when nil). The bridge ledger records it; a loan book carries it
/// with the terms it was made under.
public struct BridgeAdvanceRequest: Hashable, Sendable {
    public let id: AdvanceID
    public let enterprise: CreditCode
    public let enterpriseName: String?
    public let bank: String
    public let county: String
    public let amount: Money
    public let date: CivilDate
    public let maturingLoan: String?
    public let commitment: Money?
    public let dailyRate: Rate?
    public let account: String?

    public init(id: AdvanceID, enterprise: CreditCode, enterpriseName: String? = nil, bank: String, county: String = "",
                amount: Money, date: CivilDate, maturingLoan: String? = nil, commitment: Money? = nil, dailyRate: Rate? = nil,
                account: String? = nil) {
        self.id = id
        self.enterprise = enterprise
        self.enterpriseName = enterpriseName
        self.bank = bank
        self.county = county
        self.amount = amount
        self.date = date
        self.maturingLoan = maturingLoan
        self.commitment = commitment
        self.dailyRate = dailyRate
        self.account = account
    }
}
