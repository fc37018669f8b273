import Foundation
import GRDB
import ReliefEngine
@testable import ReliefLedger
import ReliefSamples
import Testing

/// End to end: `relief init`, `loans`, portfolio `defer` and `ledger` through the built binary.
@Suite struct LedgerCommandTests {
    /// A folder with a fresh ledger holding `loans` sample loans, written through the library.
    static func ledgerFolder(loans: Int) throws -> (URL, String) {
        let folder = try ReliefProcess.temporaryDirectory()
        let path = folder.appendingPathComponent("book.sqlite").path
        let store = try LedgerStore.create(at: path)
        try store.writeJournal { journal in
            for index in 0..<loans {
                let loan = SamplePortfolio.loan(index)
                _ = try LoanLedger.add(loan, journal: &journal)
            }
        }
        return (folder, path)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A ledger its user cannot write (read-only file): a clear exit 66, not an internal error.
    /// Needs root to hand the file to `nobody` and `setpriv` to run as them; skipped otherwise.
    @Test func aReadOnlyLedgerIsSaidSo() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("not root or no setpriv: read-only ledger test skipped")
            return
        }
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ReliefProcess.run(["init", "--db", "ro.sqlite"], in: folder).status == 0)
        for name in ["", "/ro.sqlite", "/ro.sqlite-wal", "/ro.sqlite-shm"] where FileManager.default.fileExists(atPath: folder.path + name) {
            #expect(chown(folder.path + name, 65534, 65534) == 0)
        }
        #expect(chmod(folder.appendingPathComponent("ro.sqlite").path, 0o444) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", try ReliefProcess.executableURL().path, "loans", "list", "--db", "ro.sqlite"]
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // `nobody` may not reach the build folder (a checkout under /root): nothing to test then.
        if message.hasPrefix("setpriv:") || [126, 127].contains(process.terminationStatus) {
            print("relief cannot be run as nobody here: read-only ledger test skipped")
            return
        }
        #expect(process.terminationStatus == 66 && message.contains("cannot be written by this user"), "\(message)")
    }

    @Test func missingDatabaseExits66AndCreatesNothing() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["loans", "list"], ["ledger", "check"], ["defer"], ["ledger", "trial-balance", "--db", "elsewhere.sqlite"]] {
            let result = try ReliefProcess.run(arguments, in: folder)
            #expect(result.status == 66, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("relief init"))
        }
        let fromEnvironment = try ReliefProcess.run(["loans", "list"], in: folder, environment: ["RELIEF_DB": "env.sqlite"])
        #expect(fromEnvironment.stderr.contains("env.sqlite"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        // Files that are not ledgers are refused and left as they were, byte for byte: another
        // application's SQLite database (opening used to switch it to WAL and write to it), an
        // empty file, a text file.
        do {
            let queue = try DatabaseQueue(path: folder.appendingPathComponent("other.db").path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE notes(x); INSERT INTO notes VALUES ('kept')") }
        }
        try Data().write(to: folder.appendingPathComponent("empty.db"))
        try Data("hello\n".utf8).write(to: folder.appendingPathComponent("text.db"))
        // A named pipe given as the ledger is refused at once (reading its header would wait).
        #expect(mkfifo(folder.appendingPathComponent("pipe.db").path, 0o600) == 0)
        let pipe = try ReliefProcess.run(["loans", "list", "--db", "pipe.db"], in: folder)
        #expect(pipe.status == 65 && pipe.stderr.contains("not a regular file"), "\(pipe.stderr)")
        for (name, reason) in [("other.db", "holds no CreditRelief schema"), ("empty.db", "an empty file"), ("text.db", "not a SQLite database")] {
            let before = try Data(contentsOf: folder.appendingPathComponent(name))
            let refused = try ReliefProcess.run(["ledger", "check", "--db", name], in: folder)
            #expect(refused.status == 65 && refused.stderr.contains(reason), "\(name): \(refused.stderr)")
            #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == before, "\(name) changed")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(name + "-wal").path))
        }
        // `init` on the empty file makes it a ledger (nothing to lose); a busy timeout that is not
        // a whole number of seconds is a usage error, not silently the default.
        let initialised = try ReliefProcess.run(["init", "--db", "empty.db"], in: folder)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(try ReliefProcess.run(["ledger", "check", "--db", "empty.db"], in: folder).status == 0)
        for value in ["0.5", "-1", "abc"] {
            let refused = try ReliefProcess.run(["loans", "list", "--db", "empty.db"], in: folder, environment: ["RELIEF_BUSY_TIMEOUT": value])
            #expect(refused.status == 64 && refused.stderr.contains("RELIEF_BUSY_TIMEOUT is '\(value)'"), "\(value): \(refused.stderr)")
        }
        // `init` given a folder says so, and how to name the file.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("books"), withIntermediateDirectories: false)
        let intoFolder = try ReliefProcess.run(["init", "--db", "books"], in: folder)
        #expect(intoFolder.status == 66 && intoFolder.stderr.contains("it is a folder; name the database file, e.g. --db books/relief.sqlite"),
                "\(intoFolder.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("books").path).isEmpty)
    }

    @Test func bookDeferAndReadTheBooks() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ReliefProcess.run(["init"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("relief.sqlite").path))
        let add = ["loans", "add", "--id", "JN-1", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", "91350100M000100Y43",
                   "--size", "small", "--county", "任城区", "--bank", "济宁银行", "--principal", "1000000", "--rate", "4.35%",
                   "--start", "2019-03-01", "--months", "12", "--method", "bullet", "--applied", "2020-02-10"]
        let booked = try ReliefProcess.run(add, in: folder)
        #expect(booked.status == 0, "\(booked.stderr)")
        let again = try ReliefProcess.run(add, in: folder)
        #expect(again.status == 0)
        #expect(again.stderr.contains("duplicate"))
        let badCode = try ReliefProcess.run(Array(add.prefix(7)) + ["91350100M000100Y44"] + Array(add.dropFirst(8)), in: folder)
        #expect(badCode.status == 65)
        #expect(badCode.stderr.contains("check character"))

        let deferral = try Self.json(try ReliefProcess.run(["defer", "--format", "json"], in: folder).stdout)
        #expect(deferral["loans_considered"] as? Int == 1)
        #expect(deferral["loans_deferred"] as? Int == 1)
        #expect(deferral["loans_refused"] as? Int == 0)
        // RULES.md section 4: the bullet due 2020-03-01 deferred 121 days to 2020-06-30.
        #expect(deferral["deferred_principal"] as? String == "1000000.00")
        #expect(deferral["interest_on_deferred_principal"] as? String == "14620.83")
        #expect(deferral["relief"] as? String == "8280.33")
        let twice = try Self.json(try ReliefProcess.run(["defer", "--format", "json"], in: folder).stdout)
        #expect(twice["loans_deferred"] as? Int == 0)

        let trial = try Self.json(try ReliefProcess.run(["ledger", "trial-balance", "--format", "json"], in: folder).stdout)
        #expect(trial["total_debit"] as? String == trial["total_credit"] as? String)
        let accounts = try #require(trial["accounts"] as? [[String: String]])
        // Deferred interest: 44,225.00 on the bullet plus 14,620.83 ordinary interest.
        #expect(accounts.first { $0["account"] == "1133" }?["debit"] == "58845.83")
        #expect(accounts.first { $0["account"] == "1302" }?["debit"] == "1000000.00")

        let shown = try Self.json(try ReliefProcess.run(["loans", "show", "JN-1", "--format", "json"], in: folder).stdout)
        let rows = try #require(shown["installments"] as? [[String: Any]])
        #expect(rows.first?["due_date"] as? String == "2020-06-30")
        #expect(rows.first?["original_due_date"] as? String == "2020-03-01")
        #expect(rows.first?["deferred"] as? Bool == true)
        let asOf = try Self.json(try ReliefProcess.run(["ledger", "balance", "1302", "--as-of", "2020-02-29", "--format", "json"], in: folder).stdout)
        #expect((asOf["balances"] as? [[String: String]])?.first?["balance"] == "0.00")
        let check = try ReliefProcess.run(["ledger", "check"], in: folder)
        #expect(check.status == 0)
        #expect(check.stdout.contains("ok: every invariant holds"))
        #expect(try ReliefProcess.run(["loans", "show", "NOPE"], in: folder).status == 65)
    }

    /// A database held by another writer past the timeout exits 75 and says so.
    @Test func busyDatabaseExits75() throws {
        let (folder, path) = try Self.ledgerFolder(loans: 1)
        defer { try? FileManager.default.removeItem(at: folder) }
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let result = try ReliefProcess.run(["defer", "--db", path], environment: ["RELIEF_BUSY_TIMEOUT": "1"])
            try db.execute(sql: "ROLLBACK")
            #expect(result.status == 75, "\(result.stderr)")
            #expect(result.stderr.contains("busy"))
        }
    }

    /// A relief process killed in the middle of a large write leaves the database exactly as
    /// it was: it opens, `ledger check` passes, and nothing of the command is in it.
    @Test func killedMidWriteLeavesTheDatabaseAsBefore() throws {
        let (folder, path) = try Self.ledgerFolder(loans: 300)
        defer { try? FileManager.default.removeItem(at: folder) }
        let snapshot = { (store: LedgerStore) in
            try store.read { db in
                try String.fetchAll(db.database, sql: "SELECT loan_id || period || due_date FROM installments ORDER BY loan_id, period")
                    + String.fetchAll(db.database, sql: "SELECT id || idempotency_key FROM journal_entries ORDER BY id")
            }
        }
        let before = try snapshot(LedgerStore.open(at: path))
        // The writer stops inside its transaction, after all its work and before the commit,
        // and says so by creating the marker: the kill lands there, whatever the machine's speed.
        let marker = folder.appendingPathComponent("paused-before-commit").path
        let process = Process()
        process.executableURL = try ReliefProcess.executableURL()
        process.arguments = ["defer", "--db", path, "--quiet"]
        process.environment = ProcessInfo.processInfo.environment.merging(["RELIEF_TEST_PAUSE_BEFORE_COMMIT": marker]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var waited = 0
        while !FileManager.default.fileExists(atPath: marker) && process.isRunning && waited < 600 {
            usleep(100_000)
            waited += 1
        }
        let pausedInsideTransaction = FileManager.default.fileExists(atPath: marker) && process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(pausedInsideTransaction, "the deferral never reached its commit (exit \(process.terminationStatus))")
        #expect(process.terminationReason == .uncaughtSignal)
        let store = try LedgerStore.open(at: path)
        #expect(try snapshot(store) == before)
        #expect(try store.read { db in try Int.fetchOne(db.database, sql: "SELECT count(*) FROM deferrals") } == 0)
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
    }

    /// Two relief processes writing to one database at once: both succeed (the second waits
    /// for the first) and the books stay sound.
    @Test func twoWritersAtOnce() throws {
        let (folder, path) = try Self.ledgerFolder(loans: 400)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = (0..<200).flatMap { ["--loan", SamplePortfolio.loan($0).id.rawValue] }
        let second = (200..<400).flatMap { ["--loan", SamplePortfolio.loan($0).id.rawValue] }
        // Both start before either finishes; their outputs are small, so reading one pipe
        // after the other cannot block the other process.
        let running = try [first, second].map { loans -> (Process, Pipe, Pipe) in
            let process = Process()
            process.executableURL = try ReliefProcess.executableURL()
            process.arguments = ["defer", "--db", path, "--format", "json"] + loans
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            return (process, out, err)
        }
        var deferred = 0
        for (process, out, err) in running {
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(stderr)")
            deferred += try Self.json(stdout)["loans_deferred"] as? Int ?? 0
        }
        #expect(deferred > 0)
        let store = try LedgerStore.open(at: path)
        #expect(try store.read { db in try Int.fetchOne(db.database, sql: "SELECT count(*) FROM deferrals") } == deferred)
        #expect(try store.read { db in try LedgerCheck.run(db) }.isClean)
        #expect(try ReliefProcess.run(["ledger", "check", "--db", path]).status == 0)
    }
}
