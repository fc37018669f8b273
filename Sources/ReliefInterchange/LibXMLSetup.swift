import CLibXML2
import Foundation

/// Process-wide libxml2 set-up: initialise the library once before any thread uses it, and
/// serialise schema compilation, which libxml2 does not make thread-safe (tests run in
/// parallel, and a crash inside libxml2 was seen when two schemas compiled at once).
enum LibXMLSetup {
    /// Touch before any libxml2 call: `xmlInitParser` runs exactly once (Swift's lazy
    /// static initialisation is thread-safe).
    static let ready: Void = { xmlInitParser() }()

    /// Held while a schema compiles.
    static let compileLock = NSLock()
}
