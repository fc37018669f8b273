@testable import ReliefServer
import Testing

/// The session cookie is `Secure` when a proxy on this machine says the visitor came over TLS,
/// and only then: a remote client cannot claim it, plain HTTP does not get it.
@Suite struct SecureCookieTests {
    @Test func onlyALoopbackProxySayingHTTPSCounts() {
        #expect(SecureCookieBehindTLS.cameOverTLS(forwardedProto: "https", peer: "127.0.0.1"))
        #expect(SecureCookieBehindTLS.cameOverTLS(forwardedProto: "HTTPS", peer: "::1"))
        #expect(!SecureCookieBehindTLS.cameOverTLS(forwardedProto: "https", peer: "203.0.113.9"))
        #expect(!SecureCookieBehindTLS.cameOverTLS(forwardedProto: "http", peer: "127.0.0.1"))
        #expect(!SecureCookieBehindTLS.cameOverTLS(forwardedProto: nil, peer: "127.0.0.1"))
        #expect(!SecureCookieBehindTLS.cameOverTLS(forwardedProto: "https", peer: nil))
    }

    @Test func theSessionCookieGetsSecureOnce() {
        let cookie = "relief_session=abc; HttpOnly; SameSite=Strict; Path=/"
        #expect(SecureCookieBehindTLS.secured(cookie) == cookie + "; Secure")
        #expect(SecureCookieBehindTLS.secured(cookie + "; Secure") == cookie + "; Secure")
        #expect(SecureCookieBehindTLS.secured("other=1; Path=/") == "other=1; Path=/")
    }

    @Test func theSignInLimitCountsTheVisitorBehindAProxyAndIgnoresForgedHeaders() {
        #expect(SecureCookieBehindTLS.clientAddress(peer: "127.0.0.1", forwardedFor: "198.51.100.7") == "198.51.100.7")
        #expect(SecureCookieBehindTLS.clientAddress(peer: "127.0.0.1", forwardedFor: "10.0.0.1, 198.51.100.7") == "198.51.100.7")
        #expect(SecureCookieBehindTLS.clientAddress(peer: "203.0.113.9", forwardedFor: "198.51.100.7") == "203.0.113.9")
        #expect(SecureCookieBehindTLS.clientAddress(peer: "127.0.0.1", forwardedFor: nil) == "127.0.0.1")
        #expect(SecureCookieBehindTLS.clientAddress(peer: nil, forwardedFor: "198.51.100.7") == nil)
    }
}
