import ReliefInterchange
import Testing

@Suite struct CSVReaderTests {
    @Test func rfc4180Quoting() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,\r\nlast,row,here"
        let records = try CSVReader.records(text)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["", "", ""], ["last", "row", "here"]])
        // The record after a quoted line break starts two lines further down.
        #expect(records.map(\.line) == [1, 2, 4, 5])
    }

    @Test func lineEndsAndTrailingComma() throws {
        #expect(try CSVReader.records("a,b\nc,d\n").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try CSVReader.records("a,b\rc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try CSVReader.records("a,b,").map(\.fields) == [["a", "b", ""]])
        #expect(try CSVReader.records("济宁,银行\r\n").map(\.fields) == [["济宁", "银行"]])
        #expect(try CSVReader.records("").isEmpty)
    }

    @Test func malformedQuotes() {
        let open = #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("a,b\n\"never closed,c\n") }
        #expect(open?.line == 2)
        let after = #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("\"quoted\"x,b") }
        #expect(after?.message.contains("after a closing quote") == true)
    }
}

@Suite struct TextEncodingTests {
    @Test func detection() {
        #expect(TextEncoding.detect([0xEF, 0xBB, 0xBF, 0x61]) == .utf8)
        #expect(TextEncoding.detect([0xFF, 0xFE, 0x61, 0x00]) == .utf16)
        #expect(TextEncoding.detect(Array("贷款".utf8)) == .utf8)
        // 贷款 in GB18030 is B4 FB BF EE: not valid UTF-8.
        #expect(TextEncoding.detect([0xB4, 0xFB, 0xBF, 0xEE]) == .gb18030)
    }

    @Test func decoding() {
        #expect(TextEncoding.utf8.decode([0xEF, 0xBB, 0xBF] + Array("a,b".utf8)) == "a,b")
        // The GB18030 bytes of 贷 (B4 FB) and 款 (BF EE).
        #expect(TextEncoding.gb18030.decode([0xB4, 0xFB, 0xBF, 0xEE]) == "贷款")
        #expect(TextEncoding.utf16.decode([0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00]) == "a,")
        #expect(TextEncoding.utf8.decode([0xB4, 0xFB]) == nil)
    }
}
