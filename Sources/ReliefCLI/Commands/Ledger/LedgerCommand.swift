import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// `relief ledger balance|trial-balance|history|check|reverse`: the books.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Balances, trial balance, account history, invariant check and reversals.",
        discussion: "Accounts: " + ChartOfAccounts.all.map { "\($0.code) \($0.name) (\($0.chineseName))" }.joined(separator: "; "),
        subcommands: [Balance.self, TrialBalance.self, History.self, Check.self, Reverse.self]
    )

    /// An account by code (`1301`) or by name, in English or Chinese, ignoring case.
    static func account(_ text: String) throws -> LedgerAccount {
        let key = text.lowercased()
        if let account = ChartOfAccounts.all.first(where: { $0.code == key || $0.name.lowercased() == key || $0.chineseName == text }) {
            return account
        }
        throw CommandFailure(.usage, "no account '\(text)'; accounts: " + ChartOfAccounts.all.map { "\($0.code) \($0.name)" }.joined(separator: ", "))
    }
}

