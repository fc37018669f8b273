import Dispatch
import Foundation
import FuzzSupport
@_spi(Fuzzing) import ReliefServer

/// The server's form parsing: the first byte chooses what the rest is.
/// - even: a URL-encoded form body. Every field decoded, encoded again and decoded again, gives
///   the same fields.
/// - odd: a `multipart/form-data` upload (boundary `XyZ`) arriving in chunks of the second
///   byte's size. It is refused (malformed, or past a limit) or received with at most 100 parts,
///   64 KiB of text fields, files whose names hold no path or control character, whose sizes
///   are their bytes on disk and sum to no more than the body; and received in one chunk it is
///   the same upload (TCP's segmentation must not change what a user uploaded). Nothing is left
///   on disk once it is discarded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes[0] % 2 == 0 {
        checkForm(String(decoding: bytes.dropFirst(), as: UTF8.self))
    } else {
        let body = Array(bytes.dropFirst(2))
        let chunkSize = Int(bytes[1]) + 1
        let chunks = stride(from: 0, to: body.count, by: chunkSize).map { Array(body[$0..<min($0 + chunkSize, body.count)]) }
        let split = receive(chunks)
        let whole = receive(body.isEmpty ? [] : [body])
        switch (split, whole) {
        case (.success(let one), .success(let other)):
            check(one, bodySize: body.count)
            require(one.fields == other.fields, "fields differ by chunking: \(one.fields) vs \(other.fields)")
            require(one.files.map(\.name) == other.files.map(\.name), "files differ by chunking")
            for (a, b) in zip(one.files, other.files) {
                require(FileManager.default.contents(atPath: a.path) == FileManager.default.contents(atPath: b.path), "file \(a.name) differs by chunking")
            }
            FormParsingProbe.discard(one)
            FormParsingProbe.discard(other)
            require(!FileManager.default.fileExists(atPath: one.folder), "upload folder left behind")
        case (.success(let one), .failure), (.failure, .success(let one)):
            // Whether an upload is refused depends on its bytes, never on how they arrived.
            FormParsingProbe.discard(one)
            require(false, "chunked and whole disagree: \(split) vs \(whole)")
        case (.failure, .failure):
            break
        }
    }
    return 0
}

func checkForm(_ text: String) {
    let fields = FormParsingProbe.formFields(text)
    let allowed = CharacterSet.alphanumerics.subtracting(CharacterSet(charactersIn: "+&=%"))
    let encoded = fields.map { name, value in
        (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }.joined(separator: "&")
    let again = FormParsingProbe.formFields(encoded)
    // A name that decodes to the empty string or carries "&" or "=" once decoded round-trips as
    // well, since every such character is encoded.
    require(again == fields, "form fields do not survive encoding: \(fields) vs \(again)")
}

func check(_ upload: FormParsingProbe.Received, bodySize: Int) {
    require(upload.parts <= 100, "\(upload.parts) parts")
    require(upload.fields.values.reduce(0) { $0 + $1.utf8.count } <= 64 * 1024, "text fields past 64 KiB")
    require(upload.files.reduce(0) { $0 + $1.size } <= bodySize, "files larger than the body")
    for file in upload.files {
        require(!file.name.contains("/") && !file.name.contains("\\"), "a path in the name \(file.name)")
        require(!file.name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "a control character in \(file.name.debugDescription)")
        require(file.name.count <= 100 && !file.name.isEmpty && file.name != "." && file.name != "..", "name \(file.name.debugDescription)")
        require(URL(fileURLWithPath: file.path).deletingLastPathComponent().path == upload.folder, "\(file.path) outside \(upload.folder)")
        let onDisk = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? -1
        require(onDisk == file.size, "\(file.name): \(file.size) bytes counted, \(onDisk) on disk")
    }
}

/// Runs the asynchronous receiver to its end from this synchronous entry point.
func receive(_ chunks: [[UInt8]]) -> Result<FormParsingProbe.Received, any Error> {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox()
    Task {
        box.result = await FormParsingProbe.receive(chunks: chunks, boundary: "XyZ", maxBytes: 1 << 20)
        done.signal()
    }
    done.wait()
    return box.result!
}

final class ResultBox: @unchecked Sendable {  // written by one task before the semaphore, read after
    var result: Result<FormParsingProbe.Received, any Error>?
}
