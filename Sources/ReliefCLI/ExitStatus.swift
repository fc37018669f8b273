/// The exit codes of the `relief` contract (SPEC.md), after BSD sysexits.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A command line that cannot be parsed, including a malformed number, rate or date.
    case usage = 64
    /// Well-formed input that breaks a rule or limit.
    case dataError = 65
    /// An input file or the database is missing.
    case noInput = 66
    /// A bug: an internal error.
    case software = 70
    /// The database stayed busy beyond the timeout.
    case tempFail = 75
}

/// An error a command reports with its exit status and a message for a person.
public struct CommandFailure: Error, CustomStringConvertible {
    public let status: ExitStatus
    public let message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}
