/// What every fuzz target checks besides "no crash": a property that must hold for any input.
/// A broken property stops the run with a crash libFuzzer records as a finding (the input is
/// saved as `crash-...`), like a trap.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition() { fatalError("property broken: \(message())", file: file, line: line) }
}

/// The number of lines of `bytes` (a last line without its newline counts), a line ending in
/// LF, CRLF or a lone CR as the readers count them: every line a reader names must lie within
/// 1...this (plus one, for "after the last line").
public func lineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
    var lines = 1
    for (index, byte) in bytes.enumerated() {
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n")) {
            lines += 1
        }
    }
    return lines
}

/// The input as text, as the readers receive a file's bytes once decoded (invalid UTF-8
/// repaired, as the decoding step would refuse or repair it).
public func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }
