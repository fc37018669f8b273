import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension LedgerCommand {
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
                             ("amount", .string(line.amount.description)), ("balance", .string(line.runningBalance.description)),
                             ("user", line.user.map(JSONValue.string) ?? .null)])
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
}
