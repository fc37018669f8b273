import ArgumentParser
import Foundation
import ReliefApp
import ReliefLedger
import ReliefServer
import Synchronization

/// `relief serve`: the web application over the ledger, in the foreground.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application and its JSON API over the ledger (stopped by Ctrl-C or SIGTERM).",
        discussion: """
            Listens on 127.0.0.1 (loopback) unless --allow-remote, which needs an active \
            account. The first line on stdout is `relief: serving http://HOST:PORT`; --port 0 \
            lets the system choose the port. Ctrl-C or SIGTERM finishes the requests in flight, \
            then exits 0. A port in use exits 75.

            Pages for anyone: /estimate, /schedule, /bridge/quote, /programmes. After signing \
            in at /signin (accounts: `relief users add`): a bank's /loans, /import, /defer, \
            /export; the bureau's /fund, /reconcile, /report, /ledger/check; /firstloan for \
            coordinators and the bureau. The JSON API lives under /api/v1 (documented at \
            /api/v1/openapi.json): the quotes need no account, the rest a bearer token from \
            `relief users token NAME`. Parameters are the CLI's option names with underscores; \
            answers carry the CLI's JSON keys.

            Example:
              relief serve --port 8080 &
              curl 'http://127.0.0.1:8080/api/v1/schedule?principal=1000000&rate=4.35%25&start=2020-01-15&months=12'
            """
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The address to listen on (default 127.0.0.1).", valueName: "host")) var host = "127.0.0.1"
    @Option(help: ArgumentHelp("The port (0: one the system chooses).", valueName: "port"), transform: ValueParsers.count) var port = 8080
    @Flag(name: .customLong("allow-remote"), help: "Listen on another address than loopback (needs an active account).") var allowRemote = false
    @Option(name: .customLong("max-input-bytes"), help: ArgumentHelp("The byte limit of an upload (default 2147483648); larger ones answer 413.", valueName: "n"),
            transform: ValueParsers.byteCount) var maxInputBytes = ImportWorkflow.defaultMaxInputBytes

    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1"]

    func validate() throws {
        guard port <= 65_535 else { throw ValidationError("--port \(port) is not a port (0 to 65535)") }
        if !Self.loopbackHosts.contains(host) && !allowRemote {
            throw ValidationError("--host \(host) is not loopback: give --allow-remote to serve other machines (accounts required)")
        }
    }

    func run() throws {
        // The ledger must exist (66 and a hint when not), as for every command that uses one.
        let store = try database.open()
        if allowRemote, try !AccountWorkflow.hasActiveAccount(store) {
            // Accounts are what let a remote visitor in: without one, nobody could sign in.
            throw CommandFailure(.dataError, "--allow-remote needs at least one active account, and the ledger has none: add one with `relief users add`")
        }
        try ServeCommand.serve(store, host: host, port: port, maxInputBytes: maxInputBytes)
    }

    /// Serves `ledger` in the foreground until SIGTERM or Ctrl-C; `started` hears the address
    /// (after the first line on stdout says it). A port in use exits 75.
    static func serve(_ ledger: LedgerStore, host: String, port: Int, maxInputBytes: Int = ImportWorkflow.defaultMaxInputBytes,
                      started: @escaping @Sendable (String) -> Void = { _ in }) throws {
        let failure = Mutex<Error?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Task {
            do {
                try await ReliefWebServer.run(ledger: ledger, host: host, port: port, maxUploadBytes: maxInputBytes) { address in
                    StandardStreams.writeOut("relief: serving \(address)\n")
                    started(address)
                }
            } catch {
                failure.withLock { $0 = error }
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.withLock({ $0 }) {
            if case ReliefWebServer.StartFailure.portInUse = error { throw CommandFailure(.tempFail, "\(error)") }
            throw error
        }
    }
}
