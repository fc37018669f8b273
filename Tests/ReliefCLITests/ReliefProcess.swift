import Foundation
import Testing

/// Runs the built `relief` binary, as a user or an outside check would.
enum ReliefProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `relief` executable built beside the test bundle (swift test builds every product).
    static func executableURL() throws -> URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the runner is <products>/CreditReliefPackageTests.xctest; on macOS deeper.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("relief")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "relief beside \(testBinary.path)"])
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try executableURL()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        process.environment = merged
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once, stderr on a thread of its own, before waiting: read
        // one after the other, a child that fills the second pipe (64 KiB) would never exit.
        let errReader = PipeDrain(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errReader.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `relief` in `folder` and records an issue (with its stderr) unless it exits with
    /// `status`.
    static func expect(_ arguments: [String], in folder: URL, status: Int32 = 0,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let result = try run(arguments, in: folder)
        #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// `expect` bound to one folder, for tests that run many commands there:
    /// `let run = ReliefProcess.In(folder); try run(["init"])`.
    struct In {
        let folder: URL

        init(_ folder: URL) { self.folder = folder }

        @discardableResult
        func callAsFunction(_ arguments: [String], status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
            try ReliefProcess.expect(arguments, in: folder, status: status, sourceLocation: sourceLocation)
        }
    }

    /// Reads a pipe to its end on a thread of its own.
    final class PipeDrain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        /// What the pipe held, once it is closed (the semaphore orders the write before this read).
        func wait() -> Data {
            done.wait()
            return data
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("relief-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
