import ArgumentParser

/// `relief users add|list|disable|token`: the accounts of `relief serve`.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "The accounts of the web application: add, list, disable, and API tokens.",
        discussion: """
            Roles: bureau (everything), bank (bound to one bank with --bank: its own loans, \
            imports and exports), coordinator (first-loan cultivation). Passwords are kept \
            only as bcrypt hashes, tokens only as their SHA-256.
            """,
        subcommands: [AddUser.self, ListUsers.self, DisableUser.self, NewToken.self]
    )
}
