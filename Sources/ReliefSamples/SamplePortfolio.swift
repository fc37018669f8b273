import ReliefDomain
import ReliefLedger

/// A deterministic portfolio of SME loans of Jining (济宁) banks: Chinese names, valid credit
/// codes, every size class, repayment method and eligibility case. Loan `index` is always
/// the same loan, so demos, benchmarks and tests can regenerate it.
public enum SamplePortfolio {
    static let brands = ["鲁兴", "泰和", "华源", "金泰", "瑞丰", "宏达", "恒通", "佳美", "运河", "孔孟", "圣源", "东岳", "汇丰达", "鑫盛", "齐鲁"]
    static let trades = ["机械", "纺织", "食品", "建材", "物流", "商贸", "电子", "农业科技", "餐饮管理", "印刷", "化工", "家具"]
    static let counties = ["任城区", "兖州区", "曲阜市", "邹城市", "微山县", "鱼台县", "金乡县", "嘉祥县", "汶上县", "泗水县", "梁山县"]
    public static let banks = ["济宁银行", "中国农业银行济宁分行", "齐鲁银行济宁分行", "济宁农商银行", "中国建设银行济宁分行"]

    /// The 18-character credit code of enterprise `index`.
    public static func creditCode(_ index: Int) -> CreditCode {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var value = index
        var digits: [Character] = []
        for _ in 0..<9 { digits.append(alphabet[value % 31]); value /= 31 }
        // 9 = enterprise, 1 = company; 370800 = Jining's administrative division code.
        let body = "91370800" + String(digits.reversed())
        guard let code = try? CreditCode.completing(body) else { preconditionFailure("generated credit code body \(body) is invalid") }
        return code
    }

    public static func enterprise(_ index: Int) -> EnterpriseRecord {
        let sizes: [EnterpriseSize] = [.micro, .small, .small, .medium, .micro, .small, .large]
        let name = "济宁市" + brands[index % brands.count] + trades[(index / brands.count) % trades.count]
            + (index >= brands.count * trades.count ? "\(index / (brands.count * trades.count) + 1)号" : "") + "有限公司"
        return EnterpriseRecord(code: creditCode(index), name: name, size: sizes[index % sizes.count], county: counties[(index * 7) % counties.count])
    }

    /// Loan `index`: 0.1 to 5 million CNY at 3.5% to 5.5%, started in 2019, 6 to 36 months;
    /// most firms applied for relief; one in five draws on a credit line above CNY 10 million.
    public static func loan(_ index: Int) -> LoanRecord {
        let methods: [RepaymentMethod] = [.annuity, .equalPrincipal, .interestOnly, .bullet, .annuity]
        let method = methods[index % methods.count]
        let startDays = Int32(17_897 + (index * 37) % 365)  // 2019-01-01 + ...
        let principalFen = Int64(10_000_000 + ((index * 7_919) % 4_900) * 100_000)
        guard let terms = try? LoanTerms(principal: Money(fen: principalFen), annualRate: Rate(units: Int64(350_000_000 + (index % 9) * 25_000_000)),
                                         start: CivilDate(daysSinceEpoch: startDays), termMonths: [12, 24, 36, 6, 12][(index / 5) % 5],
                                         method: method, settlement: method == .interestOnly && index % 2 == 0 ? .quarterly : .dueDates),
              let id = try? LoanID(validating: "JN\(2019_000_000 + index)") else {
            preconditionFailure("sample loan \(index) is invalid")
        }
        let applied = index % 8 == 7 ? nil : CivilDate(daysSinceEpoch: 18_302 + Int32(index % 60))  // 2020-02-10 onwards
        return LoanRecord(id: id, enterprise: enterprise(index), bank: banks[index % banks.count], terms: terms,
                          creditLine: index % 5 == 0 ? Money(yuan: 12_000_000) : Money(yuan: 8_000_000), applied: applied)
    }
}
