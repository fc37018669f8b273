import Foundation
import ReliefInterchange
import Testing

/// `TextEncoding.text(of:forced:)` (one pass over a file's data) gives what `detect` then
/// `decode` give over its bytes, for every encoding and byte-order mark, forced or detected.
@Suite struct TextOfDataTests {
    static let sample = "贷款编号,借款人\r\nJN-1,济宁市鲁兴机械有限公司\r\n"

    static var files: [(name: String, bytes: [UInt8])] {
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        return [
            ("utf-8", Array(sample.utf8)),
            ("utf-8 with mark", [0xEF, 0xBB, 0xBF] + Array(sample.utf8)),
            ("gb18030", [UInt8](sample.data(using: gb18030)!)),
            ("utf-16 little-endian with mark", [0xFF, 0xFE] + [UInt8](sample.data(using: .utf16LittleEndian)!)),
            ("utf-16 big-endian with mark", [0xFE, 0xFF] + [UInt8](sample.data(using: .utf16BigEndian)!)),
            ("utf-16 little-endian without mark", [UInt8](sample.data(using: .utf16LittleEndian)!)),
            ("utf-16 big-endian without mark", [UInt8](sample.data(using: .utf16BigEndian)!)),
            ("not utf-8, not gb18030", [0x41, 0xFF, 0xFF, 0xFF, 0x80]),
            ("empty", []),
        ]
    }

    @Test func equalsDetectThenDecode() {
        for (name, bytes) in Self.files {
            for forced in [nil] + TextEncoding.allCases.map(Optional.some) {
                let expectedEncoding = forced ?? TextEncoding.detect(bytes)
                let expected = expectedEncoding.decode(bytes)
                let (text, encoding) = TextEncoding.text(of: Data(bytes), forced: forced)
                #expect(encoding == expectedEncoding, "\(name), forced \(forced?.rawValue ?? "none")")
                #expect(text == expected, "\(name), forced \(forced?.rawValue ?? "none")")
            }
        }
        #expect(TextEncoding.text(of: Data(Self.sample.utf8), forced: nil).text == Self.sample)
    }

    /// UTF-16 without a byte-order mark (as some banks' exports are) is recognised by its
    /// zero bytes, in either order, detected or given as `--encoding utf-16`; UTF-8 and
    /// GB18030 text, which holds no zero byte, is never taken for it.
    @Test func unmarkedUTF16IsReadInEitherOrder() {
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        for order in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
            let bytes = [UInt8](Self.sample.data(using: order)!)
            #expect(TextEncoding.detect(bytes) == .utf16)
            #expect(TextEncoding.text(of: Data(bytes), forced: nil).text == Self.sample)
            #expect(TextEncoding.text(of: Data(bytes), forced: .utf16).text == Self.sample)
        }
        #expect(TextEncoding.detect(Array(Self.sample.utf8)) == .utf8)
        #expect(TextEncoding.detect([UInt8](Self.sample.data(using: gb18030)!)) == .gb18030)
        #expect(TextEncoding.invalid(.utf16, forced: true) == "is not valid utf-16 text")
        #expect(TextEncoding.invalid(.gb18030, forced: false) == "is not valid gb18030 text (say which encoding it is in)")
    }
}
