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
    /// The postings paired into the transfers the journal stores (`pairing(_:)`).
    public let transfers: [Transfer]
    public let reverses: Int64?

    /// Postings with a zero amount are dropped (a deferral of interest only has no principal
    /// line); what is left must balance, or the draft is refused.
    public init(date: CivilDate, kind: Kind, description: String, idempotencyKey: String, loanID: LoanID? = nil,
                postings: [Posting], reverses: Int64? = nil) throws(LedgerError) {
        let lines = postings.contains(where: { $0.amount.isZero }) ? postings.filter { !$0.amount.isZero } : postings
        let sum = lines.reduce(Money.zero) { $0 + $1.amount }
        guard lines.count >= 2, sum.isZero else {
            if sum.isZero {
                throw LedgerError.rule("entry '\(description)' moves nothing: \(lines.count) posting\(lines.count == 1 ? "" : "s") left once those of 0.00 are dropped, two at least needed")
            }
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
        self.transfers = JournalEntryDraft.pairing(lines)
        self.reverses = reverses
    }

    /// One debit matched with one credit of the same positive amount: the form in which the
    /// journal stores an entry (table `transfers`). A transfer balances by construction, so
    /// an entry made of transfers balances without SQLite summing its lines.
    public struct Transfer: Sendable, Equatable {
        public let debit: LedgerAccount
        public let credit: LedgerAccount
        /// Positive.
        public let amount: Money
        public let debitLoanID: LoanID?
        public let creditLoanID: LoanID?
        /// The entry's line numbers (1-based, in `postings`) of the debit and the credit.
        public let debitLine: Int
        public let creditLine: Int
    }

    /// Pairs balanced `lines` into transfers: debits and credits are each taken in the order
    /// given, and each transfer moves as much as both the current debit and the current credit
    /// have left. A two-line entry is one transfer; Dr cash 112 / Cr principal 100 / Cr
    /// interest 12 is cash to principal 100 and cash to interest 12. At most
    /// debits + credits - 1 transfers; each keeps the line numbers of its debit and credit,
    /// so the lines read back (view `postings`, a line's pieces summed) are `lines` exactly.
    static func pairing(_ lines: [Posting]) -> [Transfer] {
        if lines.count == 2 {
            // The common entry: one debit, one credit.
            let debitFirst = lines[0].amount.fen > 0
            let (debit, credit) = debitFirst ? (lines[0], lines[1]) : (lines[1], lines[0])
            return [Transfer(debit: debit.account, credit: credit.account, amount: debit.amount,
                             debitLoanID: debit.loanID, creditLoanID: credit.loanID,
                             debitLine: debitFirst ? 1 : 2, creditLine: debitFirst ? 2 : 1)]
        }
        let debits = lines.indices.filter { lines[$0].amount.fen > 0 }.map { (line: $0 + 1, posting: lines[$0]) }
        let credits = lines.indices.filter { lines[$0].amount.fen < 0 }.map { (line: $0 + 1, posting: lines[$0]) }
        var transfers: [Transfer] = []
        transfers.reserveCapacity(debits.count + credits.count - 1)
        var debitIndex = 0, creditIndex = 0
        var debitLeft = debits.first?.posting.amount.fen ?? 0, creditLeft = -(credits.first?.posting.amount.fen ?? 0)
        while debitIndex < debits.count, creditIndex < credits.count {
            let moved = min(debitLeft, creditLeft)
            let debit = debits[debitIndex], credit = credits[creditIndex]
            transfers.append(Transfer(debit: debit.posting.account, credit: credit.posting.account, amount: Money(fen: moved),
                                      debitLoanID: debit.posting.loanID, creditLoanID: credit.posting.loanID,
                                      debitLine: debit.line, creditLine: credit.line))
            debitLeft -= moved
            creditLeft -= moved
            if debitLeft == 0 {
                debitIndex += 1
                if debitIndex < debits.count { debitLeft = debits[debitIndex].posting.amount.fen }
            }
            if creditLeft == 0 {
                creditIndex += 1
                if creditIndex < credits.count { creditLeft = -credits[creditIndex].posting.amount.fen }
            }
        }
        return transfers
    }
}
