import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension FirstLoanCommand.CounsellorCommands {
    struct AddCounsellor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a counsellor.", discussion: "Example: relief firstloan counsellor add --id C001 --name 张明")

        @Option(help: ArgumentHelp("Required. The counsellor's id, 1 to 64 characters.", valueName: "id")) var id: String
        @Option(help: ArgumentHelp("Required. The counsellor's name.", valueName: "name")) var name: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let counsellor = try FirstLoanCommand.counsellorID(id)
            let added = try FirstLoanWorkflow.addCounsellor(try database.open(), counsellor, name: name)
            if added {
                StandardStreams.writeOut("Added counsellor \(id) \(name)\n")
            } else {
                StandardStreams.writeError("relief: counsellor \(id) is already registered as \(name); nothing changed (duplicate)\n")
            }
        }
    }
}
