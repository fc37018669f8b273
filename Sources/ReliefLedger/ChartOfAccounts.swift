/// The chart of accounts: a bank's SME loan book and the emergency bridge fund.
///
/// Debits are positive and credits negative in `postings.amount_fen`; an asset or expense
/// account's balance is normally a debit, a liability, equity or income account's a credit.
public struct LedgerAccount: Hashable, Sendable {
    public enum Kind: String, Sendable { case asset, liability, equity, income, expense }

    public let code: String
    public let name: String
    public let chineseName: String
    public let kind: Kind

    /// Whether the account's normal balance is a debit.
    public var isDebitNormal: Bool { kind == .asset || kind == .expense }
}

public enum ChartOfAccounts {
    // The bank's loan book.
    public static let cash = LedgerAccount(code: "1001", name: "Cash and settlement", chineseName: "现金及结算", kind: .asset)
    public static let loanPrincipal = LedgerAccount(code: "1301", name: "Loans: principal", chineseName: "贷款本金", kind: .asset)
    public static let deferredPrincipal = LedgerAccount(code: "1302", name: "Loans: deferred principal", chineseName: "延期本金", kind: .asset)
    public static let extendedPrincipal = LedgerAccount(code: "1303", name: "Loans: extended principal", chineseName: "展期贷款本金", kind: .asset)
    public static let interestReceivable = LedgerAccount(code: "1132", name: "Interest receivable", chineseName: "应收利息", kind: .asset)
    public static let deferredInterest = LedgerAccount(code: "1133", name: "Deferred interest receivable", chineseName: "延期应收利息", kind: .asset)
    public static let interestIncome = LedgerAccount(code: "6011", name: "Interest income", chineseName: "利息收入", kind: .income)
    // The emergency bridge fund.
    public static let fundCapital = LedgerAccount(code: "4001", name: "Bridge fund: capital", chineseName: "转贷基金本金", kind: .equity)
    public static let fundCash = LedgerAccount(code: "1201", name: "Bridge fund: cash", chineseName: "转贷基金存款", kind: .asset)
    public static let advancesReceivable = LedgerAccount(code: "1221", name: "Bridge fund: advances receivable", chineseName: "应收转贷款", kind: .asset)
    public static let feeIncome = LedgerAccount(code: "6021", name: "Bridge fund: fee income", chineseName: "转贷服务费收入", kind: .income)

    public static let all = [cash, loanPrincipal, deferredPrincipal, extendedPrincipal, interestReceivable, deferredInterest,
                             interestIncome, fundCapital, fundCash, advancesReceivable, feeIncome]

    public static func account(code: String) -> LedgerAccount? { all.first { $0.code == code } }
}
