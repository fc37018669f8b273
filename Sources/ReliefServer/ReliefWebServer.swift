#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import Logging
import NIOCore
import ReliefApp
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

    /// What the server keeps in memory across requests: page sessions, the sign-in limit, and
    /// uploads waiting for their confirmation.
    public final class State: Sendable {
        let sessions = MemoryPersistDriver()
        let throttle = SignInThrottle()
        let pendingUploads = PendingUploads()
        /// The byte limit of an upload (SPEC.md: 413 past it).
        let maxUploadBytes: Int

        public init(maxUploadBytes: Int = ImportWorkflow.defaultMaxInputBytes) { self.maxUploadBytes = maxUploadBytes }
    }

    /// The routes, behind the security headers: the public pages and API, and with a ledger
    /// those that need an account (pages through a session, the API through a bearer token).
    public static func router(ledger: LedgerStore? = nil, state: State = State()) -> Router<ReliefRequestContext> {
        build(ledger: ledger, state: state).router
    }

    /// The API's routes as the router holds them (method, path such as `/api/v1/loans/:id`).
    public static func apiRoutes(ledger: LedgerStore) -> [(method: String, path: String)] {
        build(ledger: ledger, state: State()).routes.filter { $0.path.hasPrefix("/api/") || $0.path == "/healthz" }
    }

    static func build(ledger: LedgerStore?, state: State) -> RouteRecorder<ReliefRequestContext> {
        let router = RouteRecorder(Router(context: ReliefRequestContext.self))
        router.add(middleware: SecurityHeaders())
        PublicAPI.add(to: router, ledger: ledger)
        guard let ledger else {
            PublicPages.add(to: router.group(), ledger: nil)
            return router
        }
        ScopedAPI.add(to: router, ledger: ledger, state: state)
        let pages = router.group()
            .add(middleware: SecureCookieBehindTLS())
            .add(middleware: PageSessions.middleware(storage: state.sessions))
            .add(middleware: SessionAuthentication(ledger: ledger))
        PublicPages.add(to: pages, ledger: ledger)
        AccountPages.add(to: pages, ledger: ledger, throttle: state.throttle)
        BankPages.add(to: pages, ledger: ledger, state: state)
        BureauPages.add(to: pages, ledger: ledger, state: state)
        return router
    }

    /// Serves on `host`:`port` (0: a port the system chooses) until SIGTERM or SIGINT, which
    /// finish the requests in flight first; `started` hears the address once it listens.
    public static func run(ledger: LedgerStore, host: String, port: Int, maxUploadBytes: Int = ImportWorkflow.defaultMaxInputBytes,
                           started: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "relief")
        logger.logLevel = .warning
        Offload.configure()
        let state = State(maxUploadBytes: maxUploadBytes)
        var app = Application(
            router: router(ledger: ledger, state: state),
            configuration: .init(address: .hostname(host, port: port), serverName: "relief"),
            onServerRunning: { channel in
                started("http://\(host):\(channel.localAddress?.port ?? port)")
            },
            logger: logger)
        app.addServices(state.sessions)
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StartFailure.portInUse(host: host, port: port)
        }
    }
}
