import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension LedgerCommand {
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
}
