import ReliefDomain
import ReliefEngine
import Testing

@Suite struct ExtensionAndRenewalTests {
    /// RULES.md section 5: 12 -> 12; 36 -> 18; 120 -> 36; 6 -> 6.
    @Test func caps() {
        #expect(ExtensionRules.maximumExtensionMonths(originalTermMonths: 12) == 12)
        #expect(ExtensionRules.maximumExtensionMonths(originalTermMonths: 36) == 18)
        #expect(ExtensionRules.maximumExtensionMonths(originalTermMonths: 120) == 36)
        #expect(ExtensionRules.maximumExtensionMonths(originalTermMonths: 6) == 6)
        #expect(ExtensionRules.maximumExtensionMonths(originalTermMonths: 13) == 6)
        #expect(ExtensionRules.maximumExtensionMonths(originalTermMonths: 60) == 30)
        #expect(ExtensionRules.maximumExtensionMonths(originalTermMonths: 61) == 36)
    }

    /// The cap's last date is accepted and one month more is refused, for each example.
    @Test(arguments: [(12, "2021-01-15", "2022-01-15", "2022-02-15"), (36, "2023-01-15", "2024-07-15", "2024-08-15"),
                      (120, "2030-01-15", "2033-01-15", "2033-02-15"), (6, "2020-07-15", "2021-01-15", "2021-02-15")])
    func capEdges(months: Int, maturity: String, latest: String, tooLate: String) throws {
        let schedule = try ScheduleCalculator().schedule(for: terms("1200000", "4.35%", "2020-01-15", months: months))
        #expect(schedule.terms.maturity == (try date(maturity)))
        let result = try ExtensionCalculator().extend(schedule, to: try date(latest))
        #expect(result.latestMaturity == (try date(latest)))
        #expect(result.extended.installments.last?.dueDate == (try date(latest)))
        #expect(result.extended.invariantViolations().isEmpty)
        let tooLateDate = try date(tooLate)
        let error = #expect(throws: RuleViolation.self) { try ExtensionCalculator().extend(schedule, to: tooLateDate) }
        #expect(error?.rule == "extension-cap")
        #expect(error?.message.contains(latest) == true)
    }

    /// 12-month annuity of 1,200,000 extended at maturity by 3 months: the first 11 rows stay;
    /// the balance after 2020-12-15 is re-amortized over the 4 monthly rows 2021-01-15 to
    /// 2021-04-15 at the contract rate.
    @Test func extensionKeepsEarlierRowsAndReamortizes() throws {
        let schedule = try ScheduleCalculator().schedule(for: terms("1200000", "4.35%", "2020-01-15", months: 12))
        let result = try ExtensionCalculator().extend(schedule, to: try date("2021-04-15"))
        let rows = result.extended.installments
        #expect(Array(rows.prefix(11)) == Array(schedule.installments.prefix(11)))
        #expect(rows.count == 15)
        #expect(rows.suffix(4).map(\.dueDate) == [try date("2021-01-15"), try date("2021-02-15"), try date("2021-03-15"), try date("2021-04-15")])
        #expect(rows.map(\.period) == Array(1...15))
        // The re-amortized balance is what was left before the 12th row.
        let left = schedule.installments[10].balance
        #expect(rows.dropFirst(11).reduce(Money.zero) { $0 + $1.principal } == left)
        // 30/360 annuity of `left` over 4 months: M = left x i q^4 / (q^4 - 1), the independent exact rational.
        let level = AnnuityPayment.exact(principal: left, annualRate: try rate("4.35%"), months: 4, rounding: .halfUp)
        #expect(rows[11].payment == level)
        #expect(result.extended.invariantViolations().isEmpty)
    }

    @Test func extensionRefusals() throws {
        let schedule = try ScheduleCalculator().schedule(for: terms("1200000", "4.35%", "2020-01-15", months: 12))
        #expect(throws: RuleViolation.self) { try ExtensionCalculator().extend(schedule, to: try date("2021-01-15")) }
        #expect(throws: RuleViolation.self) {
            try ExtensionCalculator().extend(schedule, to: try date("2021-06-15"), agreed: try date("2021-01-16"))
        }
    }

    /// A bullet extended pays all interest from the start to the new maturity:
    /// 500,000 x 5% x 182 / 360 (2020-01-15 to 2020-07-15) = 12,638.89.
    @Test func bulletExtension() throws {
        let schedule = try ScheduleCalculator().schedule(for: terms("500000", "5%", "2020-01-15", months: 3, .bullet))
        let result = try ExtensionCalculator().extend(schedule, to: try date("2020-07-15"))
        #expect(result.extended.installments.count == 1)
        #expect(result.extended.installments[0].interest == (try money("12638.89")))
    }

    /// Renewal of a 1,200,000 interest-only loan (3.6%, ACT/360, from 2020-01-15) on 2020-07-01:
    /// rows due to 2020-06-15 stay; the whole 1,200,000 is settled by the new loan; interest from
    /// 2020-06-15 to 2020-07-01 (16 days) = 1,200,000 x 3.6% x 16 / 360 = 1,920.00 is settled.
    @Test func renewalWithoutRepayingPrincipal() throws {
        let schedule = try ScheduleCalculator().schedule(for: terms("1200000", "3.6%", "2020-01-15", months: 12, .interestOnly))
        let result = try RenewalCalculator().renew(schedule, on: try date("2020-07-01"), with: .init(annualRate: try rate("3.2%")))
        #expect(result.installmentsBefore.count == 5)
        #expect(result.principalSettled == (try money("1200000")))
        #expect(result.accrualDays == 16)
        #expect(result.accruedInterestSettled == (try money("1920.00")))
        #expect(result.newLoan.terms.principal == result.principalSettled)
        #expect(result.newLoan.terms.start == (try date("2020-07-01")))
        #expect(result.newLoan.terms.annualRate == (try rate("3.2%")))
        #expect(result.newLoan.invariantViolations().isEmpty)
        #expect(throws: RuleViolation.self) { try RenewalCalculator().renew(schedule, on: try date("2021-01-16")) }
    }
}
