/// Well-formed input that breaks a rule or a limit: a rate over 36%, 601 months, a bridge
/// advance of 16 days, an extension past its cap. The message names the rule and the numbers.
public struct RuleViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// A short stable name of the rule, e.g. "rate-limit", "negative-amortization".
    public let rule: String
    /// What is wrong, with the values, for a person.
    public let message: String

    public init(rule: String, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { message }
}
