import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension LoansCommand {
    struct ListLoans: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the loans in the ledger.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let store = try database.open()
            let loans = try LoanWorkflow.list(store)
            switch output.format {
            case .csv:
                StandardStreams.writeOut(try ExportWorkflow.loansCSV(store).text)
            case .json:
                StandardStreams.writeOut(JSONValue.object([("loans", .array(loans.map { .object(LoanJSON.members($0)) }))]).rendered())
            case .table:
                var table = TextTable([.init(title: "Loan", alignment: .left), .init(title: "Borrower", alignment: .left),
                                       .init(title: "Size", alignment: .left), .init(title: "County", alignment: .left),
                                       .init(title: "Bank", alignment: .left), .init(title: "Principal", alignment: .right),
                                       .init(title: "Rate", alignment: .right), .init(title: "Start", alignment: .left),
                                       .init(title: "Months", alignment: .right), .init(title: "Method", alignment: .left)])
                for loan in loans {
                    table.add([loan.id.rawValue, loan.enterprise.name, loan.enterprise.size.rawValue, loan.enterprise.county, loan.bank,
                               loan.terms.principal.formatted(grouped: true), loan.terms.annualRate.percentString(),
                               loan.terms.start.description, String(loan.terms.termMonths), loan.terms.method.rawValue])
                }
                StandardStreams.writeOut(table.render() + "\(loans.count) loan\(loans.count == 1 ? "" : "s")\n")
            }
        }
    }
}
