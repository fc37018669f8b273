import ReliefPresentation
import Testing

/// The contract's JSON, as RFC 8259 writes it: escapes for the quote, the backslash and control
/// characters, every other character as it is (Chinese names stay readable).
@Suite struct JSONValueTests {
    @Test func stringsAreEscapedExactlyWhereJSONRequires() {
        #expect(JSONValue.quote("a\"b\\c\nd\re\tf\u{1}g\u{1F}中文") == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001f中文\"")
        #expect(JSONValue.quote("") == "\"\"")
    }

    @Test func documentsAreIndentedByTwoWithAFinalNewline() {
        let value = JSONValue.object([("a", .array([.integer(1), .null])), ("b", .object([])), ("c", .array([])), ("d", .bool(false))])
        #expect(value.rendered() == "{\n  \"a\": [\n    1,\n    null\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": false\n}\n")
    }
}
