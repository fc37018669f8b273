import ReliefDomain
import Testing

@Suite struct RepaymentMethodTests {
    /// SPEC.md: the English name or a Chinese one: 等额本息; 等额本金; 按期付息到期还本 or 先息后本;
    /// 到期一次还本付息 or 利随本清.
    @Test(arguments: [
        ("annuity", RepaymentMethod.annuity),
        ("ANNUITY", .annuity),
        ("等额本息", .annuity),
        ("equal-principal", .equalPrincipal),
        ("Equal-Principal", .equalPrincipal),
        ("等额本金", .equalPrincipal),
        ("interest-only", .interestOnly),
        ("按期付息到期还本", .interestOnly),
        ("按期付息、到期还本", .interestOnly),
        ("先息后本", .interestOnly),
        ("bullet", .bullet),
        ("到期一次还本付息", .bullet),
        ("利随本清", .bullet),
    ])
    func parses(text: String, expected: RepaymentMethod) throws {
        #expect(try RepaymentMethod(parsing: text) == expected)
    }

    @Test(arguments: ["", " ", "annuity ", " annuity", "equal principal", "equalPrincipal", "interest_only", "等额", "mortgage"])
    func refuses(text: String) {
        let error = #expect(throws: ParseError.self) { try RepaymentMethod(parsing: text) }
        #expect(error?.input == text)
        #expect(error?.kind == "repayment method")
    }

    @Test func namesParseBack() throws {
        #expect(RepaymentMethod.allCases.map(\.rawValue) == ["annuity", "equal-principal", "interest-only", "bullet"])
        for method in RepaymentMethod.allCases {
            #expect(try RepaymentMethod(parsing: method.rawValue) == method)
            #expect(try RepaymentMethod(parsing: method.chineseName) == method)
        }
        #expect(RepaymentMethod.annuity.chineseName == "等额本息")
        #expect(RepaymentMethod.equalPrincipal.chineseName == "等额本金")
        #expect(RepaymentMethod.interestOnly.chineseName == "按期付息到期还本")
        #expect(RepaymentMethod.bullet.chineseName == "到期一次还本付息")
    }
}
