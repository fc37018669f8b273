import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `relief serve` and `relief demo --serve` as people start them: the demo's accounts sign in
/// with the passwords it printed; a write that finds the ledger locked by another process past
/// the busy timeout answers 503 with Retry-After, and lands once the lock is gone.
@Suite struct ServeWritesTests {
    /// A relief process started with `arguments` and `environment`, and its stdout read line by
    /// line until `until` says enough.
    static func start(_ arguments: [String], in folder: URL, environment: [String: String] = [:],
                      until done: (String) -> Bool) throws -> (process: Process, output: String) {
        let process = Process()
        process.executableURL = try ReliefProcess.executableURL()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !done(text) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return (process, text)
    }

    /// One HTTP request (redirects not followed); (status, headers, body).
    static func request(_ url: String, method: String = "GET", headers: [String: String] = [:], body: String? = nil) throws
        -> (status: Int, headers: [String: String], body: String) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body.map { Data($0.utf8) }
        final class NoRedirect: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
            func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) { completionHandler(nil) }
        }
        let session = URLSession(configuration: .ephemeral, delegate: NoRedirect(), delegateQueue: nil)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, [String: String], String) = (0, [:], "")
        session.dataTask(with: request) { data, response, _ in
            let http = response as? HTTPURLResponse
            var fields: [String: String] = [:]
            for (name, value) in http?.allHeaderFields ?? [:] { fields[String(describing: name).lowercased()] = String(describing: value) }
            result = (http?.statusCode ?? 0, fields, String(decoding: data ?? Data(), as: UTF8.self))
            done.signal()
        }.resume()
        done.wait()
        return result
    }

    @Test func theDemoServesWithOneAccountPerRoleAndThePasswordsItPrinted() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, output) = try Self.start(["demo", "--serve", "--port", "0"], in: folder,
                                               environment: ["TMPDIR": folder.path, "RELIEF_TODAY": "2020-07-01"]) { $0.contains("Stop with Ctrl-C.") }
        defer { if process.isRunning { process.terminate() } }
        let lines = output.split(separator: "\n").map(String.init)
        let address = try #require(lines.first { $0.hasPrefix("relief: serving ") }?.dropFirst("relief: serving ".count).description)
        // "  sign in as NAME / PASSWORD (ROLE[, BANK])", one per role.
        let accounts = lines.filter { $0.hasPrefix("  sign in as ") }.map { line -> (name: String, password: String, role: String) in
            let parts = line.dropFirst("  sign in as ".count).split(separator: " ")
            return (String(parts[0]), String(parts[2]), String(parts[3].dropFirst().prefix { $0 != ")" && $0 != "," }))
        }
        #expect(accounts.map(\.role) == ["bureau", "bank", "coordinator"])
        #expect(Set(accounts.map(\.password)).count == 3 && accounts.allSatisfy { $0.password.count >= 12 })
        for account in accounts {
            let signedIn = try Self.request(address + "/signin", method: "POST", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                            body: "name=\(account.name)&password=\(account.password)&next=/")
            #expect(signedIn.status == 303, "\(account.name)")
            #expect(signedIn.headers["set-cookie"]?.hasPrefix("relief_session=") == true)
        }
        let wrong = try Self.request(address + "/signin", method: "POST", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                     body: "name=bank&password=not-the-one-printed")
        #expect(wrong.status == 401)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func aWriteThatStaysLockedAnswers503ThenLands() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        _ = try ReliefProcess.expect(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01"], in: folder)
        #expect(try UsersCommandTests.run(["users", "add", "zhao", "--role", "bureau"], in: folder, input: "correct horse battery\n").status == 0)
        let token = try ReliefProcess.expect(["users", "token", "zhao"], in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let (server, output) = try Self.start(["serve", "--port", "0"], in: folder, environment: ["RELIEF_BUSY_TIMEOUT": "1"]) { $0.contains("\n") }
        defer { if server.isRunning { server.terminate() } }
        let address = String(output.dropFirst("relief: serving ".count).prefix { $0 != "\n" })

        // Another process holds the write lock: it stops just before its commit.
        let marker = folder.appendingPathComponent("paused").path
        let holder = Process()
        holder.executableURL = try ReliefProcess.executableURL()
        holder.arguments = ["bridge", "fund", "--amount", "1000", "--date", "2020-03-01", "--reference", "held"]
        holder.currentDirectoryURL = folder
        holder.environment = ProcessInfo.processInfo.environment.merging(["RELIEF_TEST_PAUSE_BEFORE_COMMIT": marker]) { $1 }
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        var waited = 0
        while !FileManager.default.fileExists(atPath: marker) && waited < 600 { usleep(100_000); waited += 1 }
        #expect(FileManager.default.fileExists(atPath: marker))

        let advance = "{\"id\":\"A-1\",\"enterprise\":\"91350100M000100Y43\",\"bank\":\"济宁银行\",\"amount\":\"100000.00\",\"date\":\"2020-03-02\"}"
        let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
        let busy = try Self.request(address + "/api/v1/bridge/advance", method: "POST", headers: headers, body: advance)
        #expect(busy.status == 503, "\(busy.body)")
        #expect(busy.headers["retry-after"] == "5")
        // The server keeps answering other requests meanwhile.
        #expect(try Self.request(address + "/healthz").status == 200)

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let landed = try Self.request(address + "/api/v1/bridge/advance", method: "POST", headers: headers, body: advance)
        #expect(landed.status == 200, "\(landed.body)")
        #expect(landed.body.contains("\"advance_id\": \"A-1\""))
        // Recorded once, as zhao's.
        let list = try ReliefProcess.expect(["bridge", "list", "--format", "csv"], in: folder).stdout
        #expect(list.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("A-1,") }.count == 1)
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
    }
}
