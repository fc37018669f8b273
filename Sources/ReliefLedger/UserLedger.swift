import GRDB
import ReliefDomain

/// The accounts of `relief serve` in the ledger: stored with a password hash and a token hash
/// only (the hashing is the caller's: the ledger never sees a password or a token).
public enum UserLedger {
    /// An account as listed.
    public struct User: Hashable, Sendable {
        public let name: String
        public let role: UserRole
        /// The bank a bank account is bound to; nil for the other roles.
        public let bank: String?
        public let disabled: Bool
        public let created: CivilDate
    }

    /// Adds an account; `LedgerError.rule` when the name is taken.
    public static func add(name: String, role: UserRole, bank: String?, passwordHash: String, on day: CivilDate, _ db: LedgerTransaction) throws {
        let db = db.database
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE name = ?)", arguments: [name]) ?? false {
            throw LedgerError.rule("an account named \(name) exists already")
        }
        try db.execute(sql: "INSERT INTO users(name, role, bank, password_hash, created) VALUES (?, ?, ?, ?, ?)",
                       arguments: [name, role.rawValue, bank, passwordHash, day.description])
    }

    /// Every account by name.
    public static func list(_ db: LedgerTransaction) throws -> [User] {
        try Row.fetchAll(db.database, sql: "SELECT name, role, bank, disabled, created FROM users ORDER BY name").map(user)
    }

    /// Disables the account (its sessions and token fail at their next request); false when it
    /// was disabled already.
    public static func disable(_ name: String, _ db: LedgerTransaction) throws -> Bool {
        let db = db.database
        guard let disabled = try Bool.fetchOne(db, sql: "SELECT disabled FROM users WHERE name = ?", arguments: [name]) else {
            throw LedgerError.notFound("no account named \(name)")
        }
        guard !disabled else { return false }
        try db.execute(sql: "UPDATE users SET disabled = 1 WHERE name = ?", arguments: [name])
        return true
    }

    /// Replaces the account's API token by the one whose SHA-256 is `tokenSHA256` (hex).
    public static func setToken(_ name: String, tokenSHA256: String, _ db: LedgerTransaction) throws {
        let db = db.database
        guard let disabled = try Bool.fetchOne(db, sql: "SELECT disabled FROM users WHERE name = ?", arguments: [name]) else {
            throw LedgerError.notFound("no account named \(name)")
        }
        guard !disabled else { throw LedgerError.rule("account \(name) is disabled: a token for it would never be accepted") }
        try db.execute(sql: "UPDATE users SET token_sha256 = ? WHERE name = ?", arguments: [tokenSHA256, name])
    }

    /// Whether any account may sign in (one not disabled).
    public static func hasActiveAccount(_ db: LedgerTransaction) throws -> Bool {
        try Bool.fetchOne(db.database, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE disabled = 0)") ?? false
    }

    /// The active account whose token has SHA-256 `tokenSHA256` (hex), or nil.
    public static func user(tokenSHA256: String, _ db: LedgerTransaction) throws -> User? {
        try Row.fetchOne(db.database, sql: "SELECT name, role, bank, disabled, created FROM users WHERE token_sha256 = ? AND disabled = 0",
                         arguments: [tokenSHA256]).map(user)
    }

    /// The active account named `name` and its password hash, or nil (unknown or disabled).
    public static func credentials(named name: String, _ db: LedgerTransaction) throws -> (user: User, passwordHash: String)? {
        guard let row = try Row.fetchOne(db.database, sql: "SELECT name, role, bank, disabled, created, password_hash FROM users WHERE name = ? AND disabled = 0",
                                         arguments: [name]) else { return nil }
        return (try user(row), row["password_hash"])
    }

    /// The active account named `name`, or nil (unknown or disabled).
    public static func user(named name: String, _ db: LedgerTransaction) throws -> User? {
        try Row.fetchOne(db.database, sql: "SELECT name, role, bank, disabled, created FROM users WHERE name = ? AND disabled = 0",
                         arguments: [name]).map(user)
    }

    static func user(_ row: Row) throws -> User {
        let roleText: String = row["role"]
        guard let role = UserRole(rawValue: roleText) else { throw LedgerError.inconsistent("stored role '\(roleText)' is not a role") }
        return User(name: row["name"], role: role, bank: row["bank"], disabled: row["disabled"],
                    created: try StoredValues.date(row["created"], "created"))
    }
}
