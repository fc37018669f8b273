/// Why a workflow refused, for what is not a located problem in a file (those are
/// `ImportFailure`s): each front end words its own hint and picks its own status (the CLI's
/// exit codes, the server's HTTP statuses).
public enum WorkflowError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input that should exist does not (a file, a loan): CLI exit 66.
    case missingInput(String)
    /// A request that is not well formed (an unknown encoding, a file that is a folder): CLI exit 64.
    case invalidRequest(String)
    /// Well-formed input that breaks a rule or limit: CLI exit 65.
    case refused(String)
    /// Something the code should have prevented: CLI exit 70.
    case internalError(String)

    public var description: String {
        switch self {
        case .missingInput(let message), .invalidRequest(let message), .refused(let message), .internalError(let message): return message
        }
    }
}
