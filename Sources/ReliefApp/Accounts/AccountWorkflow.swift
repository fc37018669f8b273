import Foundation
import HummingbirdBcrypt
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// The accounts of the web application: added with a password kept only as a bcrypt hash,
/// listed, disabled, and given an API token kept only as its SHA-256.
public enum AccountWorkflow {
    /// Passwords shorter than this are refused (SPEC.md).
    public static let passwordLengthMin = 12
    /// Passwords longer than this are refused: bcrypt reads at most 72 bytes of one.
    public static let passwordBytesMax = 72
    /// Account names: 1 to 64 characters, no spaces or control characters (they appear in
    /// the journal's history and in sign-in forms).
    public static let nameLengthMax = 64

    /// Adds an account named `name` with `role` (and `bank` for a bank account) and the
    /// bcrypt hash of `password`, created on `today`. Rule problems are `WorkflowError.refused`
    /// (a short password, a taken name); a request that does not fit the roles (a bank
    /// account without its bank, a bank for another role) is `WorkflowError.invalidRequest`.
    public static func add(_ ledger: LedgerStore, name: String, role: UserRole, bank: String?, password: String, today: CivilDate) throws {
        guard !name.isEmpty, name.count <= nameLengthMax, name.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace && $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw WorkflowError.invalidRequest("an account name has 1 to \(nameLengthMax) characters, without spaces")
        }
        switch (role, bank) {
        case (.bank, nil): throw WorkflowError.invalidRequest("a bank account names its bank")
        case (.bureau, .some), (.coordinator, .some): throw WorkflowError.invalidRequest("only a bank account names a bank")
        default: break
        }
        if let bank, bank.isEmpty || bank.count > 200 { throw WorkflowError.invalidRequest("a bank's name has 1 to 200 characters") }
        guard password.count >= passwordLengthMin else {
            throw WorkflowError.refused("the password has \(password.count) characters; it needs at least \(passwordLengthMin)")
        }
        guard password.utf8.count <= passwordBytesMax else {
            throw WorkflowError.refused("the password is longer than \(passwordBytesMax) bytes, more than bcrypt reads")
        }
        let hash = Bcrypt.hash(password)
        try ledger.write { db in try UserLedger.add(name: name, role: role, bank: bank, passwordHash: hash, on: today, db) }
    }

    public static func list(_ ledger: LedgerStore) throws -> [UserLedger.User] {
        try ledger.read { db in try UserLedger.list(db) }
    }

    /// Disables the account; false when it was disabled already.
    public static func disable(_ ledger: LedgerStore, name: String) throws -> Bool {
        try ledger.write { db in try UserLedger.disable(name, db) }
    }

    /// A new API token for the account (32 random bytes, URL-safe base64 without padding),
    /// replacing its previous one; only its SHA-256 is stored.
    public static func newToken(_ ledger: LedgerStore, name: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = base64URL(bytes)
        try ledger.write { db in try UserLedger.setToken(name, tokenSHA256: ContentDigest.sha256Hex(Array(token.utf8)), db) }
        return token
    }

    /// Whether any account may sign in: what `serve --allow-remote` needs.
    public static func hasActiveAccount(_ ledger: LedgerStore) throws -> Bool {
        try ledger.read { db in try UserLedger.hasActiveAccount(db) }
    }

    /// The active account that `token` belongs to, or nil (unknown, replaced or disabled).
    public static func user(bearing token: String, _ ledger: LedgerStore) throws -> UserLedger.User? {
        guard !token.isEmpty, token.utf8.count <= 256 else { return nil }
        return try ledger.read { db in try UserLedger.user(tokenSHA256: ContentDigest.sha256Hex(Array(token.utf8)), db) }
    }

    /// The active account named `name` when `password` is its password; nil otherwise (an
    /// unknown, disabled or mistyped account alike). An unknown name costs one bcrypt
    /// verification too, so the answer's time does not tell which names exist.
    public static func signIn(name: String, password: String, _ ledger: LedgerStore) throws -> UserLedger.User? {
        guard !name.isEmpty, name.count <= nameLengthMax, password.utf8.count <= passwordBytesMax else { return nil }
        guard let (user, hash) = try ledger.read({ db in try UserLedger.credentials(named: name, db) }) else {
            _ = Bcrypt.verify(password, hash: unknownAccountHash)
            return nil
        }
        return Bcrypt.verify(password, hash: hash) ? user : nil
    }

    /// The active account named `name` (a signed-in session's account, looked up at every
    /// request so that disabling it takes effect at once), or nil.
    public static func activeUser(named name: String, _ ledger: LedgerStore) throws -> UserLedger.User? {
        guard !name.isEmpty, name.count <= nameLengthMax else { return nil }
        return try ledger.read { db in try UserLedger.user(named: name, db) }
    }

    /// A hash no password matches in practice, verified against for unknown names.
    private static let unknownAccountHash = Bcrypt.hash(base64URL((0..<24).map { _ in UInt8.random(in: .min ... .max) }))

    /// RFC 4648 section 5 (URL and file name safe), no padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
