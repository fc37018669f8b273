import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import ReliefApp
import ReliefDomain
import ReliefLedger
import ReliefPresentation

/// The page sessions of SPEC.md: a cookie `relief_session` (HttpOnly, SameSite=Strict) holding
/// a random id; the session itself stays in the server's memory and ends after 8 hours without
/// a request.
enum PageSessions {
    static let cookieName = "relief_session"
    static let idleTimeout: Duration = .seconds(8 * 60 * 60)

    /// hummingbird-auth's session middleware with SPEC's cookie; two of its defaults are
    /// overridden: the cookie's SameSite (none unless set) and its name.
    static func middleware(storage: MemoryPersistDriver<ContinuousClock>) -> SessionMiddleware<ReliefRequestContext> {
        SessionMiddleware(storage: storage, configuration: .init(
            sessionCookieParameters: .init(name: cookieName, path: "/", secure: false, sameSite: .strict),
            keyPrefix: "relief.session.", defaultSessionExpiration: idleTimeout))
    }

    /// 32 random bytes, URL-safe base64: a CSRF token.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Names the account of a page session: looked up at every request (a disabled account's
/// session ends at its next request), and each request restarts the idle timeout.
struct SessionAuthentication: RouterMiddleware {
    typealias Context = ReliefRequestContext
    let ledger: LedgerStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let session = context.sessions.session {
            let ledger = ledger
            if let user = try await Offload.run({ try AccountWorkflow.activeUser(named: session.name, ledger) }) {
                context.user = user
                context.sessions.withLockedSession { $0?.expiresIn = PageSessions.idleTimeout }
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

/// Who may open a page (SPEC.md's table): a visitor is sent to sign in (303), another role
/// gets 403.
enum PageAccess {
    static func require(_ roles: Set<UserRole>, _ request: Request, _ context: ReliefRequestContext) -> Response? {
        guard let user = context.user else {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return PageResponse.redirect(to: "/signin?next=" + WebPage.percentEncoded(next))
        }
        guard roles.contains(user.role) else {
            return PageResponse.message(status: .forbidden, title: "Not for this account 无权访问",
                                        text: "The \(user.role.rawValue) role may not open this page.", request: request, context: context)
        }
        return nil
    }

    /// The signed-in account's scope; a bank account sees its bank only.
    static func scope(_ context: ReliefRequestContext) -> Scope { Scope(context.user) }
}

/// The CSRF rule of SPEC.md: every form POST carries the session's `csrf_token`; without it
/// (or with another) the answer is 403 and nothing is written.
enum CSRFCheck {
    static func refusal(_ form: [String: String], _ request: Request, _ context: ReliefRequestContext) -> Response? {
        guard let expected = context.sessions.session?.csrfToken, let sent = form["csrf_token"], constantTimeEqual(Array(sent.utf8), Array(expected.utf8)) else {
            return PageResponse.message(status: .forbidden, title: "Form expired 表单已失效",
                                        text: "This form did not carry this session's security token (csrf_token). Open the page again and resubmit; nothing was changed.",
                                        request: request, context: context)
        }
        return nil
    }

    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}

/// The answers of pages: HTML in the frame, redirects, messages.
enum PageResponse {
    static let htmlContentType = "text/html; charset=utf-8"

    static func chrome(_ request: Request, _ context: ReliefRequestContext) -> PageChrome {
        PageChrome(account: context.user, csrfToken: context.sessions.session?.csrfToken, path: request.uri.path)
    }

    static func page(_ title: String, _ body: HTML, request: Request, context: ReliefRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        html(WebPage.document(title: title, chrome: chrome(request, context), body: body), status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: htmlContentType, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func message(status: HTTPResponse.Status, title: String, text: String, request: Request, context: ReliefRequestContext) -> Response {
        html(WebPage.message(title: title, text: text, chrome: chrome(request, context)), status: status)
    }

    static func notFound(_ request: Request, _ context: ReliefRequestContext) -> Response {
        message(status: .notFound, title: "Not found 未找到", text: "There is no such page or record.", request: request, context: context)
    }

    /// 303 See Other to a local path.
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }

    /// A download: `text` as a file named `name`.
    static func download(_ text: String, name: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
