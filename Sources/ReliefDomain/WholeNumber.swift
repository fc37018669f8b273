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
}
