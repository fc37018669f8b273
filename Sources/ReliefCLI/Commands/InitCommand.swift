import ArgumentParser
import Foundation
import ReliefLedger

/// `relief init`: create the ledger database.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the ledger database (SQLite, WAL mode) with its chart of accounts.",
        discussion: "Every other database command needs it and never creates one (exit 66 until it exists)."
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let path = database.path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            throw CommandFailure(.noInput, "cannot create \(path): the folder \(folder) does not exist")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure(.noInput, "cannot create \(path): it is a folder; name the database file, e.g. --db \((path as NSString).appendingPathComponent("relief.sqlite"))")
        }
        do {
            _ = try LedgerStore.create(at: path, busyTimeoutSeconds: try database.busyTimeoutSeconds())
            StandardStreams.writeOut("Created ledger \(path)\n")
        } catch LedgerError.missingDatabase {
            // SQLite could not create the file: not "run relief init", which is what this is.
            let place = folder.isEmpty ? "." : folder
            let reason = access(place, W_OK) == 0 ? "the file cannot be created there" : "the folder \(place) is not writable"
            throw CommandFailure(.noInput, "cannot create \(path): \(reason)")
        } catch LedgerError.alreadyExists {
            // Initialising twice is harmless when the file already is a ledger.
            _ = try database.open()
            StandardStreams.writeError("relief: \(path) is already a ledger; nothing changed\n")
        }
    }
}
