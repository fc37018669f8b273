import HTTPTypes
import Hummingbird

/// A router that notes every route added through it (groups add theirs through their parent):
/// what the OpenAPI document is checked against, since Hummingbird keeps its routes private.
final class RouteRecorder<Context: RequestContext>: RouterMethods, @unchecked Sendable {
    // Routes are added once, while the router is built, by one task.
    let router: Router<Context>
    private(set) var routes: [(method: String, path: String)] = []

    init(_ router: Router<Context>) { self.router = router }

    @discardableResult func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == Context {
        routes.append((method.rawValue, path.description))
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }
}
