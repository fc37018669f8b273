import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand.CounsellorCommands {
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Assign a counsellor to a firm under cultivation from a date (history kept).",
            discussion: """
                A firm may change counsellor: the new assignment takes over from its date. \
                Assignments are kept in date order; one dated before the firm's identification \
                or its latest assignment is refused (exit 65).

                Example:
                  relief firstloan counsellor assign --id C001 --code 91350100M000100Y43 \\
                      --date 2020-03-03
                """)

        @Option(help: ArgumentHelp("Required. The counsellor's id.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The firm's credit code.", valueName: "code")) var code: String
        @Option(help: ArgumentHelp("Required. From when.", valueName: "date"), transform: ValueParsers.date) var date: CivilDate
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let counsellor = try FirstLoanCommand.counsellorID(id)
            let enterprise = try FirstLoanCommand.creditCode(code)
            let outcome = try FirstLoanWorkflow.assign(try database.open(), counsellor, to: enterprise, on: date)
            switch outcome {
            case .assigned(let previous):
                StandardStreams.writeOut("Assigned counsellor \(id) to \(code) from \(date)" + (previous.map { " (taking over from \($0))" } ?? "") + "\n")
            case .unchanged(let since):
                StandardStreams.writeError("relief: counsellor \(id) already serves \(code) since \(since); nothing changed (duplicate)\n")
            }
        }
    }
}
