import ReliefDomain
import ReliefTestSupport
import Testing

/// The byte parsers (amounts, rates, dates read straight from a file's bytes) agree with the
/// text parsers, the one definition, on value and on error, over seeded random inputs and
/// the edges of their fast paths.
@Suite struct ByteParsingTests {
    static func result<T>(_ text: String, _ parse: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> T) -> Result<T, ParseError> {
        var copy = text
        return copy.withUTF8 { bytes in
            do throws(ParseError) { return .success(try parse(bytes)) } catch { return .failure(error) }
        }
    }

    static func textResult<T>(_ text: String, _ parse: (String) throws(ParseError) -> T) -> Result<T, ParseError> {
        do throws(ParseError) { return .success(try parse(text)) } catch { return .failure(error) }
    }

    static func randomTexts(_ pieces: [String], seed: UInt64, count: Int = 5_000) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined() }
    }

    @Test func amounts() {
        let edges = ["0", "1", "0.5", "0.05", "12.", ".5", "12.345", "9999999999999.99", "10000000000000", "10000000000000.00",
                     "99999999999999", "1,234.56", "-5", "+5", "¥12", "1 2", "", " ", "00012.30", "1e3", "١٢"]
        let pieces = ["0", "1", "9", "12", "345", "9999999", ".", ",", "-", "+", "¥", " ", "a", "5"]
        for text in edges + Self.randomTexts(pieces, seed: 1) {
            let bytes = Self.result(text) { bytes throws(ParseError) in try Money(parsing: bytes) }
            #expect(bytes == Self.textResult(text) { text throws(ParseError) in try Money(parsing: text) }, "\(text.debugDescription)")
        }
    }

    @Test func rates() {
        let edges = ["4.35%", "0.0435", "4%", "4.%", "4.12345678%", "4.123456789%", "0.1234567890", "0.12345678901", "9999.99%",
                     "10000%", "99.9999999999", "100", "99", "-1%", "%", "", "4.35 %", "0.0.1", "12345"]
        let pieces = ["0", "4", "9", "35", "9999", "123456789", ".", "%", "-", "+", " ", "x"]
        for text in edges + Self.randomTexts(pieces, seed: 2) {
            let bytes = Self.result(text) { bytes throws(ParseError) in try Rate(parsing: bytes) }
            #expect(bytes == Self.textResult(text) { text throws(ParseError) in try Rate(parsing: text) }, "\(text.debugDescription)")
        }
    }

    @Test func dates() {
        var texts = ["2020-02-29", "2019-02-29", "1900-02-29", "2000-02-29", "2100-02-28", "1899-12-31", "1900-01-01", "2999-12-31",
                     "3000-01-01", "2020-13-01", "2020-00-10", "2020-04-31", "2020-04-30", "2020-1-01", "20200101", "2020/01/01", "２０２０-01-01", ""]
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<5_000 {
            let year = Int.random(in: 1890...3010, using: &generator), month = Int.random(in: 0...13, using: &generator)
            let day = Int.random(in: 0...32, using: &generator)
            texts.append(padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2))
        }
        for text in texts {
            let bytes = Self.result(text) { bytes throws(ParseError) in try CivilDate(parsing: bytes) }
            #expect(bytes == Self.textResult(text) { text throws(ParseError) in try CivilDate(parsing: text) }, "\(text.debugDescription)")
        }
    }

    /// The printable-ASCII shortcut of identifiers, at its edges (expected values by the rules).
    @Test func identifierShortcutEdges() {
        #expect((try? LoanID(validating: String(repeating: "A", count: 64)))?.rawValue.count == 64)
        #expect((try? LoanID(validating: String(repeating: "A", count: 65))) == nil)
        #expect((try? LoanID(validating: "A B"))?.rawValue == "A B")
        #expect((try? LoanID(validating: " AB")) == nil)
        #expect((try? LoanID(validating: "AB ")) == nil)
        #expect((try? LoanID(validating: "A\u{7F}B")) == nil)  // DEL is a control character
        #expect((try? LoanID(validating: "A\tB")) == nil)
        #expect((try? LoanID(validating: "")) == nil)
        #expect((try? LoanID(validating: "~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}"))?.rawValue.count == 32)
        #expect((try? LoanID(validating: String(repeating: "贷", count: 64)))?.rawValue.count == 64)  // 64 characters, 192 bytes
    }
}

/// `value` in decimal, zero-padded to `width` digits.
private func padded(_ value: Int, _ width: Int) -> String {
    let digits = "\(value)"
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
