/// An enterprise as the ledger knows it, identified by its unified social credit code.
public struct EnterpriseRecord: Hashable, Sendable {
    public let code: CreditCode
    public let name: String
    public let size: EnterpriseSize
    public let county: String

    public init(code: CreditCode, name: String, size: EnterpriseSize, county: String) {
        self.code = code
        self.name = name
        self.size = size
        self.county = county
    }
}

/// A loan as booked: who borrowed, from which bank, on what terms.
public struct LoanRecord: Hashable, Sendable {
    public let id: LoanID
    public let enterprise: EnterpriseRecord
    public let bank: String
    public let terms: LoanTerms
    /// The credit line the loan draws on (inclusive-loan programmes cap it).
    public let creditLine: Money?
    /// When the firm applied for relief; nil if it has not.
    public let applied: CivilDate?

    public init(id: LoanID, enterprise: EnterpriseRecord, bank: String, terms: LoanTerms, creditLine: Money?, applied: CivilDate?) {
        self.id = id
        self.enterprise = enterprise
        self.bank = bank
        self.terms = terms
        self.creditLine = creditLine
        self.applied = applied
    }
}

