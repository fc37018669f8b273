/// The cumulative cap on extending a loan (展期, RULES.md section 5), counted in months of
/// the original term.
public enum ExtensionRules {
    /// Short-term loans (12 months or less): at most the original term. Over 12 and up to 60
    /// months: at most half the original term (whole months, rounded down). Over 60 months:
    /// at most 36 months.
    public static func maximumExtensionMonths(originalTermMonths months: Int) -> Int {
        precondition(months > 0, "original term of \(months) months")
        if months <= 12 { return months }
        if months <= 60 { return months / 2 }
        return 36
    }
}
