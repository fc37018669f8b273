/// A whole number typed by a person (a term in months, days, a page, a count): digits only,
/// at most nine of them, so that `12.5`, `-3`, `1e3` and blanks are refused rather than
/// read as something else.
public enum WholeNumber {
    public static let digitsMax = 9

    public static func parse(_ text: String) throws(ParseError) -> Int {
        guard !text.isEmpty, text.count <= digitsMax, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            throw ParseError(input: text, kind: "whole number", reason: "expected digits only, e.g. 12")
        }
        return value
    }

    /// A size in bytes (a limit such as `--max-input-bytes`): digits only, from 1 to
    /// 9,223,372,036,854,775,807 (2^63-1, SPEC capability 9), so a limit past 2 GiB can be given.
    public static func parseByteCount(_ text: String) throws(ParseError) -> Int {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ParseError(input: text, kind: "number of bytes", reason: "expected digits only, e.g. 5000000000")
        }
        guard let value = Int(text), value >= 1 else {
            throw ParseError(input: text, kind: "number of bytes", reason: "expected 1 to 9223372036854775807")
        }
        return value
    }
}
