import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand.EnterpriseCommands {
    struct ListEnterprises: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the firms under cultivation: stage, counsellor and first loan.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        static let header = ["credit_code", "name", "size", "county", "industry", "has_loan_record", "identified_on", "stage", "stage_since",
                             "counsellor", "first_loan", "first_loan_bank", "first_loan_date", "first_loan_amount"]

        func run() throws {
            let register = try FirstLoanWorkflow.cultivation(try database.open())
            let rows: [[String]] = register.enterprises.sorted { $0.code < $1.code }.compactMap { enterprise in
                guard let identifiedOn = enterprise.identifiedOn else { return nil }
                let latest = enterprise.transitions.last
                let loan = enterprise.firstLoan
                return [enterprise.code.value, enterprise.name, enterprise.size?.rawValue ?? "", enterprise.county, enterprise.industry ?? "",
                        enterprise.hasLoanRecord ? "true" : "false", identifiedOn.description, (latest?.stage ?? .identified).rawValue,
                        (latest?.date ?? identifiedOn).description, enterprise.assignments.last?.counsellor.rawValue ?? "",
                        loan?.id.rawValue ?? "", loan?.bank ?? "", loan?.date.description ?? "", loan?.amount.description ?? ""]
            }
            switch output.format {
            case .csv:
                var csv = CSVText(header: ListEnterprises.header)
                for row in rows { csv.append(row) }
                StandardStreams.writeOut(csv.text)
            case .json:
                StandardStreams.writeOut(JSONValue.object([("enterprises", .array(rows.map { row in
                    .object(zip(ListEnterprises.header, row).map { key, value in
                        if key == "has_loan_record" { return (key, .bool(value == "true")) }
                        return (key, value.isEmpty ? .null : .string(value))
                    })
                }))]).rendered())
            case .table:
                var table = TextTable([.init(title: "Credit code", alignment: .left), .init(title: "Name", alignment: .left),
                                       .init(title: "County", alignment: .left), .init(title: "Identified", alignment: .left),
                                       .init(title: "Stage", alignment: .left), .init(title: "Since", alignment: .left),
                                       .init(title: "Counsellor", alignment: .left), .init(title: "First loan", alignment: .left),
                                       .init(title: "Amount", alignment: .right)])
                for row in rows {
                    let loan = row[10].isEmpty ? (row[5] == "true" ? "(has loan record)" : "") : "\(row[10]) \(row[11]) \(row[12])"
                    let amount = row[13].isEmpty ? "" : (try? Money(parsing: row[13]))?.formatted(grouped: true) ?? row[13]
                    table.add([row[0], row[1], row[3], row[6], row[7], row[8], row[9], loan, amount])
                }
                StandardStreams.writeOut(table.render() + "\(rows.count) enterprise\(rows.count == 1 ? "" : "s") under cultivation\n")
            }
        }
    }
}
