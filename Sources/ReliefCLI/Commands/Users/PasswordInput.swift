#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A password from the terminal without echo (asked twice), or the first line of stdin when
/// stdin is not a terminal.
enum PasswordInput {
    /// Passwords longer than this are not read further (bcrypt reads 72 bytes).
    static let bytesMax = 1024

    static func read() throws -> String {
        if isatty(0) == 1 {
            let first = try prompt("Password for the account: ")
            let second = try prompt("The same password again: ")
            guard first == second else { throw CommandFailure(.dataError, "the two passwords differ; nothing was added") }
            return first
        }
        guard let line = readLine(strippingNewline: true) else {
            throw CommandFailure(.dataError, "no password on stdin: give it on the first line")
        }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    /// One line typed at the terminal with echo off (restored however it ends).
    static func prompt(_ text: String) throws -> String {
        StandardStreams.writeError(text)
        var saved = termios()
        tcgetattr(0, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSANOW, &quiet)
        defer {
            tcsetattr(0, TCSANOW, &saved)
            StandardStreams.writeError("\n")
        }
        guard let line = readLine(strippingNewline: true) else { throw CommandFailure(.dataError, "no password typed; nothing was added") }
        return line
    }
}
