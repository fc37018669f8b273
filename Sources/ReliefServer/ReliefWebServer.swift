#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import Logging
import NIOCore
import ReliefLedger

/// `relief serve`: the web application over the ledger (SPEC.md "relief serve — the web
/// contract"): the public quotes and programmes of the API and the health check, and the API
/// routes behind a bearer token (loans in the account's scope, the ledger check), with the
/// security headers on every answer.
public enum ReliefWebServer {
    /// Why the server did not start.
    public enum StartFailure: Error, Equatable, Sendable, CustomStringConvertible {
        /// Another process listens on the port.
        case portInUse(host: String, port: Int)

        public var description: String {
            switch self {
            case .portInUse(let host, let port): return "port \(port) on \(host) is in use by another process"
            }
        }
    }

    /// The routes, behind the security headers: the public ones, and with a ledger those that
    /// need an account.
    public static func router(ledger: LedgerStore? = nil) -> Router<ReliefRequestContext> {
        let router = Router(context: ReliefRequestContext.self)
        router.add(middleware: SecurityHeaders())
        PublicAPI.add(to: router, ledger: ledger)
        if let ledger { ScopedAPI.add(to: router, ledger: ledger) }
        return router
    }

    /// Serves on `host`:`port` (0: a port the system chooses) until SIGTERM or SIGINT, which
    /// finish the requests in flight first; `started` hears the address once it listens.
    public static func run(ledger: LedgerStore, host: String, port: Int, started: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "relief")
        logger.logLevel = .warning
        let app = Application(
            router: router(ledger: ledger),
            configuration: .init(address: .hostname(host, port: port), serverName: "relief"),
            onServerRunning: { channel in
                started("http://\(host):\(channel.localAddress?.port ?? port)")
            },
            logger: logger)
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StartFailure.portInUse(host: host, port: port)
        }
    }
}
