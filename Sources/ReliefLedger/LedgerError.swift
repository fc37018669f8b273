import ReliefDomain

/// Why a ledger operation failed: each case carries its values and says what happened in
/// words any front end can show; none names a command or an option (the CLI and the server
/// each add their own hint, see `ReliefCLI`'s `LedgerError+Hint`).
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why a file is not a ledger.
    public enum NotALedger: Equatable, Sendable {
        /// A pipe, a device or another file that is not a regular one (reading it could wait).
        case notRegularFile
        case emptyFile
        case notSQLite
        /// A SQLite database without the ledger's schema (another application's).
        case noSchema
        /// SQLite's own words for a damaged file.
        case damaged(String)
    }

    /// No ledger at the path.
    case missingDatabase(path: String)
    /// A new ledger asked for on a path that already holds a file.
    case alreadyExists(path: String)
    /// The database stayed locked by another process past the busy timeout.
    case busy(path: String, timeoutSeconds: Int)
    /// The file is not a CreditRelief ledger or is damaged.
    case notALedger(path: String, reason: NotALedger)
    /// The ledger, or the folder it is in, cannot be written by this user: SQLite writes its
    /// `-wal` and `-shm` files beside a WAL database even to read it.
    case readOnly(path: String)
    /// Well-formed input that breaks a rule of the books.
    case rule(String)
    /// A loan the ledger does not hold.
    case unknownLoan(LoanID)
    /// An installment period the loan does not have.
    case unknownInstallment(loan: LoanID, period: Int)
    /// A journal entry number the ledger does not hold.
    case unknownEntry(Int64)
    /// A bridge advance the fund's register does not hold.
    case unknownAdvance(AdvanceID)
    /// A stored statement entry (by row id or by key) the ledger does not hold.
    case unknownStatementEntry(String)
    /// Something else the user or a file named does not exist.
    case notFound(String)
    /// A counsellor that is not registered.
    case unknownCounsellor(CounsellorID)
    /// An enterprise the ledger does not know.
    case unknownEnterprise(CreditCode)
    /// An enterprise the ledger knows, but not as one identified for cultivation.
    case notUnderCultivation(CreditCode)
    /// A capital movement of the bridge fund: corrected by the opposite movement, not by a
    /// reversal (`withdrawal` says which way it went).
    case capitalNotReversible(entryID: Int64, withdrawal: Bool)
    /// An advance whose repayment (entry `repaymentEntry`) must be undone before the advance.
    case advanceRepaid(advance: AdvanceID, repaidOn: CivilDate, repaymentEntry: Int64)
    /// A reversal without a reason.
    case reasonRequired
    /// What the ledger holds contradicts itself (a stored value that does not parse, a key
    /// held by the wrong entry, a row another one names that is missing).
    case inconsistent(String)
    /// SQLite refused something the code should have prevented (a constraint, a full disk):
    /// a bug or the machine, reported without the statement's bound values.
    case storage(String)

    public var description: String {
        switch self {
        case .missingDatabase(let path): return "no database at \(path)"
        case .alreadyExists(let path): return "\(path) already exists; nothing was changed"
        case .busy(let path, let seconds): return "database \(path) is busy: another relief process held it for more than \(seconds) s; try again"
        case .rule(let message), .notFound(let message), .inconsistent(let message): return message
        case .unknownLoan(let id): return "no loan \(id) in the ledger"
        case .unknownInstallment(let loan, let period): return "loan \(loan) has no installment \(period)"
        case .unknownEntry(let id): return "no journal entry \(id)"
        case .unknownAdvance(let id): return "no bridge advance \(id)"
        case .unknownStatementEntry(let what): return "no statement entry \(what) in the ledger"
        case .unknownCounsellor(let id): return "no counsellor \(id)"
        case .unknownEnterprise(let code): return "no enterprise \(code)"
        case .notUnderCultivation(let code): return "enterprise \(code) is not under cultivation"
        case .capitalNotReversible(let entryID, let withdrawal):
            return "entry \(entryID) records a bridge fund \(withdrawal ? "withdrawal" : "capital payment"), which is not corrected by a reversal; record the opposite movement instead"
        case .advanceRepaid(let advance, let repaidOn, let entry):
            return "advance \(advance) was repaid on \(repaidOn) (entry \(entry)); undo the repayment first"
        case .reasonRequired: return "a reversal needs a reason"
        case .storage(let message): return "internal database error: \(message)"
        case .notALedger(let path, let reason): return "\(path) is not a CreditRelief ledger: \(reason)"
        case .readOnly(let path):
            return "\(path) cannot be written by this user (its file, its -wal/-shm files or its folder): relief writes beside a ledger even to read it"
        }
    }
}

extension LedgerError.NotALedger: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notRegularFile: return "it is not a regular file (a pipe or a device)"
        case .emptyFile: return "it is an empty file"
        case .notSQLite: return "it is not a SQLite database"
        case .noSchema: return "it holds no CreditRelief schema"
        case .damaged(let message): return message
        }
    }
}

extension LedgerError {
    /// What kind of failure this is, for a front end to choose its answer (the CLI's exit
    /// code, the server's status) and a workflow to tell a refusal from a failing ledger.
    public enum Kind: Sendable {
        /// The ledger cannot be used here: missing, or not writable by this user.
        case unavailable
        /// Another writer held the ledger past the timeout; trying again may work.
        case busy
        /// The file is not a ledger, holds one already, or contradicts itself.
        case badLedger
        /// A rule of the books refused what was asked (unknown things included).
        case refused
        /// SQLite refused what the code should have prevented: a bug or the machine.
        case failure
    }

    public var kind: Kind {
        switch self {
        case .missingDatabase, .readOnly: return .unavailable
        case .busy: return .busy
        case .alreadyExists, .notALedger, .inconsistent: return .badLedger
        case .storage: return .failure
        case .rule, .notFound, .unknownLoan, .unknownInstallment, .unknownEntry, .unknownAdvance, .unknownStatementEntry,
             .unknownCounsellor, .unknownEnterprise, .notUnderCultivation, .capitalNotReversible, .advanceRepaid, .reasonRequired:
            return .refused
        }
    }
}
