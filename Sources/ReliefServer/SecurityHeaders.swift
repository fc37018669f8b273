import HTTPTypes
import Hummingbird
import Logging
import ReliefApp
import ReliefLedger
import ReliefPresentation

/// The security headers of SPEC.md's web contract on every response: a Content-Security-Policy
/// that allows nothing from elsewhere and no inline script, no MIME sniffing, no framing, and
/// referrers kept to this site.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String { "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch let problem as RequestProblem {
            response = APIResponse.problems(problem.problems)
        } catch WorkflowError.invalidRequest(let message), WorkflowError.refused(let message) {
            // A request the workflow refuses as asked (a page number past the last, a period
            // that ends before it starts): the asker's to fix.
            response = APIResponse.problems([.init(field: "request", message: message)])
        } catch LedgerError.busy {
            // The ledger stayed locked by another writer past the timeout: try again shortly.
            response = APIResponse.problems([.init(field: "ledger", message: "the ledger is busy; try again in a few seconds")], status: .serviceUnavailable)
            response.headers[.retryAfter] = "5"
        } catch {
            // Never a stack trace, SQL or a path in a response (SPEC.md).
            context.logger.error("request failed: \(String(describing: type(of: error)))")
            response = APIResponse.problems([.init(field: "server", message: "the request could not be completed")], status: .internalServerError)
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        return response
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy` (not among HTTPTypes' predefined names).
    public static var referrerPolicy: Self {
        guard let name = Self("Referrer-Policy") else { preconditionFailure("Referrer-Policy is a valid field name") }
        return name
    }
}
