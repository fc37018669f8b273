/// The sign-in limit of SPEC.md: after 5 failed sign-ins within 15 minutes for one account name
/// or from one address, further attempts are refused (429 with Retry-After) until the oldest
/// of those failures is 15 minutes old. Kept in memory: a restart forgets it, as it forgets
/// the sessions.
actor SignInThrottle {
    static let limit = 5
    static let window: Duration = .seconds(15 * 60)

    private var failures: [String: [ContinuousClock.Instant]] = [:]
    private let clock = ContinuousClock()

    /// Seconds to wait before `name` or `address` may try again; nil when they may now.
    func retryAfter(name: String, address: String?) -> Int? {
        let now = clock.now
        var wait: Duration = .zero
        for key in keys(name: name, address: address) {
            let recent = (failures[key] ?? []).filter { now - $0 < Self.window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= Self.limit, let oldest = recent.first { wait = max(wait, Self.window - (now - oldest)) }
        }
        guard wait > .zero else { return nil }
        return max(1, Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
    }

    func recordFailure(name: String, address: String?) {
        let now = clock.now
        for key in keys(name: name, address: address) { failures[key, default: []].append(now) }
    }

    /// A successful sign-in clears the name's failures (not the address's: one address may
    /// be trying many names).
    func recordSuccess(name: String) { failures["name:" + name] = nil }

    private func keys(name: String, address: String?) -> [String] {
        ["name:" + name] + (address.map { ["address:" + $0] } ?? [])
    }
}
