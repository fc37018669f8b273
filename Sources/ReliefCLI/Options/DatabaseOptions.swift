import ArgumentParser
import Foundation
import ReliefLedger

/// `--db PATH`, else the `RELIEF_DB` environment variable, else `relief.sqlite` here;
/// `RELIEF_BUSY_TIMEOUT` (seconds) sets how long a write waits for another process.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The ledger database (default: $RELIEF_DB, else relief.sqlite in the current folder).", valueName: "path"))
    var db: String?

    static let defaultFileName = "relief.sqlite"

    var path: String {
        if let db, !db.isEmpty { return db }
        if let environment = ProcessInfo.processInfo.environment["RELIEF_DB"], !environment.isEmpty { return environment }
        return DatabaseOptions.defaultFileName
    }

    /// Seconds a write waits for another process: `RELIEF_BUSY_TIMEOUT`, else 10; a value that
    /// is not a whole number of seconds from 0 to 3600 is a usage error.
    func busyTimeoutSeconds() throws -> Int {
        guard let text = ProcessInfo.processInfo.environment["RELIEF_BUSY_TIMEOUT"], !text.isEmpty else { return LedgerStore.defaultBusyTimeoutSeconds }
        guard let seconds = Int(text), (0...3600).contains(seconds) else {
            throw CommandFailure(.usage, "RELIEF_BUSY_TIMEOUT is '\(text)': give a whole number of seconds from 0 to 3600")
        }
        return seconds
    }

    /// The existing ledger; exit 66 with a hint to run `relief init` when there is none.
    func open() throws -> LedgerStore { try LedgerStore.open(at: path, busyTimeoutSeconds: try busyTimeoutSeconds()) }
}
