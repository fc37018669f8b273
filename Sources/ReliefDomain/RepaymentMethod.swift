/// How a loan's principal and interest are repaid (RULES.md section 2).
public enum RepaymentMethod: String, Sendable, CaseIterable {
    /// 等额本息: equal monthly installments of principal and interest.
    case annuity
    /// 等额本金: equal monthly principal parts, interest on the falling balance.
    case equalPrincipal = "equal-principal"
    /// 按期付息、到期还本 (先息后本): interest each period, principal at maturity.
    case interestOnly = "interest-only"
    /// 到期一次还本付息 (利随本清): all principal and interest at maturity.
    case bullet

    /// The day count a loan uses when its contract names none (SPEC.md capability 1).
    public var defaultDayCount: DayCount {
        switch self {
        case .annuity, .equalPrincipal: return .thirty360
        case .interestOnly, .bullet: return .act360
        }
    }

    /// The Chinese name banks print.
    public var chineseName: String {
        switch self {
        case .annuity: return "等额本息"
        case .equalPrincipal: return "等额本金"
        case .interestOnly: return "按期付息到期还本"
        case .bullet: return "到期一次还本付息"
        }
    }

    /// Accepts the English name or any Chinese name of SPEC.md.
    public init(parsing text: String) throws(ParseError) {
        switch text.lowercased() {
        case "annuity", "等额本息": self = .annuity
        case "equal-principal", "等额本金": self = .equalPrincipal
        case "interest-only", "按期付息到期还本", "按期付息、到期还本", "先息后本": self = .interestOnly
        case "bullet", "到期一次还本付息", "利随本清": self = .bullet
        default:
            throw ParseError(input: text, kind: "repayment method",
                             reason: "expected annuity, equal-principal, interest-only or bullet (等额本息, 等额本金, 先息后本, 利随本清)")
        }
    }
}

/// When an interest-only loan's interest falls due.
public enum Settlement: String, Sendable, CaseIterable {
    /// On each monthly due date (the product's default).
    case dueDates = "due-dates"
    /// On 20 March, June, September and December (结息日); the rest with the principal.
    case quarterly

    public init(parsing text: String) throws(ParseError) {
        switch text.lowercased() {
        case "due-dates": self = .dueDates
        case "quarterly", "按季", "按季结息": self = .quarterly
        default:
            throw ParseError(input: text, kind: "settlement", reason: "expected due-dates or quarterly")
        }
    }
}
