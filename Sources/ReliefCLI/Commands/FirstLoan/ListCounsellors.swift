import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand.CounsellorCommands {
    struct ListCounsellors: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the counsellors and the firms each serves now.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let register = try FirstLoanWorkflow.cultivation(try database.open())
            var served: [CounsellorID: Int] = [:]
            for enterprise in register.enterprises {
                if let current = enterprise.assignments.last?.counsellor { served[current, default: 0] += 1 }
            }
            let rows = register.counsellors.sorted { $0.key < $1.key }.map { id, name in [id.rawValue, name, String(served[id] ?? 0)] }
            switch output.format {
            case .csv:
                var csv = CSVText(header: ["counsellor", "name", "enterprises"])
                for row in rows { csv.append(row) }
                StandardStreams.writeOut(csv.text)
            case .json:
                StandardStreams.writeOut(JSONValue.object([("counsellors", .array(rows.map { row in
                    .object([("counsellor", .string(row[0])), ("name", .string(row[1])), ("enterprises", .integer(Int(row[2]) ?? 0))])
                }))]).rendered())
            case .table:
                var table = TextTable([.init(title: "Counsellor", alignment: .left), .init(title: "Name", alignment: .left),
                                       .init(title: "Firms now", alignment: .right)])
                for row in rows { table.add(row) }
                StandardStreams.writeOut(table.render())
            }
        }
    }
}
