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
}
