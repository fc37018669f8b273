/// A `multipart/form-data` body (RFC 7578 over RFC 2046) parsed as it arrives, in chunks of any
/// size: each part's headers, then its content in pieces, then its end. Written here rather than
/// taken from multipart-kit, whose parser (4.7.1, the version at hand) traps on a header-name
/// byte of 0x80 or more, so one request could stop the server (found by `fuzz-forms`).
///
/// The delimiter is CRLF `--boundary`; the body's first delimiter may come without its CRLF,
/// after an ignored preamble. After a delimiter come `--` (the last one: the rest is an ignored
/// epilogue) or CRLF and the part's header lines (`Name: value`, names of token characters,
/// values of any bytes but CR and LF, at most `headerBytesMax` in all), an empty line, and the
/// content up to the next delimiter. Anything else is `Malformed`; the stream is whole only
/// once the last delimiter was read (`isComplete`).
struct MultipartStream {
    enum Event {
        /// A part begins: its headers by lowercased name.
        case headers([String: String])
        /// The next piece of the current part's content.
        case content(ArraySlice<UInt8>)
        /// The current part ends (its delimiter was read).
        case end
    }

    struct Malformed: Error, Equatable {
        let reason: String
    }

    /// All header lines of one part: a part's headers are a disposition and a type.
    static let headerBytesMax = 8 * 1024

    private enum State {
        case preamble
        /// After a delimiter: `--`, or optional spaces and CRLF.
        case afterDelimiter
        case headers
        case content
        case epilogue
    }

    private let delimiter: [UInt8]
    private var state = State.preamble
    /// Bytes read but not yet decided: a possible start of a delimiter, or an unfinished header line.
    private var pending: [UInt8]
    private var headerLines: [String: String] = [:]
    private var headerBytes = 0

    /// Whether the last delimiter has been read.
    var isComplete: Bool { if case .epilogue = state { return true } else { return false } }
    /// Whether a part has begun and not ended (its headers or content are being read).
    var isInsidePart: Bool {
        switch state {
        case .headers, .content: return true
        case .afterDelimiter: return true  // a delimiter not yet followed by `--` or CRLF
        case .preamble, .epilogue: return false
        }
    }

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first delimiter may begin the body without its CRLF: read as if one came before.
        pending = [0x0D, 0x0A]
    }

    mutating func feed(_ bytes: some Collection<UInt8>, _ events: (Event) throws -> Void) throws {
        pending.append(contentsOf: bytes)
        var index = 0
        defer { pending.removeFirst(index) }
        while index < pending.count {
            switch state {
            case .epilogue:
                index = pending.count
            case .preamble, .content:
                let inContent = if case .content = state { true } else { false }
                if let found = find(delimiter, in: pending, from: index) {
                    if inContent {
                        if found > index { try events(.content(pending[index..<found])) }
                        try events(.end)
                    }
                    index = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Keep what could be the start of a delimiter; the rest is content (or preamble).
                    let keep = min(delimiter.count - 1, pending.count - index)
                    let safe = pending.count - keep
                    if inContent && safe > index { try events(.content(pending[index..<safe])) }
                    index = safe
                    return
                }
            case .afterDelimiter:
                var cursor = index
                while cursor < pending.count, pending[cursor] == 0x20 || pending[cursor] == 0x09 { cursor += 1 }
                guard cursor - index <= 64 else { throw Malformed(reason: "a delimiter is followed by neither -- nor a line break") }
                guard cursor + 1 < pending.count else { return }  // wait for two more bytes
                if pending[index] == 0x2D, pending[index + 1] == 0x2D {
                    state = .epilogue
                    index = pending.count
                } else if pending[cursor] == 0x0D, pending[cursor + 1] == 0x0A {
                    index = cursor + 2
                    state = .headers
                    headerLines = [:]
                    headerBytes = 0
                } else {
                    throw Malformed(reason: "a delimiter is followed by neither -- nor a line break")
                }
            case .headers:
                guard let lineEnd = find([0x0D, 0x0A], in: pending, from: index) else {
                    guard headerBytes + (pending.count - index) <= Self.headerBytesMax else { throw Malformed(reason: "a part's headers are too long") }
                    return
                }
                headerBytes += lineEnd - index + 2
                guard headerBytes <= Self.headerBytesMax else { throw Malformed(reason: "a part's headers are too long") }
                let line = pending[index..<lineEnd]
                index = lineEnd + 2
                if line.isEmpty {
                    state = .content
                    try events(.headers(headerLines))
                } else {
                    let (name, value) = try Self.header(line)
                    headerLines[name] = value
                }
            }
        }
    }

    /// `Name: value` with the name lowercased and the value trimmed of spaces and tabs.
    static func header(_ line: ArraySlice<UInt8>) throws -> (String, String) {
        guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex else { throw Malformed(reason: "a header line without a name") }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(isTokenByte) else { throw Malformed(reason: "a header name with a character a name cannot hold") }
        guard !line.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0 }) else { throw Malformed(reason: "a control character in a header") }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        return (String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self))
    }

    /// RFC 9110's token characters: letters, digits and ``!#$%&'*+-.^_`|~``.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// The index of the first occurrence of `needle` in `haystack[from...]`, or nil.
    private func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count - from >= needle.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
