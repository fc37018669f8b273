/// A value from outside (command line, file, database) that is not well formed.
///
/// Carries the offending text and what was expected, so that every caller can print
/// `'12.345' is not an amount: more than two decimals` without knowing the type's rules.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that did not parse, as given.
    public let input: String
    /// What kind of value was expected, e.g. "amount", "date", "rate".
    public let kind: String
    /// Why the text is not a valid value of that kind.
    public let reason: String

    public init(input: String, kind: String, reason: String) {
        self.input = input
        self.kind = kind
        self.reason = reason
    }

    public var description: String {
        let shown = input.count > 40 ? String(input.prefix(40)) + "..." : input
        return "'\(shown)' is not a valid \(kind): \(reason)"
    }
}
