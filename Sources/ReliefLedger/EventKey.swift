import ReliefDomain

/// Every idempotency key of an event the ledger records, built in one place. An event's key
/// is its base (below); its recording again after a correction is `rN:<base>`
/// (`Journal.eventKey`). Importing the same record twice finds the same key and changes
/// nothing; the namespaces `loan:`, `bridge:`, `deferral:`, `reverse:` and `rN:` are the
/// ledger's own (`Journal.reservedKeyPrefixes`).
public enum EventKey {
    public static func disbursement(_ loan: LoanID) -> String { "loan:\(loan.rawValue):disbursement" }
    public static func repayment(_ loan: LoanID, period: Int) -> String { "loan:\(loan.rawValue):repayment:\(period)" }
    public static func accrual(_ loan: LoanID, through date: CivilDate) -> String { "loan:\(loan.rawValue):accrual:\(date)" }
    public static func extensionTo(_ loan: LoanID, maturity: CivilDate) -> String { "loan:\(loan.rawValue):extension:\(maturity)" }
    /// The old loan's interest settled when it is renewed.
    public static func renewalInterest(_ loan: LoanID) -> String { "loan:\(loan.rawValue):renewal-interest" }
    /// The start of every key of `loan`'s events of kind `verb` (`repayment`, `accrual`, ...),
    /// followed by what tells them apart.
    public static func loanEventPrefix(_ loan: String, _ verb: String) -> String { "loan:\(loan):\(verb):" }

    public static func deferral(_ loan: LoanID, programme: String) -> String { "deferral:\(loan.rawValue):\(programme)" }
    public static func reversal(of entryID: Int64) -> String { "reverse:\(entryID)" }

    /// The start of a capital movement's key; what follows is its reference.
    public static let bridgeCapitalPrefix = "bridge:capital:"
    /// A capital movement: by its reference, else by its day and amount.
    public static func bridgeCapital(reference: String?, date: CivilDate, amount: Money) -> String {
        bridgeCapitalPrefix + (reference ?? "\(date):\(amount.fen)")
    }
    public static func bridgeAdvance(_ id: AdvanceID) -> String { "bridge:advance:\(id.rawValue)" }
    public static func bridgeRepayment(_ id: AdvanceID) -> String { "bridge:repayment:\(id.rawValue)" }
}
