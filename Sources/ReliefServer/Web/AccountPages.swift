import Hummingbird
import HummingbirdAuth
import ReliefApp
import ReliefLedger
import ReliefPresentation

/// Signing in and out (SPEC.md): `GET /signin`, `POST /signin` (`name`, `password`, `next`: a
/// local path only), `POST /signout`. A sign-in starts a new session (a new id, so an id set
/// before cannot be fixed on a victim) with a new CSRF token.
enum AccountPages {
    static func add(to router: some RouterMethods<ReliefRequestContext>, ledger: LedgerStore, throttle: SignInThrottle) {
        router.get("signin") { request, context in
            let next = localPath(request.parameterValues["next"])
            return signInPage(FormState(values: ["next": next]), request: request, context: context)
        }
        router.post("signin") { request, context in
            var request = request
            let form = try await FormBody.fields(&request)
            let name = form["name"] ?? "", password = form["password"] ?? "", next = localPath(form["next"])
            var state = FormState(values: ["name": name, "next": next])
            let forwarded = request.headers[values: .xForwardedFor]
            let address = SecureCookieBehindTLS.clientAddress(peer: context.peerAddress, forwardedFor: forwarded.isEmpty ? nil : forwarded.joined(separator: ","))
            guard !name.isEmpty, !password.isEmpty else {
                state.problems = (name.isEmpty ? [FieldProblem(field: "name", message: "Enter your account name 请输入账户名")] : [])
                    + (password.isEmpty ? [FieldProblem(field: "password", message: "Enter your password 请输入密码")] : [])
                return signInPage(state, request: request, context: context, status: .badRequest)
            }
            if let wait = await throttle.attempt(name: name, address: address) {
                state.problems = [FieldProblem(field: "name", message: "Too many failed sign-ins: try again in \(wait / 60 + 1) minutes 登录失败次数过多")]
                var response = signInPage(state, request: request, context: context, status: .tooManyRequests)
                response.headers[.retryAfter] = String(wait)
                return response
            }
            // bcrypt takes a quarter of a second of CPU: off the threads that serve requests.
            guard let user = try await Offload.run({ try AccountWorkflow.signIn(name: name, password: password, ledger) }) else {
                state.problems = [FieldProblem(field: "password", message: "The name or the password is not right 账户名或密码不正确")]
                return signInPage(state, request: request, context: context, status: .unauthorized)
            }
            await throttle.succeeded(name: name, address: address)
            context.sessions.createSession(WebSession(name: user.name, csrfToken: PageSessions.newToken()), expiresIn: PageSessions.idleTimeout)
            return PageResponse.redirect(to: next)
        }
        router.post("signout") { request, context in
            var request = request
            let form = try await FormBody.fields(&request)
            if context.sessions.session != nil {
                if let refusal = CSRFCheck.refusal(form, request, context) { return refusal }
                context.sessions.clearSession()
            }
            return PageResponse.redirect(to: "/")
        }
    }

    /// `next` when it is a path of this site ("/loans?page=2"), "/" otherwise: never another
    /// site ("//evil.example", "https://...", "/\\evil").
    static func localPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return "/" }
        return next
    }

    static func signInPage(_ state: FormState, request: Request, context: ReliefRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        let body: HTML = """
            <h1>Sign in 登录</h1><p>For bank staff, the bureau and first-loan coordinators. Accounts are made with <code>relief users add</code>.</p>
            \(FormView.errorSummary(state.problems))
            <form class="fields" method="post" action="/signin">
            \(FormView.input("name", label: "Account name 账户名", state, autocomplete: "username"))
            \(FormView.input("password", label: "Password 密码", type: "password", state, autocomplete: "current-password"))
            \(FormView.hidden("next", state.values["next"] ?? "/"))\(FormView.submit("Sign in 登录"))</form>
            """
        return PageResponse.page("Sign in 登录", body, request: request, context: context, status: status)
    }
}
