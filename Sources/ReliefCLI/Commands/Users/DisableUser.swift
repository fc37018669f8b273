import ArgumentParser
import ReliefApp

extension UsersCommand {
    struct DisableUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable", abstract: "Disable an account: its sessions and token fail at their next request.")

        @Argument(help: "The account's name.") var name: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            if try AccountWorkflow.disable(try database.open(), name: name) {
                StandardStreams.writeOut("Disabled account \(name)\n")
            } else {
                StandardStreams.writeError("relief: account \(name) is disabled already; nothing changed\n")
            }
        }
    }
}
