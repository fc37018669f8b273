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

    /// Checks and counts an attempt in one step: nil (the attempt is counted as a failure until
    /// `succeeded` says otherwise), or the seconds to wait. Checking first and counting after
    /// the quarter-second bcrypt let a burst of parallel attempts all pass the check.
    func attempt(name: String, address: String?) -> Int? {
        if let wait = retryAfter(name: name, address: address) { return wait }
        let now = clock.now
        for key in keys(name: name, address: address) { failures[key, default: []].append(now) }
        return nil
    }

    /// A successful sign-in clears the name's failures and takes back its own count from the
    /// address (not the address's other failures: one address may be trying many names).
    func succeeded(name: String, address: String?) {
        failures["name:" + name] = nil
        if let address, var list = failures["address:" + address], !list.isEmpty {
            list.removeLast()
            failures["address:" + address] = list.isEmpty ? nil : list
        }
    }

    private func keys(name: String, address: String?) -> [String] {
        ["name:" + name] + (address.map { ["address:" + $0] } ?? [])
    }
}
