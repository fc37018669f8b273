import Foundation
import GRDB
import Testing

/// `relief users`: accounts as SPEC.md's web contract states them, the password from stdin
/// (never an argument), kept only as a bcrypt hash; tokens kept only as their SHA-256.
@Suite struct UsersCommandTests {
    /// Runs `relief` in `folder` with `input` on stdin.
    static func run(_ arguments: [String], in folder: URL, input: String = "") throws -> ReliefProcess.Result {
        let process = Process()
        process.executableURL = try ReliefProcess.executableURL()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ReliefProcess.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                    stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func addListDisableAndToken() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        let added = try Self.run(["users", "add", "zhang", "--role", "bureau"], in: folder, input: "correct horse battery\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "Added account zhang (bureau)\n")
        let bank = try Self.run(["users", "add", "jnbank", "--role", "bank", "--bank", "济宁银行"], in: folder, input: "another long secret\r\n")
        #expect(bank.status == 0, "\(bank.stderr)")

        let list = try ReliefProcess.expect(["users", "list", "--format", "json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let users = try #require(object["users"] as? [[String: Any]])
        #expect(users.map { $0["name"] as? String } == ["jnbank", "zhang"])
        #expect(users[0]["bank"] as? String == "济宁银行")
        #expect(users[1]["bank"] is NSNull)
        #expect(users.allSatisfy { Set($0.keys) == ["name", "role", "bank", "disabled", "created"] && $0["disabled"] as? Bool == false })

        // Only a bcrypt hash is kept (of the whole first line, its CRLF stripped).
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("relief.sqlite").path)
        let hashes = try queue.read { db in try String.fetchAll(db, sql: "SELECT password_hash FROM users ORDER BY name") }
        #expect(hashes.allSatisfy { $0.hasPrefix("$2") && $0.count == 60 })
        #expect(!hashes.contains { $0.contains("secret") || $0.contains("horse") })

        // A token: 32 bytes as URL-safe base64 (43 characters), alone on stdout; only its
        // SHA-256 is kept; a new one replaces it.
        let token = try ReliefProcess.expect(["users", "token", "zhang"], in: folder).stdout
        #expect(token.count == 44 && token.hasSuffix("\n"))
        #expect(token.dropLast().allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        let stored = try queue.read { db in try String.fetchOne(db, sql: "SELECT token_sha256 FROM users WHERE name = 'zhang'") }
        #expect(stored?.count == 64 && stored != String(token.dropLast()))
        let again = try ReliefProcess.expect(["users", "token", "zhang"], in: folder).stdout
        #expect(again != token)

        #expect(try ReliefProcess.expect(["users", "disable", "zhang"], in: folder).stdout == "Disabled account zhang\n")
        let twice = try ReliefProcess.expect(["users", "disable", "zhang"], in: folder)
        #expect(twice.stderr == "relief: account zhang is disabled already; nothing changed\n")
    }

    @Test func refusals() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        // 11 characters: 65, nothing added.
        let short = try Self.run(["users", "add", "li", "--role", "coordinator"], in: folder, input: "elevenchars\n")
        #expect(short.status == 65)
        #expect(short.stderr == "relief: error: the password has 11 characters; it needs at least 12\n")
        // --bank is required with --role bank and refused with the others: 64.
        #expect(try Self.run(["users", "add", "b", "--role", "bank"], in: folder, input: "long enough pw\n").status == 64)
        #expect(try Self.run(["users", "add", "c", "--role", "bureau", "--bank", "济宁银行"], in: folder, input: "long enough pw\n").status == 64)
        #expect(try Self.run(["users", "add", "d", "--role", "boss"], in: folder, input: "long enough pw\n").status == 64)
        // An existing name: 65.
        #expect(try Self.run(["users", "add", "li", "--role", "coordinator"], in: folder, input: "twelve chars\n").status == 0)
        let taken = try Self.run(["users", "add", "li", "--role", "bureau"], in: folder, input: "twelve chars\n")
        #expect(taken.status == 65)
        #expect(taken.stderr == "relief: error: an account named li exists already\n")
        // No password at all on stdin.
        #expect(try Self.run(["users", "add", "e", "--role", "bureau"], in: folder, input: "").status == 65)
        let list = try ReliefProcess.expect(["users", "list", "--format", "csv"], in: folder)
        #expect(list.stdout.split(separator: "\r\n").count == 2)  // header and li
        // Unknown accounts.
        #expect(try ReliefProcess.run(["users", "token", "nobody"], in: folder).status == 65)
        #expect(try ReliefProcess.run(["users", "disable", "nobody"], in: folder).status == 65)
    }
}
