/// An enterprise's size class (企业规模) under the 2011 SME classification.
public enum EnterpriseSize: String, Sendable, CaseIterable, Comparable {
    case micro, small, medium, large

    public var chineseName: String {
        switch self {
        case .micro: return "微型"
        case .small: return "小型"
        case .medium: return "中型"
        case .large: return "大型"
        }
    }

    /// Accepts micro, small, medium, large or 微型, 小型, 中型, 大型 (also 微型企业 etc.).
    public init(parsing text: String) throws(ParseError) {
        var key = text.lowercased()
        if key.hasSuffix("企业") { key = String(key.dropLast(2)) }
        switch key {
        case "micro", "微型", "微": self = .micro
        case "small", "小型", "小": self = .small
        case "medium", "中型", "中": self = .medium
        case "large", "大型", "大": self = .large
        default:
            throw ParseError(input: text, kind: "enterprise size", reason: "expected micro, small, medium or large (微型, 小型, 中型, 大型)")
        }
    }

    private var order: Int { EnterpriseSize.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: EnterpriseSize, rhs: EnterpriseSize) -> Bool { lhs.order < rhs.order }
}
