import Hummingbird
import ReliefLedger

/// A request's context: Hummingbird's core, and the account the request acts for once a
/// bearer token (the API) has named one.
public struct ReliefRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account; nil on public routes.
    var user: UserLedger.User?

    public init(source: Source) {
        coreContext = .init(source: source)
        user = nil
    }
}
