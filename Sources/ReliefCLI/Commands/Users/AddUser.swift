import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain

extension UsersCommand {
    struct AddUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an account; the password is read from the terminal (not echoed), or the first line of stdin.",
            discussion: """
                The password is never an argument (it would show in the process list and the \
                shell's history): at a terminal it is asked for twice without echo; otherwise \
                the first line of stdin is read (its line ending stripped). At least 12 \
                characters; an existing name exits 65.

                Examples:
                  relief users add zhang --role bureau
                  printf '%s\\n' "$PASSWORD" | relief users add jnbank --role bank --bank 济宁银行
                """)

        @Argument(help: "The account's name (1 to 64 characters, no spaces).") var name: String
        @Option(help: ArgumentHelp("bureau, bank or coordinator.", valueName: "role"), transform: ValueParsers.role)
        var role: UserRole
        @Option(help: ArgumentHelp("The bank a bank account is bound to (required with --role bank, refused otherwise).", valueName: "name"))
        var bank: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if role == .bank && bank == nil { throw ValidationError("--bank is required with --role bank") }
            if role != .bank && bank != nil { throw ValidationError("--bank goes with --role bank only") }
        }

        func run() throws {
            let store = try database.open()
            let password = try PasswordInput.read()
            try AccountWorkflow.add(store, name: name, role: role, bank: bank, password: password, today: try Today.resolve())
            StandardStreams.writeOut("Added account \(name) (\(role.rawValue)\(bank.map { ", \($0)" } ?? ""))\n")
        }
    }
}
