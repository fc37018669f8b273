import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

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
}
