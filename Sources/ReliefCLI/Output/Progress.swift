#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of long work on stderr, only when stderr is a terminal and not `--quiet`.
struct Progress {
    let label: String
    let enabled: Bool
    private var lastPercent = -1

    init(_ label: String, quiet: Bool) {
        self.label = label
        self.enabled = !quiet && isatty(2) == 1
    }

    /// A count when the total is not known in advance (loans of a file read as it streams).
    mutating func update(_ done: Int) {
        guard enabled else { return }
        StandardStreams.writeError("\r\(label): \(done)")
        counted = true
    }

    /// Ends a counted line.
    mutating func finish() {
        if enabled && counted { StandardStreams.writeError("\n") }
        counted = false
    }

    private var counted = false

    mutating func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent else { return }
        lastPercent = percent
        StandardStreams.writeError("\r\(label): \(done)/\(total) (\(percent)%)" + (done == total ? "\n" : ""))
    }
}
