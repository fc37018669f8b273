import ArgumentParser
import Foundation
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// Runs `relief` with its arguments and returns the exit status of the contract.
///
/// Errors go to stderr as `relief: error: <what>`; help goes to stdout with status 0.
/// ArgumentParser's own failures (unknown option, malformed value) exit 64, rule
/// violations 65; nothing escapes as a crash or a stack trace.
public enum ReliefMain {
    public static func run(arguments: [String]) -> Int32 {
        do {
            var command = try ReliefCommand.parseAsRoot(arguments)
            try command.run()
            // What was printed did not all arrive (a full disk behind `>`): not a success.
            if StandardStreams.outputError != 0 {
                throw CommandFailure(.software, "the output could not be written: \(String(cString: strerror(StandardStreams.outputError)))")
            }
            return ExitStatus.success.rawValue
        } catch {
            return report(error)
        }
    }

    static func report(_ error: Error) -> Int32 {
        let (status, message): (Int32, String)
        switch error {
        case let failure as CommandFailure:
            (status, message) = (failure.status.rawValue, failure.message)
        case let failure as ImportFailure:
            // A file's problems, located: one on its line, several listed under a count.
            (status, message) = (ExitStatus.dataError.rawValue, failure.problems.count == 1 ? failure.problems[0].description : failure.description)
        case let violation as RuleViolation:
            (status, message) = (ExitStatus.dataError.rawValue, violation.message)
        case let parse as ParseError:
            (status, message) = (ExitStatus.usage.rawValue, parse.description)
        case let problem as CreditCode.Problem:
            (status, message) = (ExitStatus.dataError.rawValue, "invalid credit code: \(problem)")
        case let problem as ProgrammeFile.Problem:
            (status, message) = (problem.kind == .missing ? ExitStatus.noInput.rawValue : ExitStatus.dataError.rawValue, problem.message)
        case let workflow as WorkflowError:
            (status, message) = (exitStatus(for: workflow).rawValue, workflow.description)
        case let ledger as LedgerError:
            (status, message) = (exitStatus(for: ledger).rawValue, ledger.commandLineMessage)
        default:
            let code = ReliefCommand.exitCode(for: error).rawValue
            let full = ReliefCommand.fullMessage(for: error)
            if code == 0 {
                if !full.isEmpty { StandardStreams.writeOut(full + "\n") }
                return 0
            }
            let text = full.hasPrefix("Error: ") ? String(full.dropFirst("Error: ".count)) : full
            (status, message) = (code == 1 ? ExitStatus.usage.rawValue : code, text)
        }
        StandardStreams.writeError("relief: error: \(message)\n")
        return status
    }

    static func exitStatus(for error: WorkflowError) -> ExitStatus {
        switch error {
        case .missingInput: return .noInput
        case .invalidRequest: return .usage
        case .refused: return .dataError
        case .internalError: return .software
        }
    }

    static func exitStatus(for error: LedgerError) -> ExitStatus {
        switch error.kind {
        case .unavailable: return .noInput
        case .busy: return .tempFail
        case .badLedger, .refused: return .dataError
        case .failure: return .software
        }
    }
}
