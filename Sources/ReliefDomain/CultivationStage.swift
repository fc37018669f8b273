/// A stage of first-loan cultivation (首贷培植, RULES.md section 7, SPEC.md capability 7).
///
/// The pipeline runs `identified -> counselled -> applied -> approved -> disbursed`; from any
/// open stage a cultivation may instead close as `declined` (a bank refused) or `withdrawn`
/// (the firm or the coordinator gave up). `disbursed`, `declined` and `withdrawn` are closed:
/// nothing follows them, because a closed file reopened would count the same firm twice in
/// the funnel. A stage may be skipped going forward (a firm that applies without counselling
/// is real), never gone back to: a firm's history only moves toward a loan or an exit.
public enum CultivationStage: String, Sendable, CaseIterable, Comparable {
    case identified, counselled, applied, approved, disbursed, declined, withdrawn

    /// The stages of the pipeline proper, in order (the funnel's rows).
    public static let pipeline: [CultivationStage] = [.identified, .counselled, .applied, .approved, .disbursed]

    /// The stages that end a cultivation.
    public var isClosed: Bool { self == .disbursed || self == .declined || self == .withdrawn }

    /// Position along the pipeline (0 for identified ... 4 for disbursed); nil for the exits,
    /// which are not on the line.
    public var pipelineIndex: Int? { CultivationStage.pipeline.firstIndex(of: self) }

    /// Order of declaration: the pipeline, then the exits (for sorting, not for the rules).
    public static func < (lhs: CultivationStage, rhs: CultivationStage) -> Bool {
        let order = CultivationStage.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }

    public var chineseName: String {
        switch self {
        case .identified: return "已识别"
        case .counselled: return "辅导中"
        case .applied: return "已申请"
        case .approved: return "已审批"
        case .disbursed: return "已放款"
        case .declined: return "被拒绝"
        case .withdrawn: return "已退出"
        }
    }

    /// Accepts the English names and the Chinese ones of `chineseName` (without their
    /// leading 已/被/中 too: 识别, 辅导, 申请, 审批, 放款, 拒绝, 退出).
    public init(parsing text: String) throws(ParseError) {
        let key = text.lowercased()
        for stage in CultivationStage.allCases {
            let chinese = stage.chineseName
            let bare = chinese.filter { $0 != "已" && $0 != "被" && $0 != "中" }
            if key == stage.rawValue || key == chinese || key == bare {
                self = stage
                return
            }
        }
        throw ParseError(input: text, kind: "cultivation stage",
                         reason: "expected identified, counselled, applied, approved, disbursed, declined or withdrawn")
    }

    /// Whether a cultivation at `self` may move to `next`, whatever the dates: forward along
    /// the pipeline (skipping is allowed) or to an exit, and only from an open stage.
    public func canMove(to next: CultivationStage) -> Bool {
        guard !isClosed else { return false }
        guard let from = pipelineIndex else { return false }
        guard let to = next.pipelineIndex else { return true }  // declined, withdrawn
        return to > from
    }

    /// Checks the move from `self` (reached on `since`) to `next` on `date`, or throws the
    /// reason it is impossible: from a closed stage, backwards or standing still, or dated
    /// before the previous transition (the history is kept in date order, so "the stage on
    /// day d" has one answer). A move on the same day as the previous one is allowed.
    public func checkMove(since: CivilDate, to next: CultivationStage, on date: CivilDate) throws(RuleViolation) {
        if isClosed {
            throw RuleViolation(rule: "cultivation-closed",
                                "the cultivation closed as \(rawValue) on \(since); no transition follows a closed stage (disbursed, declined, withdrawn)")
        }
        guard canMove(to: next) else {
            let what = next == self ? "it is already \(rawValue) (since \(since))" : "\(rawValue) -> \(next.rawValue) goes backwards"
            throw RuleViolation(rule: "cultivation-backwards",
                                "\(what); the pipeline runs identified -> counselled -> applied -> approved -> disbursed, or ends declined or withdrawn")
        }
        guard date >= since else {
            throw RuleViolation(rule: "cultivation-date-order",
                                "the transition to \(next.rawValue) is dated \(date), before the previous one (\(rawValue) on \(since))")
        }
    }
}
