import Hummingbird
import NIOCore
import NIOPosix

/// Ledger work runs on NIO's blocking thread pool, never on the cooperative threads that serve
/// requests (there are as many as cores: two here). A write that waits for SQLite's lock, an
/// import of a large file or a bcrypt check would otherwise stall every other request,
/// `/healthz` included.
enum Offload {
    /// Threads for ledger work: readers run side by side (WAL), writers queue on SQLite's lock.
    static let threads = 8

    /// Sizes the pool before its first use (`relief serve` calls it once at start).
    static func configure() {
        NIOSingletons.blockingPoolThreadCountSuggestion = threads
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}

extension RouterMethods where Context == ReliefRequestContext {
    /// A GET whose whole work (ledger reads, rendering) runs on the blocking pool.
    @discardableResult func getBlocking(_ path: RouterPath, _ handler: @escaping @Sendable (Request, Context) throws -> Response) -> Self {
        get(path) { request, context in try await Offload.run { try handler(request, context) } }
    }
}
