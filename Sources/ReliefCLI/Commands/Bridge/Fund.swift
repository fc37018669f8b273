import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension BridgeCommand {
    struct Fund: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fund", abstract: "Pay capital in (or --withdraw it), and set the fund's own bank account.",
            discussion: "Example: relief bridge fund --amount 10000000 --date 2020-03-01 --account 37001234567 --account-name 济宁市应急转贷基金")

        @Option(help: ArgumentHelp("The capital moved.", valueName: "amount"), transform: ValueParsers.money) var amount: Money?
        @Option(help: ArgumentHelp("The date of the movement.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate?
        @Flag(help: "Withdraw the amount instead of paying it in.") var withdraw = false
        @Option(help: ArgumentHelp("A reference for the movement (two equal movements on one day need different ones).", valueName: "text"))
        var reference: String?
        @Option(help: ArgumentHelp("The fund's bank account (debtor of payment files).", valueName: "account")) var account: String?
        @Option(name: .customLong("account-name"), help: ArgumentHelp("The account holder's name.", valueName: "name")) var accountName: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if amount == nil && account == nil { throw ValidationError("give --amount and --date, or --account") }
            if (amount == nil) != (date == nil) { throw ValidationError("--amount and --date go together") }
        }

        func run() throws {
            if let amount, amount <= .zero {
                throw CommandFailure(.dataError, "--amount \(amount.formatted(grouped: true)) must be positive; use --withdraw to take capital out")
            }
            var capital: BridgeFundWorkflow.CapitalMovement?
            if let amount, let date { capital = .init(amount: withdraw ? -amount : amount, date: date, reference: reference) }
            let change = try BridgeFundWorkflow.fund(try database.open(), account: account, accountName: accountName, capital: capital)
            var message = ""
            if let account { message += "Fund account set to \(account)\(accountName.map { " (\($0))" } ?? "")\n" }
            if let outcome = change.capital, let amount, let date {
                if outcome.isDuplicate {
                    message += "This capital movement is already recorded (entry \(outcome.entryID)); nothing changed (duplicate). Give --reference for a second one.\n"
                } else {
                    message += "\(withdraw ? "Withdrew" : "Paid in") \(amount.formatted(grouped: true)) on \(date); fund cash now \(change.cash.formatted(grouped: true)); entry \(outcome.entryID)\n"
                }
            }
            StandardStreams.writeOut(message)
        }
    }
}
