import ReliefDomain
import ReliefEngine
import ReliefLedger

/// The emergency bridge fund's operations for every front end: quotes, the fund's terms,
/// capital and account, advances and repayments, the register and the report.
public enum BridgeFundWorkflow {
    /// A quote beside what the same days cost at the fund's old rate and with private money.
    public struct Comparison: Sendable {
        public let quote: BridgeQuote
        /// The terms the quote was priced under.
        public let terms: BridgeTerms
        public let feeAtOldRate: Money
        public let privateDailyRate: Rate
        public let privateFee: Money
        public var savingVsPrivate: Money { privateFee - quote.fee }
    }

    /// Prices an advance of `amount` from `from` to `to` under `terms` (a `RuleViolation` when a
    /// rule refuses it) and compares it.
    public static func quote(amount: Money, from: CivilDate, to: CivilDate, dailyRate: Rate?, commitment: Money?,
                             privateDailyRate: Rate, terms: BridgeTerms) throws -> Comparison {
        let quote = try BridgeFeeCalculator(terms: terms).quote(amount: amount, advance: from, repayment: to, dailyRate: dailyRate,
                                                                 commitment: commitment)
        return Comparison(quote: quote, terms: terms,
                          feeAtOldRate: BridgeFeeCalculator.flatFee(amount: amount, days: quote.days, dailyRate: BridgeTerms.historic().dailyRateCap),
                          privateDailyRate: privateDailyRate,
                          privateFee: BridgeFeeCalculator.flatFee(amount: amount, days: quote.days, dailyRate: privateDailyRate))
    }

    /// The fund's stored terms (the seed's until set).
    public static func terms(_ ledger: LedgerStore) throws -> BridgeTerms {
        try ledger.read { db in try BridgeFund.settings(db).terms }
    }

    /// Replaces the fund's terms with `change` applied to the current ones (new advances only:
    /// old ones keep theirs); returns the terms now in force.
    public static func updateTerms(_ ledger: LedgerStore, _ change: (BridgeTerms) throws -> BridgeTerms) throws -> BridgeTerms {
        try ledger.write { db -> BridgeTerms in
            let updated = try change(try BridgeFund.settings(db).terms)
            try BridgeFund.store(updated, db)
            return updated
        }
    }

    /// A capital movement: paid in (positive) or withdrawn (negative).
    public struct CapitalMovement: Sendable {
        public let amount: Money
        public let date: CivilDate
        public let reference: String?

        public init(amount: Money, date: CivilDate, reference: String?) {
            self.amount = amount
            self.date = date
            self.reference = reference
        }
    }

    /// What `fund` recorded.
    public struct FundChange: Sendable {
        /// The capital movement's entry (a duplicate when already recorded), if one was asked.
        public let capital: Journal.Outcome?
        /// The fund's cash after it.
        public let cash: Money
    }

    /// Sets the fund's own account (when `account` is given) and records a capital movement
    /// (when given), in one transaction. A movement of zero or less than zero paid in is
    /// `WorkflowError.refused` (withdrawals are negative amounts).
    public static func fund(_ ledger: LedgerStore, account: String?, accountName: String?, capital: CapitalMovement?, user: String? = nil) throws -> FundChange {
        if let capital, capital.amount.isZero { throw WorkflowError.refused("a capital movement of 0.00 moves nothing") }
        return try ledger.writeJournal(as: user) { journal -> FundChange in
            if let account { try BridgeFund.setAccount(account, name: accountName, journal.transaction) }
            var book = try BridgeLedger(journal.transaction)
            let outcome = try capital.map { try book.moveCapital($0.amount, on: $0.date, reference: $0.reference, journal: &journal) }
            return FundChange(capital: outcome, cash: book.cash)
        }
    }

    /// Records an advance (a rule that refuses it throws, nothing written) made by `user` (nil:
    /// the command line); returns its entry
    /// and the fund's cash after it.
    public static func advance(_ ledger: LedgerStore, _ request: BridgeAdvanceRequest, user: String? = nil) throws -> (outcome: Journal.Outcome, cash: Money) {
        try ledger.writeJournal(as: user) { journal in
            var book = try BridgeLedger(journal.transaction)
            let outcome = try book.advance(request, journal: &journal)
            return (outcome, book.cash)
        }
    }

    /// Records an advance's repayment and fee; returns the outcome and the repayment's entry.
    public static func repay(_ ledger: LedgerStore, _ id: AdvanceID, on date: CivilDate, user: String? = nil) throws -> (outcome: BridgeLedger.RepaymentOutcome, entry: Int64?) {
        try ledger.writeJournal(as: user) { journal in
            var book = try BridgeLedger(journal.transaction)
            let outcome = try book.repay(id, on: date, journal: &journal)
            return (outcome, try journal.standingEntry(EventKey.bridgeRepayment(id)))
        }
    }

    /// The register: every advance with its repayment, every capital movement.
    public static func register(_ ledger: LedgerStore) throws -> BridgeRegister {
        try ledger.read { db in try BridgeLedger.register(db) }
    }

    /// The fund's report over [from, to]; without `from`, from the fund's first movement (never
    /// after `to`). A period that ends before it starts is `WorkflowError.refused`.
    public static func report(_ ledger: LedgerStore, from: CivilDate?, to: CivilDate) throws -> BridgeReport {
        let (register, terms) = try ledger.read { db in (try BridgeLedger.register(db), try BridgeFund.settings(db).terms) }
        let start = from ?? min(register.firstEventDate ?? to, to)
        guard start <= to else { throw WorkflowError.refused("the period starts \(start), after it ends \(to)") }
        return BridgeReport.compute(register, from: start, to: to, maximumDays: terms.maximumDays)
    }

    /// The fund at a glance (the bureau's `/fund`): the report from the first movement to `to`,
    /// the cash and outstanding of each day, and the register, from one snapshot.
    public struct Dashboard: Sendable {
        public let report: BridgeReport
        public let days: [BridgeTimeline.Day]
        public let register: BridgeRegister
    }

    public static func dashboard(_ ledger: LedgerStore, to: CivilDate) throws -> Dashboard {
        try ledger.read { db in
            let register = try BridgeLedger.register(db)
            let terms = try BridgeFund.settings(db).terms
            let start = min(register.firstEventDate ?? to, to)
            return Dashboard(report: BridgeReport.compute(register, from: start, to: to, maximumDays: terms.maximumDays),
                             days: BridgeTimeline.days(register, from: start, to: to), register: register)
        }
    }
}
