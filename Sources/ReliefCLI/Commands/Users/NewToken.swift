import ArgumentParser
import ReliefApp

extension UsersCommand {
    struct NewToken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Print a new API token for the account alone on stdout, replacing its previous one.",
            discussion: "The token is shown once: only its SHA-256 is kept. Send it as `Authorization: Bearer TOKEN`.")

        @Argument(help: "The account's name.") var name: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            StandardStreams.writeOut(try AccountWorkflow.newToken(try database.open(), name: name) + "\n")
        }
    }
}
