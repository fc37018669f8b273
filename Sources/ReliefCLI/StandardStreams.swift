#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes straight to file descriptors 1 and 2 (the C `stdout`/`stderr` globals are
/// shared mutable state that Swift 6 refuses), retrying short writes.
enum StandardStreams {
    /// The error that stopped a write to stdout (a full disk, an I/O error), if any; a reader
    /// that closed the pipe (`relief export loans | head`) is not one.
    /// Only the command's one thread writes, so plain state is enough.
    nonisolated(unsafe) private(set) static var outputError: Int32 = 0

    static func writeOut(_ text: String) { write(text, to: 1) }

    static func writeError(_ text: String) { write(text, to: 2) }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress, buffer.count)
                #else
                Darwin.write(descriptor, buffer.baseAddress, buffer.count)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                if descriptor == 1 && errno != EPIPE && outputError == 0 { outputError = errno }
                return  // nothing more can be said
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
