/// One movement on a bank statement, as the bank reported it: the unit that is stored and
/// reconciled, whatever the file format it came from (ISO 20022 camt or a bank's CSV export).
///
/// A camt entry (`Ntry`) with several transaction details (`TxDtls`, a batch) gives one
/// `StatementEntry` per detail, each with the detail's own amount when the bank reported
/// one. Lives in the domain so that the readers (interchange) and the store (ledger) share
/// it without depending on each other.
public struct StatementEntry: Hashable, Sendable {
    /// Money into the account (`CRDT`) or out of it (`DBIT`).
    public enum Direction: String, Sendable {
        case credit = "CRDT"
        case debit = "DBIT"
    }

    /// The statement's account: the IBAN, else the `Othr/Id` (BBAN or a bank's own number).
    public var account: String
    /// The statement's (or notification's) `Id`, when given.
    public var statementID: String?
    /// 1-based position of the entry (`Ntry`) in the file, over all statements.
    public var entryNumber: Int
    /// 1-based position of the transaction detail within its entry; 1 for an entry without details.
    public var detailNumber: Int
    /// How many transaction details the entry has (0 when it has none).
    public var detailCount: Int
    public var bookingDate: CivilDate?
    public var valueDate: CivilDate?
    /// This record's amount: the detail's own amount in a batch when reported, else the entry's.
    public var amount: ExactAmount
    /// The whole entry's amount, as booked.
    public var entryAmount: ExactAmount
    /// True when `amount` is the whole entry's although the entry holds several details that
    /// carry no amount of their own: the amount is shared, not each detail's.
    public var amountIsShared: Bool
    /// The entry's direction: the entry-level indicator is authoritative over a detail's.
    public var direction: Direction
    /// The entry reverses an earlier one (`RvslInd`).
    public var isReversal: Bool
    /// `BOOK`, `PDNG` or `INFO`, when given.
    public var status: String?
    /// The bank's reference for the entry (`Ntry/AcctSvcrRef`), else the detail's.
    public var accountServicerReference: String?
    public var endToEndID: String?
    public var instructionID: String?
    /// The payment message's id (`Refs/MsgId`, else the batch's `Btch/MsgId`).
    public var messageID: String?
    /// The other party: the debtor of a credit, the creditor of a debit.
    public var counterpartyName: String?
    public var counterpartyAccount: String?
    /// Unstructured remittance lines and structured references, joined by "; ".
    public var remittance: String?
    /// The line of the entry (or its detail) in the source file.
    public var line: Int
    /// What identifies the movement whatever file it comes in, when its reader knows better
    /// than the account and the bank's reference (a bank's CSV export, which names no account:
    /// its reference number, else its running balance); nil for the default identity.
    /// Not stored as such: it becomes the stored entry's idempotency key.
    public var contentKey: String?

    public init(account: String, statementID: String? = nil, entryNumber: Int, detailNumber: Int = 1, detailCount: Int = 0,
                bookingDate: CivilDate?, valueDate: CivilDate? = nil, amount: ExactAmount, entryAmount: ExactAmount? = nil,
                amountIsShared: Bool = false, direction: Direction, isReversal: Bool = false, status: String? = nil,
                accountServicerReference: String? = nil, endToEndID: String? = nil, instructionID: String? = nil,
                messageID: String? = nil, counterpartyName: String? = nil, counterpartyAccount: String? = nil,
                remittance: String? = nil, line: Int, contentKey: String? = nil) {
        self.account = account
        self.statementID = statementID
        self.entryNumber = entryNumber
        self.detailNumber = detailNumber
        self.detailCount = detailCount
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.amount = amount
        self.entryAmount = entryAmount ?? amount
        self.amountIsShared = amountIsShared
        self.direction = direction
        self.isReversal = isReversal
        self.status = status
        self.accountServicerReference = accountServicerReference
        self.endToEndID = endToEndID
        self.instructionID = instructionID
        self.messageID = messageID
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.remittance = remittance
        self.line = line
        self.contentKey = contentKey
    }

    /// The end-to-end reference when the payer gave one (`NOTPROVIDED` means none).
    public var meaningfulEndToEndID: String? {
        guard let endToEndID, !endToEndID.isEmpty, endToEndID.uppercased() != "NOTPROVIDED" else { return nil }
        return endToEndID
    }
}
