import FuzzSupport
import ReliefInterchange

/// The camt.053/054 reader: a statement whose entries lie at lines inside the input, or an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    guard let statement = try? CamtStatementReader().read(bytes: bytes, file: "statement.xml") else { return 0 }
    for entry in statement.entries {
        require(entry.line >= 1 && entry.line <= lines, "entry at line \(entry.line) of \(lines)")
    }
    return 0
}
