import ReliefDomain

/// A journal entry before it is recorded: a date, what happened, and balanced postings.
public struct JournalEntryDraft: Sendable {
    /// What kind of event an entry records; stored as text in `journal_entries.kind`.
    public enum Kind: String, Sendable, CaseIterable {
        case disbursement, interestAccrual = "interest-accrual", repayment, deferral, `extension`, renewal
        case fundCapital = "fund-capital", fundWithdrawal = "fund-withdrawal", advance, advanceRepayment = "advance-repayment"
        case reversal
        /// Entries recorded by library callers for their own events, with no register behind them.
        case manual

        /// Kinds whose events the loan book or the bridge register hold as well.
        public static let registerLinked: Set<Kind> = [.disbursement, .interestAccrual, .repayment, .deferral, .extension, .renewal,
                                                       .fundCapital, .fundWithdrawal, .advance, .advanceRepayment]

        /// Which register holds the event.
        public var register: String {
            switch self {
            case .fundCapital, .fundWithdrawal, .advance, .advanceRepayment: return "bridge fund register"
            case .reversal, .manual: return "journal"
            default: return "loan book"
            }
        }
    }

    /// One line of an entry: positive amounts are debits, negative amounts credits.
    public struct Posting: Sendable, Equatable {
        public let account: LedgerAccount
        public let amount: Money
        public let loanID: LoanID?

        public static func debit(_ account: LedgerAccount, _ amount: Money, loan: LoanID? = nil) -> Posting {
            Posting(account: account, amount: amount, loanID: loan)
        }

        public static func credit(_ account: LedgerAccount, _ amount: Money, loan: LoanID? = nil) -> Posting {
            Posting(account: account, amount: -amount, loanID: loan)
        }
    }

    public let date: CivilDate
    public let kind: Kind
    public let description: String
    /// Derived from the event's source (file and record, or a caller's reference): recording
    /// the same key twice records nothing the second time.
    public let idempotencyKey: String
    public let loanID: LoanID?
    public let postings: [Posting]
    public let reverses: Int64?

    /// Postings with a zero amount are dropped (a deferral of interest only has no principal
    /// line); what is left must balance, or the draft is refused.
    public init(date: CivilDate, kind: Kind, description: String, idempotencyKey: String, loanID: LoanID? = nil,
                postings: [Posting], reverses: Int64? = nil) throws(LedgerError) {
        let lines = postings.filter { !$0.amount.isZero }
        let sum = lines.reduce(Money.zero) { $0 + $1.amount }
        guard lines.count >= 2, sum.isZero else {
            throw LedgerError.rule("unbalanced entry '\(description)': \(lines.count) postings summing to \(sum)")
        }
        guard !idempotencyKey.isEmpty else { throw LedgerError.rule("entry '\(description)' has no idempotency key") }
        if kind == .manual, let namespace = Journal.reservedNamespace(of: idempotencyKey) {
            throw LedgerError.rule("entry '\(description)' has the key '\(idempotencyKey)', in the namespace \(namespace) that the ledger reserves for its own events; give it another key")
        }
        self.date = date
        self.kind = kind
        self.description = description
        self.idempotencyKey = idempotencyKey
        self.loanID = loanID
        self.postings = lines
        self.reverses = reverses
    }
}
