import ReliefDomain
import ReliefInterchange
import Testing
import ReliefTestSupport

/// The byte-level scanner: a seeded random round trip against an independent writer, and the
/// edges of its own code paths (eight-byte search, scratch copies, growing field lists).
@Suite struct CSVScannerTests {
    /// Pieces fields are made of: quotes, commas, line breaks of every kind, CJK, blanks.
    static let pieces = ["a", "Z", "0", "9", ".", "-", " ", "\t", "\"", "\"\"", ",", "\n", "\r\n", "\r", "济宁", "银行", "\u{3000}", "¥", "😀",
                         "abcdefgh", "1234567890.12", "x,y", "say \"hi\""]

    /// RFC 4180 as a writer sees it: quote a field holding a comma, quote, CR or LF (or, for a
    /// record of one empty field, the empty field, which would otherwise be no line at all).
    static func write(_ table: [[String]], lineEnd: String, trailing: Bool) -> String {
        let lines = table.map { fields in
            fields.map { field in
                let special = field.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
                return special || (fields.count == 1 && field.isEmpty) ? "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }
        return lines.joined(separator: lineEnd) + (trailing ? lineEnd : "")
    }

    /// The line each record starts on, counted independently: one per record end, plus the
    /// LFs inside its fields (a CR inside quotes starts no line, as in the reader of old).
    static func startLines(_ table: [[String]]) -> [Int] {
        var line = 1
        return table.map { fields in
            defer { line += 1 + fields.reduce(0) { $0 + $1.utf8.filter { $0 == 0x0A }.count } }
            return line
        }
    }

    @Test func seededRandomRoundTrip() throws {
        var generator = SeededGenerator(seed: 20_200_301)
        for round in 0..<400 {
            let width = Int.random(in: 1...12, using: &generator)
            let table: [[String]] = (0..<Int.random(in: 1...30, using: &generator)).map { _ in
                (0..<(Bool.random(using: &generator) ? width : Int.random(in: 1...20, using: &generator))).map { _ in
                    (0..<Int.random(in: 0...9, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
                }
            }
            let lineEnd = ["\r\n", "\n", "\r"][round % 3]
            let text = Self.write(table, lineEnd: lineEnd, trailing: round % 2 == 0)
            let records = try CSVReader.records(text)
            #expect(records.map(\.fields) == table, "round \(round): \(text.debugDescription)")
            #expect(records.map(\.line) == Self.startLines(table), "round \(round)")
            // The byte ranges themselves, without the string reader.
            var scanned: [[String]] = []
            try CSVScanner.scan(text) { record in scanned.append((0..<record.count).map { record.string($0) }) }
            #expect(scanned == table)
        }
    }

    @Test func longFieldsCrossTheEightByteSearch() throws {
        for length in 0...40 {
            let field = String(repeating: "x", count: length)
            let text = "\(field),\"\(field)\"\r\n\(field)z"
            #expect(try CSVReader.records(text).map(\.fields) == [[field, field], [field + "z"]], "length \(length)")
        }
    }

    @Test func doubledQuotesGoThroughScratchAndKeepTheirNeighbours() throws {
        // Several undoubled fields in one record, beyond the first scratch buffer's 256 bytes.
        let long = String(repeating: "长\"", count: 200)
        let quoted = "\"" + long.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        let text = "\(quoted),plain,\"a\"\"b\",\(quoted)\n\"\"\"\",x"
        let records = try CSVReader.records(text)
        #expect(records.map(\.fields) == [[long, "plain", "a\"b", long], ["\"", "x"]])
    }

    @Test func manyFieldsAndTheFieldLimit() throws {
        let wide = (0..<1_000).map(String.init)
        #expect(try CSVReader.records(wide.joined(separator: ",") + "\n").first?.fields == wide)
        let limit = CSVScanner.fieldsPerRecordMax
        #expect(try CSVReader.records(String(repeating: ",", count: limit - 1)).first?.fields.count == limit)
        let over = #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("a\n" + String(repeating: ",", count: limit)) }
        #expect(over?.line == 2)
        #expect(over?.message.contains("\(limit) fields") == true)
    }

    @Test func edgesOfTheOldReader() throws {
        // A quote inside an unquoted field is text; an empty line is one empty field.
        #expect(try CSVReader.records("ab\"c,d\n\nx").map(\.fields) == [["ab\"c", "d"], [""], ["x"]])
        // A trailing comma before a line end, and at the very end.
        #expect(try CSVReader.records("a,\nb,").map(\.fields) == [["a", ""], ["b", ""]])
        // A CR inside quotes is kept and starts no line; LF inside quotes counts.
        let records = try CSVReader.records("\"a\rb\",\"c\nd\"\r\nnext")
        #expect(records.map(\.fields) == [["a\rb", "c\nd"], ["next"]])
        #expect(records.map(\.line) == [1, 3])
        // Text after a closing quote names the line where the quote closed.
        let after = #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("a\n\"x\ny\"z") }
        #expect(after?.line == 3)
        // A quote that never closes names the line where its record starts.
        let open = #expect(throws: CSVReader.Malformed.self) { try CSVReader.records("a\nb,\"c\nd\ne") }
        #expect(open?.line == 2)
        // A byte-order mark is text to the scanner (the decoders remove it).
        #expect(try CSVReader.records("\u{FEFF}a,b").first?.fields == ["\u{FEFF}a", "b"])
    }

    /// Trimming on bytes agrees with trimming the text, including the cases it hands back
    /// (a blank next to a combining mark is one character with it).
    @Test func byteTrimmingAgreesWithTextTrimming() {
        var generator = SeededGenerator(seed: 7)
        let pieces = [" ", "\t", "\u{3000}", "-", "--", "a", "济", "\u{301}", "x\u{301}", "0", "1,0", "\u{0600}"]
        var texts = ["", " ", "-", "--", "---", " - ", "\u{3000}-\u{3000}", " \u{301}a", "a \u{301}", "\u{0600} ", "\t济宁\u{3000}"]
        for _ in 0..<2_000 {
            texts.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        for text in texts {
            var copy = text
            let fromBytes: String?? = copy.withUTF8 { bytes in
                switch CSVColumns.trimmed(bytes) {
                case .none: return .some(nil)
                case .value(let value): return .some(String(decoding: value, as: UTF8.self))
                case .ambiguous: return nil
                }
            }
            if let fromBytes { #expect(fromBytes == CSVColumns.trimmed(text), "\(text.debugDescription)") }
        }
    }
}
