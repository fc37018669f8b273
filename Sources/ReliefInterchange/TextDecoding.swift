import Foundation
import ReliefDomain

/// The text encodings a bank's CSV arrives in, and their detection.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030
    case utf16 = "utf-16"

    /// GB18030 has no named `String.Encoding` on Linux; this raw value decodes and encodes it
    /// (the GBK_95 constant returns nil there).
    static let gb18030Encoding = String.Encoding(rawValue: 0x8000_0632)

    public init(parsing text: String) throws(ParseError) {
        switch text.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312": self = .gb18030
        case "utf-16", "utf16", "utf-16le", "utf-16be": self = .utf16
        default: throw ParseError(input: text, kind: "encoding", reason: "expected utf-8, gb18030 (also gbk) or utf-16")
        }
    }

    /// The encoding of `bytes`: a UTF-16 or UTF-8 byte-order mark, else UTF-8 when the bytes
    /// are valid UTF-8, else GB18030 (what Chinese banks' exports use).
    public static func detect(_ bytes: [UInt8]) -> TextEncoding {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .utf16 }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if unmarkedUTF16(bytes) != nil { return .utf16 }
        return String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .gb18030
    }

    /// The byte order of UTF-16 written without a byte-order mark, told by its zero bytes: a
    /// CSV's commas, digits and line breaks are ASCII, whose high byte is zero, so one parity
    /// of the first bytes is largely zeros and the other nearly none (UTF-8 and GB18030 text
    /// has no zero byte at all). Nil when the bytes do not look so.
    static func unmarkedUTF16(_ bytes: [UInt8]) -> String.Encoding? {
        let head = bytes.prefix(4096)
        guard head.count >= 4 else { return nil }
        var zeros = (even: 0, odd: 0)
        for (offset, byte) in head.enumerated() where byte == 0 {
            if offset % 2 == 0 { zeros.even += 1 } else { zeros.odd += 1 }
        }
        let half = head.count / 2
        if zeros.odd * 4 >= half && zeros.even * 20 < half { return .utf16LittleEndian }
        if zeros.even * 4 >= half && zeros.odd * 20 < half { return .utf16BigEndian }
        return nil
    }

    /// What to say of bytes that are not valid text in `encoding`; `--encoding` is suggested
    /// only when the encoding was detected, not given.
    public static func invalid(_ encoding: TextEncoding, forced: Bool) -> String {
        "is not valid \(encoding.rawValue) text" + (forced ? "" : " (say which encoding it is in)")
    }

    /// `bytes` as text in this encoding, without a byte-order mark; nil when they are not.
    public func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .utf8:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            return String(validating: body, as: UTF8.self)
        case .gb18030:
            return String(data: Data(bytes), encoding: TextEncoding.gb18030Encoding)
        case .utf16:
            // With a byte-order mark Foundation follows it; without one, the zeros say the order
            // (little-endian, Windows' own, when they cannot).
            let marked = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            let order = marked ? .utf16 : (TextEncoding.unmarkedUTF16(bytes) ?? .utf16LittleEndian)
            guard let text = String(data: Data(bytes), encoding: order) else { return nil }
            return text.first == "\u{FEFF}" ? String(text.dropFirst()) : text
        }
    }

    /// A file's contents as text: in `forced`, or in the encoding `detect` would choose, with
    /// the encoding used; the text is nil when the bytes are not valid in it. Validates and
    /// copies a UTF-8 file once, straight from `data` (`detect` + `decode` on an array cost
    /// three more copies of the file, most of a large import's memory).
    public static func text(of data: Data, forced: TextEncoding?) -> (text: String?, encoding: TextEncoding) {
        let head = [UInt8](data.prefix(3))
        let hasUTF8Mark = head == [0xEF, 0xBB, 0xBF]
        let hasUTF16Mark = head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
            || (forced == nil && unmarkedUTF16([UInt8](data.prefix(4096))) != nil)
        if forced == .utf8 || (forced == nil && !hasUTF16Mark) {
            if let text = String(validating: hasUTF8Mark ? data.dropFirst(3) : data, as: UTF8.self) { return (text, .utf8) }
            if forced == .utf8 || hasUTF8Mark { return (nil, .utf8) }
        }
        let encoding = forced ?? (hasUTF16Mark ? .utf16 : .gb18030)
        return (encoding.decode([UInt8](data)), encoding)
    }
}
