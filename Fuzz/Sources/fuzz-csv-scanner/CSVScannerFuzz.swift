import FuzzSupport
import ReliefInterchange

/// The byte-level CSV scanner: records or one `Malformed`, every line named within the input,
/// records in line order, never more fields than the limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let lines = lineCount(bytes)
    var previous = 0
    do {
        try CSVScanner.scan(UnsafeBufferPointer(start: data, count: size)) { record in
            require(record.line >= max(previous, 1) && record.line <= lines, "record on line \(record.line) of \(lines), after \(previous)")
            require(record.count <= CSVScanner.fieldsPerRecordMax, "\(record.count) fields")
            previous = record.line
        }
    } catch {
        require(error.line >= 1 && error.line <= lines + 1, "malformed at line \(error.line) of \(lines)")
        require(!error.message.isEmpty, "a malformed record without a message")
    }
    return 0
}
