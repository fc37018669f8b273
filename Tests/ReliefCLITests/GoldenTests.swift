import Foundation
import Testing

/// Golden tests of the `relief` command-line contract: each folder of Tests/Golden holds a
/// command script (`cmd`), its input files and the last command's whole expected stdout, stderr
/// and exit status. The format is described in Tests/Golden/README.md.
@Suite struct GoldenTests {
    /// Tests/Golden beside this file's folder.
    static let goldenFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    /// Names in a case folder that are not input files.
    static let reservedNames: Set<String> = ["cmd", "stdout", "stderr", "status", "NOTES", "KNOWN_BUG"]

    /// Every case folder's name, sorted; empty when the folder is missing (the test then fails).
    static var caseNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenFolder.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            let path = goldenFolder.appendingPathComponent(name).path
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }

    /// The environment every command sees: a fixed today, no ledger from outside, a fixed
    /// terminal width for argument-parser messages.
    static let environment: [String: String] = ["RELIEF_TODAY": "2020-07-01", "COLUMNS": "80", "LINES": "25"]
    static let removedVariables = ["RELIEF_DB", "RELIEF_BUSY_TIMEOUT", "RELIEF_GOLDEN_RECORD"]

    static var recording: Bool { ProcessInfo.processInfo.environment["RELIEF_GOLDEN_RECORD"] == "1" }

    @Test func goldenFolderHoldsCases() {
        #expect(FileManager.default.fileExists(atPath: Self.goldenFolder.path), "no folder \(Self.goldenFolder.path)")
        #expect(Self.caseNames.count > 0, "no golden case in \(Self.goldenFolder.path)")
    }

    @Test(arguments: caseNames)
    func golden(_ name: String) throws {
        let caseFolder = Self.goldenFolder.appendingPathComponent(name)
        let script = try String(contentsOf: caseFolder.appendingPathComponent("cmd"), encoding: .utf8)
        let commands = try GoldenScript.parse(script)
        let last = try #require(commands.last, "\(name)/cmd holds no command")

        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in try FileManager.default.contentsOfDirectory(atPath: caseFolder.path) where !Self.reservedNames.contains(file) {
            try FileManager.default.copyItem(at: caseFolder.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }

        var result: ReliefProcess.Result?
        for command in commands {
            let run = try Self.run(command.arguments, in: folder)
            if command.line != last.line {
                let expected = command.status ?? 0
                try #require(run.status == expected, """
                    \(name)/cmd:\(command.line): set-up command exited \(run.status), expected \(expected)
                    stdout: \(run.stdout)
                    stderr: \(run.stderr)
                    """)
            }
            result = run
        }
        let actual = try #require(result)
        let stdout = Self.masked(actual.stdout, folder: folder)
        let stderr = Self.masked(actual.stderr, folder: folder)
        let status = "\(actual.status)\n"

        // A case with a KNOWN_BUG file holds the hand-checked right output of a command that is
        // wrong today: its differences are a known issue, and the test fails once they are gone
        // (then delete KNOWN_BUG).
        let knownBugURL = caseFolder.appendingPathComponent("KNOWN_BUG")
        let knownBug = FileManager.default.fileExists(atPath: knownBugURL.path)
            ? try String(contentsOf: knownBugURL, encoding: .utf8) : nil

        if Self.recording {
            guard knownBug == nil else {
                Issue.record("\(name) has a KNOWN_BUG: its expected files are written by hand, not recorded")
                return
            }
            try Data(stdout.utf8).write(to: caseFolder.appendingPathComponent("stdout"))
            try Data(stderr.utf8).write(to: caseFolder.appendingPathComponent("stderr"))
            try Data(status.utf8).write(to: caseFolder.appendingPathComponent("status"))
            return
        }
        func expected(_ file: String) throws -> String {
            let url = caseFolder.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                Issue.record("\(name)/\(file) is missing (record it with RELIEF_GOLDEN_RECORD=1, then check it by hand)")
                return ""
            }
            return try String(contentsOf: url, encoding: .utf8)
        }
        let expectedStatus = try expected("status")
        let expectedStdout = try expected("stdout")
        let expectedStderr = try expected("stderr")
        func compareAll() {
            Self.compare(name: name, file: "status", expected: expectedStatus, actual: status)
            Self.compare(name: name, file: "stdout", expected: expectedStdout, actual: stdout)
            Self.compare(name: name, file: "stderr", expected: expectedStderr, actual: stderr)
        }
        if let knownBug {
            withKnownIssue(Comment(rawValue: knownBug)) { compareAll() }
        } else {
            compareAll()
        }
    }

    /// Runs `relief` in `folder` with the golden environment; stdout and stderr go to files
    /// outside the folder (no pipe can fill up and block the child).
    static func run(_ arguments: [String], in folder: URL) throws -> ReliefProcess.Result {
        let outputs = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outputs) }
        let outURL = outputs.appendingPathComponent("stdout")
        let errURL = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = try ReliefProcess.executableURL()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var merged = ProcessInfo.processInfo.environment
        for name in removedVariables { merged[name] = nil }
        merged.merge(environment) { $1 }
        process.environment = merged
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ReliefProcess.Result(status: process.terminationStatus,
                                    stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                                    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The temporary folder's path (as created and with symlinks resolved) becomes `$TMP`.
    static func masked(_ text: String, folder: URL) -> String {
        var text = text
        let paths = [folder.path, folder.resolvingSymlinksInPath().path].sorted { $0.count > $1.count }
        for path in paths where !path.isEmpty { text = text.replacingOccurrences(of: path, with: "$TMP") }
        return text
    }

    /// Compares whole texts; on a difference, records the first differing line of each side.
    static func compare(name: String, file: String, expected: String, actual: String) {
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        var index = 0
        while index < min(expectedLines.count, actualLines.count), expectedLines[index] == actualLines[index] { index += 1 }
        func line(_ lines: [String]) -> String {
            index < lines.count ? "\"\(lines[index])\"" : "(end of text)"
        }
        Issue.record("""
            \(name)/\(file) differs at line \(index + 1):
              expected: \(line(expectedLines))
              actual:   \(line(actualLines))
            whole actual \(file):
            \(actual)
            """)
    }
}

/// One command of a case's `cmd` script.
struct GoldenCommand {
    let line: Int
    let arguments: [String]
    /// The exit status a set-up command must have (`# exit N` at the end of its line); nil = 0.
    let status: Int32?
}

/// Parses `cmd`: lines `$ relief ARG ...`; blank lines and lines starting with `#` are comments;
/// arguments split at spaces, with '...' or "..." quoting for one holding spaces.
enum GoldenScript {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> [GoldenCommand] {
        var commands: [GoldenCommand] = []
        for (offset, raw) in text.components(separatedBy: "\n").enumerated() {
            let lineNumber = offset + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.hasPrefix("$ ") else { throw Problem(description: "cmd:\(lineNumber): expected '$ relief ...', got \(line)") }
            var body = String(line.dropFirst(2))
            var status: Int32?
            if let range = body.range(of: "# exit ", options: .backwards) {
                guard let code = Int32(body[range.upperBound...].trimmingCharacters(in: .whitespaces)) else {
                    throw Problem(description: "cmd:\(lineNumber): '# exit' needs a number")
                }
                status = code
                body = String(body[..<range.lowerBound])
            }
            var words = try split(body, line: lineNumber)
            guard words.first == "relief" else { throw Problem(description: "cmd:\(lineNumber): a command starts with 'relief'") }
            words.removeFirst()
            commands.append(GoldenCommand(line: lineNumber, arguments: words, status: status))
        }
        return commands
    }

    static func split(_ text: String, line: Int) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { throw Problem(description: "cmd:\(line): unclosed quote") }
        if inWord { words.append(current) }
        return words
    }
}
