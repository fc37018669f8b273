import ReliefDomain

/// The bridge fund's register as CSV (import and export): one row per advance, with its
/// repayment date when repaid. English headers or the Chinese ones a fund's clerks use.
public enum BridgeRegisterCSV {
    /// One advance of the file as requested, its repayment date when repaid, and where it came
    /// from; the request's fields read by name (`row.amount`).
    @dynamicMemberLookup
    public struct Row: Sendable {
        public let request: BridgeAdvanceRequest
        public let repaid: CivilDate?
        /// The days and fee the register states for the repayment (`relief export bridge`
        /// writes them): checked against what the fund's terms give, never taken as they are.
        public let statedDays: Int?
        public let statedFee: Money?
        public let line: Int

        /// The advance date.
        public var advanced: CivilDate { request.date }

        public subscript<Value>(dynamicMember field: KeyPath<BridgeAdvanceRequest, Value>) -> Value { request[keyPath: field] }
    }

    public static let columns = CSVColumns([
        .init("advance_id", ["advance_id", "转贷编号", "业务编号"], required: true),
        .init("credit_code", ["credit_code", "统一社会信用代码"], required: true),
        .init("enterprise", ["enterprise", "企业名称", "借款人"], required: false, generic: ["借款人"]),
        .init("bank", ["bank", "续贷银行", "银行"], required: true, generic: ["银行"]),
        .init("county", ["county", "县区"], required: false),
        .init("amount", ["amount", "转贷金额"], required: true),
        .init("advance_date", ["advance_date", "转贷日期", "放款日期"], required: true),
        .init("repaid_on", ["repaid_on", "还款日期", "归还日期"], required: false, generic: ["还款日期"]),
        .init("loan_id", ["loan_id", "原贷款编号", "到期贷款编号"], required: false),
        .init("account", ["account", "收款账号"], required: false),
        .init("daily_rate", ["daily_rate", "日费率"], required: false),
        .init("commitment", ["commitment", "续贷承诺金额"], required: false),
        .init("days", ["days", "占用天数"], required: false),
        .init("fee", ["fee", "转贷费用"], required: false),
    ])

    /// The register a fund's clerks keep: every column but the repayment's days and fee.
    public static var header: [String] { columns.names.filter { $0 != "days" && $0 != "fee" } }
    /// What `relief export bridge` writes: the register with each repayment's days and fee.
    public static var exportHeader: [String] { columns.names }

    public static func recognizes(_ records: [CSVReader.Record]) -> Bool { columns.header(in: records) != nil }

    /// The advances of a file, or every problem in it.
    public static func rows(_ records: [CSVReader.Record], file: String) -> (rows: [Row], skipped: Int, problems: [ImportProblem]) {
        let header: CSVColumns.Header
        switch columns.header(in: records, kind: "bridge register", file: file) {
        case .success(let found): header = found
        case .failure(let failure): return ([], 0, failure.problems)
        }
        var rows: [Row] = []
        var problems = ProblemList()
        var skipped = header.index
        for record in records[(header.index + 1)...] where !problems.isFull {
            func value(_ name: String) -> String? { header.value(name, in: record) }
            if CSVColumns.isBlank(record) { skipped += 1; continue }
            var rowProblems: [ImportProblem] = []
            func parsed<T>(_ name: String, required: Bool, _ parse: (String) throws(ParseError) -> T) -> T? {
                guard let text = value(name) else {
                    if required { rowProblems.append(ImportProblem(file: file, line: record.line, field: name, message: "is empty")) }
                    return nil
                }
                do { return try parse(text) } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: name, message: error.description))
                    return nil
                }
            }
            let id = parsed("advance_id", required: true) { (s: String) throws(ParseError) in try AdvanceID(validating: s) }
            var code: CreditCode?
            if let text = value("credit_code") {
                do { code = try CreditCode(validating: text) } catch {
                    rowProblems.append(ImportProblem(file: file, line: record.line, field: "credit_code", message: "'\(text)': \(error)"))
                }
            } else {
                rowProblems.append(ImportProblem(file: file, line: record.line, field: "credit_code", message: "is empty"))
            }
            let bank = value("bank")
            if bank == nil { rowProblems.append(ImportProblem(file: file, line: record.line, field: "bank", message: "is empty")) }
            let amount = parsed("amount", required: true) { (s: String) throws(ParseError) in try Money(parsing: s) }
            let advanced = parsed("advance_date", required: true) { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
            let repaid = parsed("repaid_on", required: false) { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
            let rate = parsed("daily_rate", required: false) { (s: String) throws(ParseError) in try Rate(parsing: s) }
            let commitment = parsed("commitment", required: false) { (s: String) throws(ParseError) in try Money(parsing: s) }
            let days = parsed("days", required: false) { (s: String) throws(ParseError) -> Int in
                guard let days = Int(s), days >= 0 else { throw ParseError(input: s, kind: "days", reason: "expected a whole number of days") }
                return days
            }
            let fee = parsed("fee", required: false) { (s: String) throws(ParseError) in try Money(parsing: s) }
            if let advanced, let repaid, repaid < advanced {
                rowProblems.append(ImportProblem(file: file, line: record.line, field: "repaid_on", message: "\(repaid) is before the advance on \(advanced)"))
            }

            guard rowProblems.isEmpty, let id, let code, let bank, let amount, let advanced else {
                problems += rowProblems
                continue
            }
            let request = BridgeAdvanceRequest(id: id, enterprise: code, enterpriseName: value("enterprise"), bank: bank,
                                               county: value("county") ?? "", amount: amount, date: advanced, maturingLoan: value("loan_id"),
                                               commitment: commitment, dailyRate: rate, account: value("account"))
            if let (field, violation) = request.ruleViolation() {
                problems.append(ImportProblem(file: file, line: record.line, field: field == "name" ? "enterprise" : field, message: violation.message))
                continue
            }
            // Days and fee planned for an advance not yet repaid are the clerk's: not checked.
            rows.append(Row(request: request, repaid: repaid, statedDays: repaid == nil ? nil : days, statedFee: repaid == nil ? nil : fee,
                            line: record.line))
        }
        return (rows, skipped, problems.closed())
    }
}
