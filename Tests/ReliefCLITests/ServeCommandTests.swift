import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `relief serve` as a user starts it: the first line names the address, the API answers,
/// SIGTERM stops it with exit 0; the contract's refusals with their exit codes.
@Suite struct ServeCommandTests {
    /// A running `relief serve --port 0` in `folder`, and the address its first line gave.
    struct Server {
        let process: Process
        let address: String
        let output: Pipe

        init(in folder: URL, port: Int = 0, extra: [String] = []) throws {
            process = Process()
            process.executableURL = try ReliefProcess.executableURL()
            process.arguments = ["serve", "--port", String(port)] + extra
            process.currentDirectoryURL = folder
            output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }  // the process ended without a line
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            let prefix = "relief: serving "
            guard text.hasPrefix(prefix), let end = text.firstIndex(of: "\n") else {
                process.terminate()
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "first line: \(text)"])
            }
            address = String(text[text.index(text.startIndex, offsetBy: prefix.count)..<end])
        }

        func get(_ path: String) throws -> (status: Int, body: String) {
            let url = try #require(URL(string: address + path))
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: (Int, String) = (0, "")
            URLSession.shared.dataTask(with: url) { data, response, _ in
                result = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
                done.signal()
            }.resume()
            done.wait()
            return result
        }
    }

    @Test func servesUntilSIGTERMThenExitsZero() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        let server = try Server(in: folder)
        #expect(server.address.hasPrefix("http://127.0.0.1:"))
        let health = try server.get("/healthz")
        #expect(health.status == 200)
        #expect(health.body == "ok")
        let quote = try server.get("/api/v1/bridge/quote?amount=5000000&from=2020-03-02&to=2020-03-12")
        #expect(quote.status == 200)
        #expect(quote.body.contains("\"fee\": \"40000.00\""))

        // Another server on the same port: 75, the port is in use.
        let port = try #require(server.address.split(separator: ":").last.map(String.init))
        let second = try ReliefProcess.run(["serve", "--port", port], in: folder)
        #expect(second.status == 75, "\(second.stderr)")
        #expect(second.stderr == "relief: error: port \(port) on 127.0.0.1 is in use by another process\n")

        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
    }

    @Test func refusals() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // No ledger: 66 with the hint, nothing created.
        let missing = try ReliefProcess.run(["serve", "--port", "0"], in: folder)
        #expect(missing.status == 66)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        _ = try ReliefProcess.expect(["init"], in: folder)
        // Another address without --allow-remote: 64; --allow-remote without an account: 65.
        let remote = try ReliefProcess.run(["serve", "--host", "0.0.0.0"], in: folder)
        #expect(remote.status == 64)
        #expect(remote.stderr.hasPrefix("relief: error: --host 0.0.0.0 is not loopback: give --allow-remote"))
        let allowed = try ReliefProcess.run(["serve", "--host", "0.0.0.0", "--allow-remote"], in: folder)
        #expect(allowed.status == 65)
        #expect(allowed.stderr == "relief: error: --allow-remote needs at least one active account, and the ledger has none: add one with `relief users add`\n")
        #expect(try ReliefProcess.run(["serve", "--port", "70000"], in: folder).status == 64)
    }

    /// With an active account, --allow-remote starts (here on loopback, to stay on this machine).
    @Test func allowRemoteStartsOnceAnAccountExists() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        #expect(try UsersCommandTests.run(["users", "add", "zhang", "--role", "bureau"], in: folder, input: "correct horse battery\n").status == 0)
        let server = try Server(in: folder, extra: ["--allow-remote"])
        #expect(try server.get("/healthz").status == 200)
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
    }
}
