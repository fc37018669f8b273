/// Why a ledger operation failed, in terms the command line maps to exit codes.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No database at the path (exit 66): the user should run `relief init`.
    case missingDatabase(path: String)
    /// `relief init` on a path that already holds a file.
    case alreadyExists(path: String)
    /// The database stayed locked by another process past the busy timeout (exit 75).
    case busy(path: String, timeoutSeconds: Int)
    /// Well-formed input that breaks a rule of the books (exit 65).
    case rule(String)
    /// Something the user named does not exist (exit 65), e.g. an unknown loan.
    case notFound(String)
    /// The file is not a CreditRelief ledger or is damaged (exit 65).
    case notALedger(path: String, reason: String)
    /// The ledger, or the folder it is in, cannot be written by this user (exit 66): SQLite
    /// writes its `-wal` and `-shm` files beside a WAL database even to read it.
    case readOnly(path: String)
    /// What the ledger holds contradicts itself (a stored value that does not parse, a row
    /// another one names that is missing): found while reading it back, e.g. for an export.
    case inconsistent(String)
    /// SQLite refused something the code should have prevented (a constraint, a full disk):
    /// a bug or the machine, reported without the statement's bound values.
    case storage(String)

    public var description: String {
        switch self {
        case .missingDatabase(let path): return "no database at \(path): run `relief init` first (or give --db PATH / RELIEF_DB)"
        case .alreadyExists(let path): return "\(path) already exists; nothing was changed"
        case .busy(let path, let seconds): return "database \(path) is busy: another relief process held it for more than \(seconds) s; try again"
        case .rule(let message): return message
        case .notFound(let message): return message
        case .inconsistent(let message): return message
        case .storage(let message): return "internal database error: \(message)"
        case .notALedger(let path, let reason): return "\(path) is not a CreditRelief ledger: \(reason)"
        case .readOnly(let path):
            return "\(path) cannot be written by this user (its file, its -wal/-shm files or its folder): relief writes beside a ledger even to read it"
        }
    }
}
