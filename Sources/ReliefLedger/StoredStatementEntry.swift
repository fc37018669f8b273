import ReliefDomain

/// A statement entry as stored: what reconciliation needs of it, with its row id.
public struct StoredStatementEntry: Hashable, Sendable {
    public let id: Int64
    public let account: String
    public let bookingDate: CivilDate?
    public let valueDate: CivilDate?
    public let amount: ExactAmount
    public let direction: StatementEntry.Direction
    public let isReversal: Bool
    public let status: String?
    public let endToEndID: String?
    public let instructionID: String?
    public let counterpartyName: String?
    public let counterpartyAccount: String?
    /// The line in the file it was first imported from.
    public let line: Int
    public let entryNumber: Int
    public let detailNumber: Int
    /// The stored statement (its row) the entry was first imported from.
    public let statementRowID: Int64
    /// A detail of a batch entry whose details carry no amounts of their own: `amount` is the
    /// whole entry's, moved once for all its details.
    public let amountIsShared: Bool

    /// The date to match on: the booking date, else the value date.
    public var date: CivilDate? { bookingDate ?? valueDate }
}
