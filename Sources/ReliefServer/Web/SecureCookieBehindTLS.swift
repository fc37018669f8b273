import Foundation
import HTTPTypes
import Hummingbird

/// `relief serve` speaks plain HTTP on loopback; TLS is a reverse proxy's job (nginx on the same
/// machine, README "Behind nginx"). When such a proxy says the visitor came over HTTPS
/// (`X-Forwarded-Proto: https` from a loopback peer: no one else can claim it), the session
/// cookie gets `Secure` (SPEC.md: Secure when served over TLS), so a browser never sends it
/// over plain HTTP.
struct SecureCookieBehindTLS: RouterMiddleware {
    typealias Context = ReliefRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard Self.cameOverTLS(forwardedProto: request.headers[.xForwardedProto], peer: context.peerAddress) else { return response }
        let cookies = response.headers[values: .setCookie]
        guard !cookies.isEmpty else { return response }
        response.headers[values: .setCookie] = cookies.map(Self.secured)
        return response
    }

    /// Whether a request came over TLS to a proxy on this machine.
    static func cameOverTLS(forwardedProto: String?, peer: String?) -> Bool {
        forwardedProto?.lowercased() == "https" && isLoopback(peer)
    }

    static func isLoopback(_ peer: String?) -> Bool {
        guard let peer else { return false }
        return peer.hasPrefix("127.") || peer == "::1" || peer.hasPrefix("::ffff:127.")
    }

    /// The visitor's address for the sign-in limit: behind a proxy on this machine every peer
    /// is 127.0.0.1, so the proxy's `X-Forwarded-For` (its last entry, the address the proxy
    /// itself saw) names the visitor; from anyone else the header is ignored (it could be forged).
    static func clientAddress(peer: String?, forwardedFor: String?) -> String? {
        guard isLoopback(peer), let forwardedFor,
              let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty else { return peer }
        return last
    }

    /// The session cookie with `Secure` added (other cookies as they are).
    static func secured(_ cookie: String) -> String {
        guard cookie.hasPrefix(PageSessions.cookieName + "="),
              !cookie.split(separator: ";").contains(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "secure" }) else { return cookie }
        return cookie + "; Secure"
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-For`, set by a reverse proxy.
    static var xForwardedFor: Self {
        guard let name = Self("X-Forwarded-For") else { preconditionFailure("X-Forwarded-For is a valid field name") }
        return name
    }

    /// `X-Forwarded-Proto`, set by a reverse proxy (not among HTTPTypes' predefined names).
    static var xForwardedProto: Self {
        guard let name = Self("X-Forwarded-Proto") else { preconditionFailure("X-Forwarded-Proto is a valid field name") }
        return name
    }
}
