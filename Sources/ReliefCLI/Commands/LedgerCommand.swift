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
            var balances = try LedgerWorkflow.balances(try database.open(), asOf: asOf)
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
            let balances = try LedgerWorkflow.balances(try database.open(), asOf: asOf)
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
            let lines = try LedgerWorkflow.history(try database.open(), of: ledgerAccount, asOf: asOf, loan: loanID)
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
            let report = try LedgerWorkflow.check(try database.open())
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
                for item in report.checked { text += "checked  \(item.invariant) (\(item.rows) \(item.rows == 1 ? "row" : "rows"))\n" }
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
            commandName: "reverse", abstract: "Correct a recorded event: a reversing entry, and the register put right with it.",
            discussion: """
                Entries are never edited: the correction posts the exact mirror of entry ENTRY \
                (it names the entry it reverses) and, in the same transaction, corrects the \
                register that holds the event, so `relief ledger check` still holds:
                  loan repayment     the installment is unpaid again (with a deferred row's
                                     repayment that settled its deferral's interest, that too)
                  interest accrual   the installments it accrued are unaccrued
                  bridge advance     the advance is cancelled (not yet repaid only); the
                                     fund's cash is restored
                  bridge repayment   the advance is outstanding again; its fee is reversed
                  manual entry       the reversal alone
                Afterwards the corrected event can be recorded again (relief loans repay,
                loans accrue, bridge advance, bridge repay); recording it twice is still a
                duplicate. Refused (exit 65, nothing written): a repayment or accrual after
                which the loan was deferred, extended or renewed; an accrued installment repaid
                since (undo that repayment first); a deferred row's repayment when a later one
                settled the deferral's interest; an advance already repaid (undo the repayment
                first); a bridge repayment whose cash later advances spent; disbursements,
                deferrals, extensions, renewals and fund capital movements. Entry ids are in
                `relief ledger history ACCOUNT` and in what each event command prints.

                Example:
                  relief ledger reverse 7 --reason "repayment booked on the wrong loan"
                """)

        @Argument(help: "The journal entry id to reverse.") var entry: Int64
        @Option(help: ArgumentHelp("The reversal's date, not before the entry's (default: the entry's own date).", valueName: "date"),
                transform: ValueParsers.date)
        var date: CivilDate?
        @Option(help: ArgumentHelp("Required. Why the entry is reversed.", valueName: "text")) var reason: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let result = try LedgerWorkflow.reverse(try database.open(), entryID: entry, on: date, reason: reason)
            if result.reversal.isDuplicate {
                StandardStreams.writeError("relief: entry \(entry) was already reversed by entry \(result.reversal.entryID); nothing changed (duplicate)\n")
                return
            }
            let what: String
            switch result.correction {
            case .entry:
                what = ""
            case .repayment(let loan, let period, let deferralInterest):
                what = "; installment \(period) of loan \(loan) is unpaid again (\(result.amount.formatted(grouped: true)) owed again"
                    + (deferralInterest.isZero ? "" : ", the deferral's interest of \(deferralInterest.formatted(grouped: true)) included") + ")"
            case .accrual(let loan, let through, let periods):
                what = "; the accrual of loan \(loan) through \(through) is undone: installment\(periods.count == 1 ? "" : "s") \(periods.map(String.init).joined(separator: ", ")) unaccrued (\(result.amount.formatted(grouped: true)))"
            case .advanceCancelled(let advance):
                what = "; advance \(advance) is cancelled and its \(result.amount.formatted(grouped: true)) back in the fund's cash"
            case .bridgeRepaymentUndone(let advance):
                what = "; the repayment of advance \(advance) is undone: the advance is outstanding again and its fee reversed"
            }
            StandardStreams.writeOut("Reversed entry \(entry) with entry \(result.reversal.entryID)\(what)\n")
        }
    }
}
