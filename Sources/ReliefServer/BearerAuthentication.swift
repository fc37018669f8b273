import HTTPTypes
import Hummingbird
import ReliefApp
import ReliefDomain
import ReliefLedger
import ReliefPresentation

/// The API's only way in (SPEC.md): `Authorization: Bearer TOKEN` naming an active account;
/// session cookies are ignored here. No token, an unknown one, a replaced one or a disabled
/// account's: 401, nothing done. The account is looked up at every request, so disabling it
/// takes effect at its next one.
struct BearerAuthentication: RouterMiddleware {
    typealias Context = ReliefRequestContext
    let ledger: LedgerStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let ledger = ledger
        let token = request.headers[.authorization].flatMap { header in
            header.count > 7 && header.prefix(7).lowercased() == "bearer " ? String(header.dropFirst(7)) : nil
        }
        guard let token, let user = try await Offload.run({ try AccountWorkflow.user(bearing: token, ledger) }) else {
            var response = APIResponse.problems([.init(field: "authorization", message: "an API request needs `Authorization: Bearer TOKEN` with an active account's token")],
                                                status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}

/// Who may do what (SPEC.md's table), checked once per route.
enum Access {
    /// The roles a route admits; anyone else gets 403.
    static func require(_ roles: Set<UserRole>, _ context: ReliefRequestContext) -> Response? {
        guard let user = context.user else { return APIResponse.problems([.init(field: "authorization", message: "sign in first")], status: .unauthorized) }
        guard roles.contains(user.role) else {
            return APIResponse.problems([.init(field: "authorization", message: "the \(user.role.rawValue) role may not do this")], status: .forbidden)
        }
        return nil
    }
}
