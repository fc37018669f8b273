import ArgumentParser
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

extension UsersCommand {
    struct ListUsers: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts (never a password or token).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let users = try AccountWorkflow.list(try database.open())
            switch output.format {
            case .json:
                StandardStreams.writeOut(JSONValue.object([("users", .array(users.map { user in
                    .object([("name", .string(user.name)), ("role", .string(user.role.rawValue)), ("bank", user.bank.map(JSONValue.string) ?? .null),
                             ("disabled", .bool(user.disabled)), ("created", .string(user.created.description))])
                }))]).rendered())
            case .csv:
                var csv = CSVText(header: ["name", "role", "bank", "disabled", "created"])
                for user in users { csv.append([user.name, user.role.rawValue, user.bank ?? "", user.disabled ? "true" : "false", user.created.description]) }
                StandardStreams.writeOut(csv.text)
            case .table:
                var table = TextTable([.init(title: "Account", alignment: .left), .init(title: "Role", alignment: .left),
                                       .init(title: "Bank", alignment: .left), .init(title: "Status", alignment: .left),
                                       .init(title: "Created", alignment: .left)])
                for user in users {
                    table.add([user.name, user.role.rawValue, user.bank ?? "", user.disabled ? "disabled" : "active", user.created.description])
                }
                StandardStreams.writeOut(table.render() + "\(users.count) account\(users.count == 1 ? "" : "s")\n")
            }
        }
    }
}
