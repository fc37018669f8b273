import ReliefDomain
import Testing

/// The cultivation pipeline's rules (SPEC.md capability 7): every one of the 7 x 7 moves,
/// and the date order.
@Suite struct CultivationStageTests {
    /// The legal moves, written out by hand: forward along
    /// identified -> counselled -> applied -> approved -> disbursed (skipping allowed), or to
    /// declined / withdrawn from an open stage; nothing from disbursed, declined, withdrawn.
    /// 6 + 5 + 4 + 3 = 18 of the 49 pairs.
    static let legal: Set<String> = [
        "identified>counselled", "identified>applied", "identified>approved", "identified>disbursed", "identified>declined", "identified>withdrawn",
        "counselled>applied", "counselled>approved", "counselled>disbursed", "counselled>declined", "counselled>withdrawn",
        "applied>approved", "applied>disbursed", "applied>declined", "applied>withdrawn",
        "approved>disbursed", "approved>declined", "approved>withdrawn",
    ]

    @Test func everyPairOfStages() throws {
        let since = try date("2020-03-02")
        let on = try date("2020-03-10")
        var legalCount = 0
        for from in CultivationStage.allCases {
            for to in CultivationStage.allCases {
                let expected = CultivationStageTests.legal.contains("\(from.rawValue)>\(to.rawValue)")
                #expect(from.canMove(to: to) == expected, "\(from) -> \(to)")
                if expected {
                    legalCount += 1
                    #expect(throws: Never.self, "\(from) -> \(to)") { try from.checkMove(since: since, to: to, on: on) }
                } else {
                    let error = #expect(throws: RuleViolation.self, "\(from) -> \(to)") { try from.checkMove(since: since, to: to, on: on) }
                    let rule = from.isClosed ? "cultivation-closed" : "cultivation-backwards"
                    #expect(error?.rule == rule, "\(from) -> \(to)")
                }
            }
        }
        #expect(legalCount == 18)
    }

    @Test func messagesGiveTheReason() throws {
        let since = try date("2020-03-05")
        let backwards = #expect(throws: RuleViolation.self) { try CultivationStage.approved.checkMove(since: since, to: .counselled, on: since) }
        #expect(backwards?.message.hasPrefix("approved -> counselled goes backwards") == true)
        let standing = #expect(throws: RuleViolation.self) { try CultivationStage.applied.checkMove(since: since, to: .applied, on: since) }
        #expect(standing?.message.hasPrefix("it is already applied (since 2020-03-05)") == true)
        let closed = #expect(throws: RuleViolation.self) { try CultivationStage.declined.checkMove(since: since, to: .withdrawn, on: since) }
        #expect(closed?.message.hasPrefix("the cultivation closed as declined on 2020-03-05") == true)
    }

    /// The same day as the previous move is allowed; the day before is not.
    @Test func datedInOrder() throws {
        let since = try date("2020-03-05")
        #expect(throws: Never.self) { try CultivationStage.counselled.checkMove(since: since, to: .applied, on: since) }
        let early = #expect(throws: RuleViolation.self) {
            try CultivationStage.counselled.checkMove(since: since, to: .applied, on: try date("2020-03-04"))
        }
        #expect(early?.rule == "cultivation-date-order")
        #expect(early?.message == "the transition to applied is dated 2020-03-04, before the previous one (counselled on 2020-03-05)")
        // A closed stage is refused for being closed, whatever the date.
        let closed = #expect(throws: RuleViolation.self) {
            try CultivationStage.disbursed.checkMove(since: since, to: .withdrawn, on: try date("2020-03-04"))
        }
        #expect(closed?.rule == "cultivation-closed")
    }

    @Test func parsingAndClosedStages() throws {
        #expect(try CultivationStage(parsing: "approved") == .approved)
        #expect(try CultivationStage(parsing: "Counselled") == .counselled)
        #expect(try CultivationStage(parsing: "已放款") == .disbursed)
        #expect(try CultivationStage(parsing: "放款") == .disbursed)
        #expect(try CultivationStage(parsing: "辅导") == .counselled)
        #expect(try CultivationStage(parsing: "拒绝") == .declined)
        #expect(throws: ParseError.self) { try CultivationStage(parsing: "granted") }
        #expect(CultivationStage.allCases.filter(\.isClosed) == [.disbursed, .declined, .withdrawn])
        #expect(CultivationStage.pipeline.map(\.pipelineIndex) == [0, 1, 2, 3, 4])
        #expect(CultivationStage.declined.pipelineIndex == nil)
    }
}
