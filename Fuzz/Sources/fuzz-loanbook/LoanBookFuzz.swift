import FuzzSupport
import ReliefInterchange

/// The loan-book XML reader (libxml2, XSD-validated while streaming): records or an error,
/// never a crash or a hang, whatever the markup (entities, nesting, encodings).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var records = 0
    do {
        let count = try LoanBookReader().read(bytes: bytes, file: "book.xml") { _, line in
            require(line >= 0, "record at line \(line)")
            records += 1
        }
        require(count == records, "the reader counted \(count) records and handed out \(records)")
    } catch {
        require(!"\(error)".isEmpty, "an error without a message")
    }
    return 0
}
