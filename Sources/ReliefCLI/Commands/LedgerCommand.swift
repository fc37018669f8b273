import ArgumentParser
import ReliefDomain
import ReliefLedger

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

extension LedgerCommand {
    struct Balance: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "balance", abstract: "Account balances as of a date (default: all entries).")

        @Argument(help: "An account code or name (default: every account).") var account: String?
        @Option(name: .customLong("as-of"), help: ArgumentHelp("Count entries dated on or before this date.", valueName: "date"),
                transform: ValueParsers.date)
        var asOf: CivilDate?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let wanted = try account.map(LedgerCommand.account)
            var balances = try database.open().read { db in try LedgerQueries.balances(asOf: asOf, db) }
            if let wanted {
                balances = balances.filter { $0.account == wanted }
                if balances.isEmpty {
                    balances = [LedgerQueries.AccountBalance(account: wanted, debit: .zero, credit: .zero)]
                }
            }
            switch output.format {
            case .json:
                StandardStreams.writeOut(JSONValue.object([
                    ("as_of", asOf.map { .string($0.description) } ?? .null),
                    ("balances", .array(balances.map { .object([("account", .string($0.account.code)), ("name", .string($0.account.name)),
                                                                ("balance", .string($0.normalBalance.description))]) })),
                ]).rendered())
            case .csv:
                var csv = CSVText(header: ["account", "name", "balance"])
                for balance in balances { csv.append([balance.account.code, balance.account.name, balance.normalBalance.description]) }
                StandardStreams.writeOut(csv.text)
            case .table:
                var table = TextTable([.init(title: "Account", alignment: .left), .init(title: "Name", alignment: .left),
                                       .init(title: "Balance", alignment: .right)])
                for balance in balances {
                    table.add([balance.account.code, "\(balance.account.name) \(balance.account.chineseName)", balance.normalBalance.formatted(grouped: true)])
                }
                StandardStreams.writeOut((asOf.map { "As of \($0)\n" } ?? "") + table.render())
            }
        }
    }

    struct TrialBalance: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "trial-balance",
                                                        abstract: "Each account's net balance on its debit or credit side; the totals agree.")

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Count entries dated on or before this date.", valueName: "date"),
                transform: ValueParsers.date)
        var asOf: CivilDate?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let balances = try database.open().read { db in try LedgerQueries.balances(asOf: asOf, db) }
            let lines = balances.map { balance -> (LedgerAccount, Money, Money) in
                balance.net >= .zero ? (balance.account, balance.net, .zero) : (balance.account, .zero, -balance.net)
            }
            let totalDebit = lines.reduce(Money.zero) { $0 + $1.1 }
            let totalCredit = lines.reduce(Money.zero) { $0 + $1.2 }
            switch output.format {
            case .json:
                StandardStreams.writeOut(JSONValue.object([
                    ("accounts", .array(lines.map { .object([("account", .string($0.0.code)), ("debit", .string($0.1.description)),
                                                              ("credit", .string($0.2.description))]) })),
                    ("total_debit", .string(totalDebit.description)), ("total_credit", .string(totalCredit.description)),
                ]).rendered())
            case .csv:
                var csv = CSVText(header: ["account", "name", "debit", "credit"])
                for line in lines { csv.append([line.0.code, line.0.name, line.1.description, line.2.description]) }
                StandardStreams.writeOut(csv.text)
            case .table:
                var table = TextTable([.init(title: "Account", alignment: .left), .init(title: "Name", alignment: .left),
                                       .init(title: "Debit", alignment: .right), .init(title: "Credit", alignment: .right)])
                for line in lines {
                    table.add([line.0.code, "\(line.0.name) \(line.0.chineseName)", line.1.formatted(grouped: true), line.2.formatted(grouped: true)])
                }
                table.addTotals(["Total", "", totalDebit.formatted(grouped: true), totalCredit.formatted(grouped: true)])
                StandardStreams.writeOut(table.render())
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "One account's postings with the running balance.")

        @Argument(help: "An account code or name.") var account: String
        @Option(name: .customLong("as-of"), help: ArgumentHelp("Up to this date.", valueName: "date"), transform: ValueParsers.date)
        var asOf: CivilDate?
        @Option(help: ArgumentHelp("Only postings of this loan.", valueName: "id")) var loan: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let ledgerAccount = try LedgerCommand.account(account)
            let loanID: LoanID?
            do { loanID = try loan.map { try LoanID(validating: $0) } } catch { throw CommandFailure(.usage, "\(error)") }
            let lines = try database.open().read { db in try LedgerQueries.history(of: ledgerAccount, asOf: asOf, loan: loanID, db) }
            switch output.format {
            case .json:
                StandardStreams.writeOut(JSONValue.object([("account", .string(ledgerAccount.code)), ("postings", .array(lines.map { line in
                    .object([("entry", .integer(Int(line.entryID))), ("date", .string(line.date.description)), ("kind", .string(line.kind)),
                             ("description", .string(line.description)), ("loan_id", line.loanID.map { .string($0) } ?? .null),
                             ("amount", .string(line.amount.description)), ("balance", .string(line.runningBalance.description))])
                }))]).rendered())
            case .csv:
                var csv = CSVText(header: ["entry", "date", "kind", "description", "loan_id", "amount", "balance"])
                for line in lines {
                    csv.append([String(line.entryID), line.date.description, line.kind, line.description, line.loanID ?? "",
                                line.amount.description, line.runningBalance.description])
                }
                StandardStreams.writeOut(csv.text)
            case .table:
                var table = TextTable([.init(title: "Entry", alignment: .right), .init(title: "Date", alignment: .left),
                                       .init(title: "Description", alignment: .left), .init(title: "Debit(+)/Credit(-)", alignment: .right),
                                       .init(title: "Balance", alignment: .right)])
                for line in lines {
                    table.add([String(line.entryID), line.date.description, line.description, line.amount.formatted(grouped: true),
                               line.runningBalance.formatted(grouped: true)])
                }
                StandardStreams.writeOut("\(ledgerAccount.code) \(ledgerAccount.name) \(ledgerAccount.chineseName)\n" + table.render())
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Prove every invariant on the whole database; exit 65 naming the rows that break one.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let report = try database.open().read { db in try LedgerCheck.run(db) }
            switch output.format {
            case .json:
                StandardStreams.writeOut(JSONValue.object([
                    ("ok", .bool(report.isClean)),
                    ("checked", .array(report.checked.map { .object([("invariant", .string($0.invariant)), ("rows", .integer($0.rows))]) })),
                    ("violations", .array(report.violations.map { .string($0) })),
                ]).rendered())
            case .csv:
                var csv = CSVText(header: ["invariant", "rows"])
                for item in report.checked { csv.append([item.invariant, String(item.rows)]) }
                StandardStreams.writeOut(csv.text)
            case .table:
                var text = ""
                for item in report.checked { text += "checked  \(item.invariant) (\(item.rows) rows)\n" }
                text += report.isClean ? "ok: every invariant holds\n" : "\(report.violations.count) violation(s)\n"
                StandardStreams.writeOut(text)
            }
            if !report.isClean {
                throw CommandFailure(.dataError, "the ledger breaks its invariants:\n  " + report.violations.joined(separator: "\n  "))
            }
        }
    }

    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reverse", abstract: "Correct an entry with a reversing entry (entries are never edited).")

        @Argument(help: "The journal entry id to reverse.") var entry: Int64
        @Option(help: ArgumentHelp("Required. The reversal's date.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @Option(help: ArgumentHelp("Required. Why the entry is reversed.", valueName: "text")) var reason: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let outcome = try database.open().writeJournal { journal -> Journal.Outcome in
                return try journal.reverse(entryID: entry, on: date, reason: reason)
            }
            if outcome.isDuplicate {
                StandardStreams.writeError("relief: entry \(entry) was already reversed by entry \(outcome.entryID); nothing changed (duplicate)\n")
            } else {
                StandardStreams.writeOut("Reversed entry \(entry) with entry \(outcome.entryID)\n")
            }
        }
    }
}
