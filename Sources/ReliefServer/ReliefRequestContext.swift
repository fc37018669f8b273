import Hummingbird
import HummingbirdAuth
import NIOCore
import ReliefLedger

/// A page session (hummingbird-auth's `SessionMiddleware` keeps it server-side; the cookie
/// holds only its random id): who signed in, and the CSRF token every form of the session
/// carries.
public struct WebSession: Codable, Sendable {
    var name: String
    var csrfToken: String
}

/// A request's context: Hummingbird's core, the page session, the peer's address, and the
/// account the request acts for once a session (pages) or a bearer token (the API) named one.
public struct ReliefRequestContext: SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    /// The signed-in account; nil on public routes and for visitors.
    var user: UserLedger.User?
    /// The peer's IP address (the sign-in limit counts by it); nil when unknown (in-process tests).
    let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        user = nil
        peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
